"""Read question banks from YAML and report every problem with its file, line, question and field.

Banks are read with :mod:`widgets.yamlsafe` (libyaml through a strict subclass of
``yaml.CSafeLoader``): a key written twice, a tag outside YAML's core schema or a tab used for
indenting is reported like any other mistake. Guide sections are checked against the
``guide_sections.csv`` of the data folder the bank lives in (``<folder>/quizzes/<bank>.yaml``).
"""

from __future__ import annotations

import contextlib
import csv
import gc
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from pydantic import ValidationError

from widgets.dataset.folder import default_data_dir
from widgets.errors import DataError, DataErrors, flatten
from widgets.quizzes.bank_messages import located, model_problems
from widgets.quizzes.models import Bank
from widgets.readonce import read_once
from widgets.yamlsafe import Parsed, YamlSyntaxError, parse


def select_ids(
    questions: Iterable[tuple[str, Sequence[str]]],
    *,
    section: str | None = None,
    ids: Sequence[str] | None = None,
) -> list[str]:
    """The rule for which questions a quiz shows, from (id, sections) pairs in bank order.

    `ids` picks questions in that order (unknown ids are left out: callers report them);
    `section` then keeps those tagged with that guide section. The quiz and the coverage map
    both use this one rule.
    """
    pairs = [(str(qid), list(secs)) for qid, secs in questions]
    if ids is not None:
        known = dict(pairs)
        pairs = [(i, known[i]) for i in ids if i in known]
    if section is not None:
        pairs = [(qid, secs) for qid, secs in pairs if section in secs]
    return [qid for qid, _ in pairs]


def banks_dir() -> Path:
    return default_data_dir() / "quizzes"


def data_folder_of(bank: Path) -> Path:
    """The data folder a bank belongs to: the folder above ``quizzes/`` when it holds the guide's
    sections, otherwise the collection's data folder."""
    above = bank.resolve().parent.parent
    return above if (above / "guide_sections.csv").is_file() else default_data_dir()


def section_titles(folder: Path | None = None) -> dict[str, str]:
    """Guide section id -> title, from guide_sections.csv (read with csv: no pandas needed here)."""
    path = (folder or default_data_dir()) / "guide_sections.csv"
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            return {
                row["id"].strip(): (row.get("title") or row["id"]).strip()
                for row in csv.DictReader(f)
                if isinstance(row.get("id"), str) and row["id"].strip()
            }
    except (OSError, UnicodeDecodeError, KeyError, csv.Error):
        return {}


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Parsing builds many small objects at once; the cyclic collector only slows that down."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read(path: Path) -> Parsed:
    """Decode and parse one bank; raise DataError with the line when it is not YAML text at all."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(
            path, "the file does not exist", expected="a question bank at this path"
        ) from None
    except OSError as exc:
        raise DataError(
            path, f"the file cannot be opened ({exc.strerror})", expected="a readable file"
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(
            path,
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02X})",
            line=raw[: exc.start].count(b"\n") + 1,
            expected="text saved as UTF-8",
        ) from None
    try:
        return parse(text)
    except YamlSyntaxError as exc:
        p = exc.problem
        raise DataError(path, p.problem, line=p.line, expected=p.expected) from None


def _raw_checks(path: Path, parsed: Parsed, known: dict[str, str], where: str) -> list[DataError]:
    """Bank-wide rules that pydantic only checks once every question is valid: run them always."""
    data = parsed.data
    errors: list[DataError] = []
    questions = data.get("questions") if isinstance(data, dict) else None
    if not isinstance(questions, list):
        return errors
    seen: dict[str, int] = {}
    for n, q in enumerate(questions):
        if not isinstance(q, dict):
            continue
        qid = q.get("id")
        if isinstance(qid, str):
            if qid in seen:
                first = parsed.line(("questions", seen[qid]))
                errors.append(
                    located(
                        path,
                        data,
                        ("questions", n, "id"),
                        parsed.line(("questions", n, "id")),
                        f"is used twice (first at line {first})",
                        value=qid,
                        expected="a different id for every question in a bank",
                    )
                )
            else:
                seen[qid] = n
        sections = q.get("sections")
        if known and isinstance(sections, list):
            for k, sec in enumerate(sections):
                if isinstance(sec, str) and sec not in known:
                    loc = ("questions", n, "sections", k)
                    errors.append(
                        located(
                            path,
                            data,
                            loc,
                            parsed.line(loc),
                            f"is not a section of the guide in {where}",
                            value=sec,
                            expected="one of: " + ", ".join(sorted(known)),
                        )
                    )
    return errors


def read_bank(path: Path | str, sections: set[str] | dict[str, str] | None = None) -> Bank:
    """Load one bank; raise DataErrors listing every problem in it at once.

    ``sections`` are the guide section ids a question may name; by default those of the data
    folder the bank lives in (see :func:`data_folder_of`).
    """
    # Parsing and validating build many small objects at once; the cyclic collector would walk
    # them again and again. It stays paused until the node tree and the raw data are freed (by
    # reference counting, when _read_bank returns), so it later walks only the finished Bank.
    with _gc_paused():
        return _read_bank(Path(path), sections)


def _read_bank(path: Path, sections: set[str] | dict[str, str] | None) -> Bank:
    parsed = _read(path)
    folder = data_folder_of(path)
    known = dict.fromkeys(sections, "") if sections is not None else section_titles(folder)
    where = f"{folder.name}/guide_sections.csv"
    errors = [
        located(
            path, parsed.data, p.path, p.line or 1, p.problem, value=p.value, expected=p.expected
        )
        for p in parsed.problems
    ]
    reported = {p.path for p in parsed.problems if p.path}
    errors += _raw_checks(path, parsed, known, where)
    try:
        bank = Bank.model_validate(parsed.data)
    except ValidationError as exc:
        found = model_problems(path, parsed.data, parsed.line, exc, already=reported)
        errors += [e for e in found if "is used twice" not in e.problem]
    except RecursionError:
        errors.append(
            DataError(path, "the file is nested too deeply", expected="at most a few levels")
        )
    if errors:
        errors.sort(key=lambda e: e.line or 0)
        raise DataErrors(errors)
    return bank


def load_bank(name: str) -> Bank:
    """A bank by id (the file name without .yaml) from data/quizzes/.

    A notebook often shows several quizzes from one bank: the file is read and checked once, and
    again only when its content changes.
    """
    return read_once(banks_dir() / f"{name}.yaml", read_bank)


def check(paths: Iterable[Path | str]) -> list[DataError]:
    """Every problem in every bank under these files or folders (an empty list when all is well)."""
    problems: list[DataError] = []
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(p.glob("*.yaml")) + sorted(p.glob("*.yml"))
        else:
            files.append(p)
    for f in files:
        try:
            read_bank(f)
        except DataError as exc:
            problems += flatten(exc)
    return problems
