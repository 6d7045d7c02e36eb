"""The unit's assessment criteria (`data/criteria.yaml`): what written answers are evidence for.

    unit = load_unit()
    unit.title, unit.qualification          # "Responsibilities of a care worker", "Level 2/3 ..."
    unit.text("1.1")                        # the criterion's wording
    unit.order("3.2") < unit.order("4.2")   # the order answers are listed in a portfolio

Read with the collection's strict safe YAML loader; every problem is reported at once, naming
the file, line and field.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from widgets.dataset import default_data_dir
from widgets.errors import DataError, DataErrors, raise_all
from widgets.quizzes.models import CRITERION
from widgets.readonce import read_once
from widgets.yamlsafe import YamlSyntaxError, parse

FILE_NAME = "criteria.yaml"
NUMBER_HINT = "a criterion number in quotes, like '1.1'"


@dataclass(frozen=True)
class Criterion:
    number: str
    text: str

    @property
    def label(self) -> str:
        """ "1.1 Explain how …" as a heading."""
        return f"{self.number} {self.text}"


@dataclass(frozen=True)
class Unit:
    """The unit and its criteria in the order a portfolio lists them."""

    title: str
    qualification: str
    criteria: tuple[Criterion, ...]

    def get(self, number: str) -> Criterion | None:
        return next((c for c in self.criteria if c.number == number), None)

    def text(self, number: str) -> str:
        found = self.get(number)
        return found.text if found else ""

    def order(self, number: str) -> tuple[int, ...]:
        """Sort key: the file's order, then any number the file does not list, by its parts."""
        for n, c in enumerate(self.criteria):
            if c.number == number:
                return (0, n)
        parts = tuple(int(p) for p in number.split(".") if p.isdigit())
        return (1, *parts)


def criteria_path(folder: Path | None = None) -> Path:
    return (folder or default_data_dir()) / FILE_NAME


def _line(node: yaml.Node | None, *path: Any) -> int | None:
    """The line a field starts on, from the composed YAML tree (None when not found)."""
    if node is None:
        return None
    best = node.start_mark.line + 1
    for key in path:
        child = None
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            child = node.value[key]
        if child is None:
            break
        node = child
        best = node.start_mark.line + 1
    return best


def read_unit(path: Path) -> Unit:
    """Read and check a criteria file; raise DataError(s) naming every problem."""
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
        parsed = parse(text)
    except FileNotFoundError:
        raise DataError(shown, "the file is missing", expected="the unit's criteria") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(shown, f"the file cannot be read ({exc})", expected="UTF-8 text") from None
    except YamlSyntaxError as exc:
        raise DataError(
            shown, exc.problem.problem, line=exc.problem.line, expected=exc.problem.expected
        ) from None
    if parsed.problems:
        raise DataErrors(
            DataError(shown, p.problem, line=p.line, value=p.value, expected=p.expected)
            for p in parsed.problems
        )
    data, tree = parsed.data, parsed.root
    errors: list[DataError] = []

    def problem(where: tuple[Any, ...], field: str, what: str, expected: str, value=None) -> None:
        errors.append(
            DataError(
                shown,
                what,
                line=_line(tree, *where),
                column=field,
                value=value,
                expected=expected,
                column_word="field",
            )
        )

    if not isinstance(data, dict):
        raise DataError(
            shown, "the file is empty or not a mapping", expected="unit, qualification and criteria"
        )
    for key in ("unit", "qualification"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            problem((key,), key, "is missing or empty", "one line of text")
    rows = data.get("criteria")
    criteria: list[Criterion] = []
    if not isinstance(rows, list) or not rows:
        problem(
            ("criteria",),
            "criteria",
            "is missing or empty",
            "a list of criteria (lines starting with '- ')",
        )
        rows = []
    seen: set[str] = set()
    import re

    for n, row in enumerate(rows):
        where = ("criteria", n)
        if not isinstance(row, dict):
            problem(where, f"criteria[{n}]", "is not a mapping", "number: and text: lines")
            continue
        number, wording = row.get("number"), row.get("text")
        if not isinstance(number, str) or not re.match(CRITERION, number.strip()):
            problem(
                (*where, "number"),
                f"criteria[{n}].number",
                "is not a criterion number",
                NUMBER_HINT,
                number,
            )
            continue
        number = number.strip()
        if number in seen:
            problem(
                (*where, "number"),
                f"criteria[{n}].number",
                "is listed twice",
                "each number once",
                number,
            )
        seen.add(number)
        if not isinstance(wording, str) or not wording.strip():
            problem(
                (*where, "text"),
                f"criteria[{n}].text",
                "is missing or empty",
                "the criterion's wording",
            )
            continue
        extra = sorted(set(row) - {"number", "text"})
        if extra:
            problem(
                where, f"criteria[{n}].{extra[0]}", "is not allowed here", "only number and text"
            )
        criteria.append(Criterion(number, " ".join(wording.split())))
    raise_all(errors)
    return Unit(
        " ".join(data["unit"].split()), " ".join(data["qualification"].split()), tuple(criteria)
    )


def load_unit(folder: Path | None = None) -> Unit:
    """The unit of the collection's data folder (read again only when the file changes)."""
    return read_once(criteria_path(folder), read_unit)
