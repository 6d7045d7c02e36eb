"""Read question banks from YAML and report every problem with its file, line, question and field."""

from __future__ import annotations

import contextlib
import csv
import functools
import gc
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from widgets.dataset import default_data_dir
from widgets.errors import DataError, DataErrors
from widgets.quizzes.models import TYPES, Bank

# What a course designer should have written, by pydantic error type.
EXPECTED = {
    "missing": "this field is required",
    "string_type": "text",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list (lines starting with '- ')",
    "too_short": "more entries",
    "extra_forbidden": "no such field (check the spelling against docs/architecture.md)",
    "union_tag_invalid": f"one of: {', '.join(TYPES)}",
    "union_tag_not_found": f"a 'type' field, one of: {', '.join(TYPES)}",
    "literal_error": f"one of: {', '.join(TYPES)}",
    "string_pattern_mismatch": "lower-case letters, digits and single hyphens, like 'gift-from-individual'",
    "model_type": "a mapping of 'field: value' lines",
    "model_attributes_type": "a mapping of 'field: value' lines",
}
_PATH_IN_MESSAGE = re.compile(r"^(\w+)(?:\[(\d+)\])?(?:\.(\w+))?: ")
FIELD_HINTS = {
    "feedback": "a sentence that explains why",
    "text": "the text to show",
    "prompt": "the question to ask",
    "sections": "a list of guide section ids, like [boundaries]",
    "right": "the right-hand text of the pair",
    "left": "the left-hand text of the pair",
    "category": "the id of one of the categories",
    "answer": "true or false",
    "id": "an id for the question",
    "type": f"one of: {', '.join(TYPES)}",
    "title": "a title for the bank",
    "questions": "a list of questions",
}


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


def section_titles(folder: Path | None = None) -> dict[str, str]:
    """Guide section id -> title, from guide_sections.csv (read with csv: no pandas needed here)."""
    path = (folder or default_data_dir()) / "guide_sections.csv"
    try:
        with path.open(encoding="utf-8", newline="") as f:
            return {
                row["id"]: row.get("title") or row["id"]
                for row in csv.DictReader(f)
                if row.get("id")
            }
    except (OSError, UnicodeDecodeError, KeyError):
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


class _Lines:
    """Maps a path of keys and indices in a YAML document to the line it starts on.

    The node tree is composed only when a problem needs a line number, so a good bank is parsed
    once (by `yaml.safe_load`), not twice.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._node: yaml.Node | None = None

    @property
    def node(self) -> yaml.Node | None:
        if self._node is None:
            with _gc_paused():
                self._node = yaml.compose(self._text, Loader=yaml.SafeLoader)
        return self._node

    def line(self, path: Iterable[Any]) -> int:
        node = self.node
        best = node.start_mark.line + 1 if node is not None else 1
        for key in path:
            child = None
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if k.value == key:
                        child = v if not isinstance(v, yaml.ScalarNode) or v.value else k
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
                if 0 <= key < len(node.value):
                    child = node.value[key]
            if child is None:
                continue  # a type tag in the path, or a missing field: stay on the parent
            node = child
            best = node.start_mark.line + 1
        return best


def _read(path: Path) -> tuple[Any, _Lines]:
    """Parse a YAML file safely; raise DataError with the line on any parse problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(
            path, "the file does not exist", expected="a question bank at this path"
        ) from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise DataError(
            path, "the file is not UTF-8 text", line=line, expected="text saved as UTF-8"
        ) from None
    try:
        with _gc_paused():
            data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        tab = (
            "\t" in text.splitlines()[mark.line]
            if mark and mark.line < len(text.splitlines())
            else False
        )
        expected = (
            "indentation with spaces, not tabs"
            if tab
            else "valid YAML (check colons, quotes and indentation)"
        )
        raise DataError(
            path, f"the file cannot be read: {exc.problem}", line=line, expected=expected
        ) from None
    except yaml.YAMLError as exc:
        raise DataError(path, f"the file cannot be read: {exc}", expected="valid YAML") from None
    return data, _Lines(text)


def _question_id(data: Any, loc: tuple[Any, ...]) -> str | None:
    if len(loc) >= 2 and loc[0] == "questions" and isinstance(loc[1], int):
        try:
            qid = data["questions"][loc[1]].get("id")
        except (TypeError, IndexError, KeyError, AttributeError):
            return None
        return str(qid) if qid is not None else f"#{loc[1] + 1}"
    return None


def _field(loc: tuple[Any, ...]) -> str:
    parts = [
        p for p in loc if p not in TYPES and not (isinstance(p, str) and p.startswith("function-"))
    ]
    if len(parts) >= 2 and parts[0] == "questions":
        parts = parts[2:]
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(question)"


