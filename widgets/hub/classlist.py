"""The class list a tutor gives the hub: who may log in, and who is a tutor.

A CSV file, as a spreadsheet saves it, with a header row::

    login,role
    sam-tutor,tutor
    amira,learner
    ben,

`login` is the name a person types to log in and the name of their account on the server:
lower-case letters, digits, `-` and `_`, starting with a letter, at most 32 characters. `role` is
`learner` (the default when empty) or `tutor`. Every problem in the file is reported at once, with
its line, as a :class:`widgets.errors.DataError`.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from widgets.errors import DataError, raise_all

LOGIN = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
ROLES = ("learner", "tutor")
# Names a class list must never hand to a learner, even if no such account exists yet.
RESERVED = frozenset(
    {"root", "admin", "administrator", "daemon", "bin", "sys", "nobody", "www-data", "jupyterhub"}
)


@dataclass
class ClassList:
    """The logins of a class, in the order of the file."""

    learners: list[str] = field(default_factory=list)
    tutors: list[str] = field(default_factory=list)

    @property
    def everyone(self) -> list[str]:
        return self.tutors + self.learners

    def role(self, login: str) -> str | None:
        if login in self.tutors:
            return "tutor"
        if login in self.learners:
            return "learner"
        return None


def read_class_list(path: Path | str) -> ClassList:
    """Read and check a class list; raise every problem at once."""
    path = Path(path)
    shown = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DataError(
            str(path), "the file is missing", expected="a CSV class list with a 'login' column"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(
            str(path), f"the file cannot be read ({exc.__class__.__name__})", expected="UTF-8 text"
        ) from None
    rows = list(csv.reader(text.splitlines()))
    if not rows or [c.strip().lower() for c in rows[0]][:1] != ["login"]:
        raise DataError(
            shown,
            "the first row is not the header",
            line=1,
            value=",".join(rows[0]) if rows else "",
            expected="a header row 'login,role'",
        )
    header = [c.strip().lower() for c in rows[0]]
    unknown = [c for c in header if c not in ("login", "role", "")]
    errors: list[DataError] = []
    if unknown:
        errors.append(
            DataError(
                shown,
                "is not a column of a class list",
                line=1,
                value=unknown[0],
                expected="the columns 'login' and 'role'",
            )
        )
    role_at = header.index("role") if "role" in header else None
    out = ClassList()
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        login = row[0].strip()
        role = (
            row[role_at].strip().lower() if role_at is not None and role_at < len(row) else ""
        ) or "learner"
        bad = False
        if not LOGIN.match(login):
            bad = True
            errors.append(
                DataError(
                    shown,
                    "is not a login name the server can use",
                    line=number,
                    column="login",
                    value=login,
                    expected="lower-case letters, digits, '-' or '_', starting with a letter, "
                    "at most 32 characters",
                )
            )
        elif login in RESERVED:
            bad = True
            errors.append(
                DataError(
                    shown,
                    "is kept for the system",
                    line=number,
                    column="login",
                    value=login,
                    expected="a person's own login name",
                )
            )
        elif login in seen:
            bad = True
            errors.append(
                DataError(
                    shown,
                    f"is already on line {seen[login]}",
                    line=number,
                    column="login",
                    value=login,
                    expected="each login once",
                )
            )
        if role not in ROLES:
            bad = True
            errors.append(
                DataError(
                    shown,
                    "is not a role",
                    line=number,
                    column="role",
                    value=role,
                    expected="'learner', 'tutor' or empty (learner)",
                )
            )
        if bad:
            continue
        seen[login] = number
        (out.tutors if role == "tutor" else out.learners).append(login)
    if not errors and not out.tutors:
        errors.append(
            DataError(
                shown,
                "names no tutor",
                expected="at least one row with the role 'tutor' (tutors see the class's answers)",
            )
        )
    raise_all(errors)
    return out
