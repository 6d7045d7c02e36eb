"""Problems in a dilemma file as sentences: file, line, scene, field, what was found, what was expected.

``Report`` collects them for one file; ``model_problems`` puts pydantic's findings in a designer's
words (a missing consequence, text that YAML read as a value, a misspelt field, points out of range).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from widgets.dilemmas.models import ID_RULE, MAX_POINTS
from widgets.dilemmas.reader import LineMap
from widgets.errors import DataError

HINTS = {
    "title": "a short title",
    "setting": "where it happens, like 'Residential care home'",
    "introduction": "one or two sentences that set the scene",
    "sections": "a list of guide section ids, like [families-carers]",
    "scenes": "a list of scenes",
    "id": "an id for the scene",
    "text": "the text to show",
    "consequence": "what happens because of this choice (shown before the next scene)",
    "next": "the id of the scene this choice leads to",
    "outcome": "how things ended, for an end scene",
    "good_practice": "what good practice was, for an end scene",
}
POINTS = f"a whole number of points from 0 to {MAX_POINTS}"
EXPECTED = {
    "list_type": "a list (lines starting with '- ')",
    "model_type": "a mapping of 'field: value' lines",
    "dict_type": "a mapping of 'field: value' lines",
    "string_pattern_mismatch": ID_RULE,
    "int_type": POINTS,
    "int_parsing": POINTS,
    "int_from_float": POINTS,
    "greater_than_equal": POINTS,
    "less_than_equal": POINTS,
}
_FIELDS = {
    (): ["title", "setting", "introduction", "sections", "sources", "start", "scenes"],
    ("scenes",): ["id", "title", "who", "where", "text", "choices", "outcome", "good_practice"],
    ("scenes", "choices"): ["text", "consequence", "next", "score"],
}


def _field(loc: tuple[Any, ...]) -> str:
    out = ""
    for p in loc:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


class Report:
    """Collects problems for one file, naming the scene a field belongs to."""

    def __init__(self, path: Path, data: Any, lines: LineMap) -> None:
        self.path, self.data, self.lines = path, data, lines
        self.errors: list[DataError] = []

    def scene_name(self, n: int) -> str:
        scene = self.data["scenes"][n]
        sid = scene.get("id") if isinstance(scene, dict) else None
        return str(sid) if isinstance(sid, str) and sid else f"#{n + 1}"

    def add(self, loc: tuple[Any, ...], problem: str, expected: str = "", value: Any = None):
        if len(loc) >= 2 and loc[0] == "scenes" and isinstance(loc[1], int):
            word, field = f"scene '{self.scene_name(loc[1])}', field", _field(loc[2:]) or "id"
        else:
            word, field = "field", _field(loc) or "scenes"
        self.errors.append(
            DataError(
                self.path,
                problem,
                line=self.lines.line(loc),
                column=field,
                value=value,
                expected=expected,
                column_word=word,
            )
        )


def model_problems(report: Report, exc: ValidationError) -> None:
    """Pydantic's findings in the designer's words."""
    for err in exc.errors():
        loc, kind, value = tuple(err["loc"]), err["type"], err.get("input")
        name = str(loc[-1]) if loc else ""
        if kind == "missing":
            report.add(loc, "is missing", HINTS.get(name, "a value for this field"))
        elif kind == "string_too_short" or (kind == "string_type" and value is None):
            report.add(loc, "is empty", HINTS.get(name, "some text"))
        elif kind == "string_type" and isinstance(value, bool | int | float):
            report.add(
                loc,
                "is not text",
                "text; YAML reads words like Yes, No, On, Off and numbers as values, "
                "so put it in quotes, like 'No'",
                value,
            )
        elif kind == "extra_forbidden":
            shape = tuple(p for p in loc[:-1] if isinstance(p, str))
            allowed = ", ".join(_FIELDS.get(shape, []))
            report.add(loc, "is not a field here", f"one of: {allowed}", name)
        elif kind == "too_short":
            report.add(loc, "is empty", HINTS.get(name, "at least one entry"))
        else:
            shown = value if isinstance(value, str | int | float) else None
            problem = "is not a usable id" if kind == "string_pattern_mismatch" else "is not right"
            if kind in ("greater_than_equal", "less_than_equal"):
                problem = "is out of range"
            report.add(loc, problem, EXPECTED.get(kind, err["msg"]), shown)
