"""One column of a table: its Table Schema field description, checked, and how to read its cells.

:func:`read_field` checks a field of ``datapackage.json`` (name, type, constraints) and returns a
:class:`FieldSpec`; :meth:`FieldSpec.convert` turns a cell's text into a value or says, in words,
why it does not fit; :meth:`FieldSpec.expected` says what a cell should hold.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

TYPES = ("string", "integer", "number", "boolean", "date")
CONSTRAINTS = (
    "required",
    "unique",
    "enum",
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
    "pattern",
)
_INTEGER = re.compile(r"[+-]?[0-9]{1,30}")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")
_TRUE = ("true", "True", "TRUE", "1")
_FALSE = ("false", "False", "FALSE", "0")
_NAME = {
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "date": "a date written YYYY-MM-DD",
}

Problem = Callable[..., None]  # problem(path, problem, value=..., expected=...)


def join(items: Iterable[object], limit: int = 12) -> str:
    """``a, b, c`` with at most ``limit`` items shown."""
    shown = [str(i) for i in items]
    if len(shown) > limit:
        shown = shown[:limit] + [f"… ({len(shown) - limit} more)"]
    return ", ".join(shown)


def suggest(value: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when one choice is close to ``value``."""
    close = difflib.get_close_matches(value, list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


@dataclass
class FieldSpec:
    """A column: name, type and the constraints this collection checks."""

    name: str
    type: str = "string"
    required: bool = False
    unique: bool = False
    enum: list[Any] | None = None
    minimum: Any = None
    maximum: Any = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: re.Pattern[str] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def parse(self, cell: str) -> tuple[Any, str | None]:
        """The typed value of a non-empty cell, or (None, why it is not of this type)."""
        if self.type == "integer":
            return (
                (int(cell), None) if _INTEGER.fullmatch(cell) else (None, "is not a whole number")
            )
        if self.type == "number":
            return (float(cell), None) if _NUMBER.fullmatch(cell) else (None, "is not a number")
        if self.type == "boolean":
            if cell in _TRUE or cell in _FALSE:
                return cell in _TRUE, None
            return None, "is not true or false"
        if self.type == "date":
            try:
                if len(cell) == 10:
                    return dt.date.fromisoformat(cell), None
            except ValueError:
                pass
            return None, "is not a date that exists"
        return cell, None

    def convert(self, cell: str) -> tuple[Any, str | None]:
        """(value, None) for a good cell; (None, problem) for a bad one. Empty cells are None."""
        if cell == "":
            return None, ("the cell is empty" if self.required else None)
        value, problem = self.parse(cell)
        if problem:
            return None, problem
        if self.type in ("integer", "number", "date"):
            if (self.minimum is not None and value < self.minimum) or (
                self.maximum is not None and value > self.maximum
            ):
                return None, "is out of range"
        if self.type == "string":
            if self.min_length is not None and len(value) < self.min_length:
                return None, f"is shorter than {self.min_length} characters"
            if self.max_length is not None and len(value) > self.max_length:
                return None, f"is longer than {self.max_length} characters"
            if self.pattern is not None and not self.pattern.fullmatch(value):
                return None, "does not have the form this column needs"
        if self.enum is not None and value not in self.enum:
            return None, "is not one of the allowed values"
        return value, None

    def expected(self, cell: str = "x") -> str:
        """What a cell of this column should hold, in words."""
        if cell == "":
            return "this column to be filled in on every row"
        if self.enum is not None:
            return "one of: " + join(self.enum)
        if self.type in ("integer", "number", "date"):
            what = _NAME[self.type]
            lo, hi = self.minimum, self.maximum
            if lo is not None and hi is not None:
                return f"{what} from {lo} to {hi}"
            if lo is not None:
                return f"{what} of at least {lo}"
            if hi is not None:
                return f"{what} no bigger than {hi}"
            return what
        if self.type == "boolean":
            return _NAME["boolean"]
        if self.pattern is not None:
            return _pattern_words(self.pattern.pattern)
        if self.max_length is not None:
            return f"text of at most {self.max_length} characters"
        if self.min_length is not None:
            return f"text of at least {self.min_length} characters"
        return "text"


def _pattern_words(pattern: str) -> str:
    if pattern in ("^[a-z0-9]+(-[a-z0-9]+)*$", "[a-z0-9]+(-[a-z0-9]+)*"):
        return "an id of lower-case letters and digits joined by single hyphens, like 'gp-visit'"
    if pattern in ("^[a-z][a-z0-9]*(_[a-z0-9]+)*$", "[a-z][a-z0-9]*(_[a-z0-9]+)*"):
        return "an id of lower-case letters and digits joined by underscores, like 'boundary_risk'"
    return f"text matching the pattern {pattern}"


def read_field(raw: Any, path: tuple[Any, ...], problem: Problem) -> FieldSpec | None:
    """Check one field description; report what is wrong through ``problem``.

    None when the column cannot be read at all (no name, or a type this collection does not
    read); a constraint that cannot be used is reported and the column is read without it.
    """
    if not isinstance(raw, dict):
        problem(path, "is not a field description", expected="an object with a 'name' and a 'type'")
        return None
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        problem((*path, "name"), "the field has no name", value=_scalar(name), expected="a name")
        return None
    kind = raw.get("type", "string")
    if kind not in TYPES:
        problem(
            (*path, "type"),
            "is not a field type this collection reads" + suggest(str(kind), TYPES),
            value=_scalar(kind),
            expected="one of: " + ", ".join(TYPES),
        )
        return None
    spec = FieldSpec(name=name, type=kind)
    cons = raw.get("constraints", {})
    if not isinstance(cons, dict):
        problem((*path, "constraints"), "is not a set of constraints", expected="an object")
        return spec
    for key, value in cons.items():  # a constraint that cannot be used is reported and left out
        _constraint(spec, key, value, (*path, "constraints", key), problem)
    if spec.enum is not None:
        values = [str(v).lower() if isinstance(v, bool) else str(v) for v in spec.enum]
        bad = [n for n, v in enumerate(values) if spec.convert(v)[1]]
        for n in bad:
            problem(
                (*path, "constraints", "enum", n),
                f"is not a {kind} value",
                value=_scalar(spec.enum[n]),
                expected=f"every allowed value to be {spec.expected()}",
            )
        spec.enum = None if bad else [spec.parse(v)[0] for v in values]
    return spec


def _constraint(spec: FieldSpec, key: str, value: Any, path: tuple, problem: Problem) -> bool:
    kind = spec.type
    if key in ("required", "unique"):
        if not isinstance(value, bool):
            problem(path, "is not true or false", value=_scalar(value), expected="true or false")
            return False
        setattr(spec, key, value)
    elif key == "enum":
        if (
            not isinstance(value, list)
            or not value
            or any(isinstance(v, dict | list) for v in value)
        ):
            problem(path, "is not a list of allowed values", expected='a list such as ["a", "b"]')
            return False
        spec.enum = list(value)
    elif key in ("minimum", "maximum"):
        if kind not in ("integer", "number", "date"):
            problem(
                path, f"does not apply to a {kind} field", expected="no minimum or maximum here"
            )
            return False
        parsed = None
        if kind == "date" and isinstance(value, str):
            parsed = spec.parse(value)[0]
        elif kind != "date" and isinstance(value, int | float) and not isinstance(value, bool):
            parsed = value if kind == "number" or isinstance(value, int) else None
        if parsed is None:
            problem(path, f"is not a {kind} bound", value=_scalar(value), expected=_NAME[kind])
            return False
        setattr(spec, key, parsed)
    elif key in ("minLength", "maxLength"):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            problem(
                path,
                "is not a length",
                value=_scalar(value),
                expected="a whole number of 0 or more",
            )
            return False
        setattr(spec, "min_length" if key == "minLength" else "max_length", value)
    elif key == "pattern":
        try:
            if not isinstance(value, str):
                raise TypeError
            spec.pattern = re.compile(value)
        except (re.error, TypeError, ValueError, RecursionError, OverflowError):
            problem(
                path,
                "is not a pattern that can be read",
                value=_scalar(value),
                expected="a regular expression",
            )
            return False
    else:
        problem(
            path,
            "is a constraint this collection does not check" + suggest(key, CONSTRAINTS),
            value=None,
            expected="only: " + ", ".join(CONSTRAINTS),
        )
        return False
    return True


def _scalar(value: Any) -> Any:
    """A value worth quoting in a message (containers are described, not dumped)."""
    return None if isinstance(value, dict | list) else value