def _word(qid: str | None) -> str:
    """How a field is named in a message: "question 'gift-cash', field 'options[1].feedback'"."""
    return f"question '{qid}', field" if qid else "field"


def _problems(path: Path, data: Any, lines: _Lines, exc: ValidationError) -> list[DataError]:
    found = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        kind = err["type"]
        value: Any = None
        if kind == "value_error":
            msg = err["msg"].removeprefix("Value error, ")
            hit = _PATH_IN_MESSAGE.match(msg)
            if hit:
                extra = [hit.group(1)] + ([int(hit.group(2))] if hit.group(2) else [])
                extra += [hit.group(3)] if hit.group(3) else []
                if extra[0] == "questions":  # a bank-level rule about one question
                    loc = tuple(extra)
                else:
                    loc = (*loc, *extra)
                msg = msg[hit.end() :]
            problem, _, expected = msg.partition("; expected ")
        elif kind in ("union_tag_invalid", "union_tag_not_found"):
            loc = (*loc, "type")
            value = (err.get("ctx") or {}).get("tag")
            problem = "is not a question type" if value is not None else "is missing"
            expected = EXPECTED[kind]
        elif kind == "missing":
            problem = "is missing"
            expected = FIELD_HINTS.get(str(loc[-1]), "a value for this field")
        elif kind == "string_too_short":
            problem = "is empty"
            expected = FIELD_HINTS.get(str(loc[-1]), "some text")
        elif kind == "string_type" and isinstance(err.get("input"), bool | int | float | None):
            value = err.get("input")
            problem = "is not text"
            expected = (
                "text; YAML reads words like Yes, No, On, Off, true and numbers as values, "
                "so put it in quotes, like 'No'"
            )
        else:
            value = err.get("input")
            problem = "is not allowed here" if kind == "extra_forbidden" else "is not right here"
            expected = EXPECTED.get(kind, err["msg"])
            if kind == "extra_forbidden":
                value = loc[-1]
        if isinstance(value, (dict, list)):
            value = None
        qid = _question_id(data, loc)
        found.append(
            DataError(
                path,
                problem,
                line=lines.line(loc),
                column=_field(loc),
                value=value,
                expected=expected,
                column_word=_word(qid),
            )
        )
    return found


def _raw_checks(path: Path, data: Any, lines: _Lines, known: set[str]) -> list[DataError]:
    """Bank-wide rules that pydantic only checks once every question is valid: run them always."""
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
                errors.append(
                    DataError(
                        path,
                        f"is used twice (first at line {lines.line(('questions', seen[qid]))})",
                        value=qid,
                        line=lines.line(("questions", n, "id")),
                        column="id",
                        column_word=_word(qid),
                        expected="a different id for every question in a bank",
                    )
                )
            else:
                seen[qid] = n
        sections = q.get("sections")
        if known and isinstance(sections, list):
            for k, sec in enumerate(sections):
                if isinstance(sec, str) and sec not in known:
                    errors.append(
                        DataError(
                            path,
                            "is not a section of the guide",
                            value=sec,
                            line=lines.line(("questions", n, "sections", k)),
                            column=f"sections[{k}]",
                            column_word=_word(qid if isinstance(qid, str) else None),
                            expected=f"one of the ids in data/guide_sections.csv ({', '.join(sorted(known))})",
                        )
                    )
    return errors


def read_bank(path: Path | str, sections: set[str] | None = None) -> Bank:
    """Load one bank; raise DataErrors listing every problem in it at once."""
    path = Path(path)
    data, lines = _read(path)
    known = set(section_titles()) if sections is None else sections
    errors = _raw_checks(path, data, lines, known)
    try:
        bank = Bank.model_validate(data)
    except ValidationError as exc:
        found = _problems(path, data, lines, exc)
        errors += [e for e in found if "is used twice" not in e.problem]
    if errors:
        errors.sort(key=lambda e: e.line or 0)
        raise DataErrors(errors)
    return bank


def load_bank(name: str) -> Bank:
    """A bank by id (the file name without .yaml) from data/quizzes/.

    A notebook often shows several quizzes from one bank: the file is read and checked once, and
    again only when it changes (the cache key holds its modification time and size).
    """
    path = banks_dir() / f"{name}.yaml"
    try:
        stat = path.stat()
    except OSError:
        return read_bank(path)  # reports the missing file in the usual words
    return _cached_bank(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=64)
def _cached_bank(path: str, _mtime_ns: int, _size: int) -> Bank:
    return read_bank(path)


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
        except DataErrors as exc:
            problems += exc.errors
        except DataError as exc:
            problems.append(exc)
    return problems
