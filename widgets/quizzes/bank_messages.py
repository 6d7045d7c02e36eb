"""Turn what the question models found wrong into sentences a course designer can act on.

Each pydantic error becomes a :class:`~widgets.errors.DataError` naming the bank file, the line, the
question (by its id, or by its position when it has none) and the field, what was found and what
was expected.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

from pydantic import ValidationError

from widgets.errors import DataError, count
from widgets.quizzes.models import ID_RULE, TYPES

_TYPES = ", ".join(TYPES)
_PATH_IN_MESSAGE = re.compile(r"^(\w+)(?:\[(\d+)\])?(?:\.(\w+))?: ")

# What a course designer should have written, by pydantic error type: (problem, expected).
_BY_KIND: dict[str, tuple[str, str]] = {
    "string_type": ("is not text", "text"),
    "bool_type": ("is not true or false", "true or false"),
    "bool_parsing": ("is not true or false", "true or false"),
    "list_type": ("is not a list", "a list (lines starting with '- ')"),
    "string_pattern_mismatch": ("is not a valid id", ID_RULE),
    "literal_error": ("is not a question type", f"one of: {_TYPES}"),
    "model_type": ("is not a set of fields", "lines of 'field: value' under it"),
    "model_attributes_type": ("is not a set of fields", "lines of 'field: value' under it"),
    "dict_type": ("is not a set of fields", "lines of 'field: value' under it"),
    "recursion_loop": ("refers to itself", "each value written out"),
}
FIELD_HINTS = {
    "feedback": "a sentence that explains why",
    "feedback_true": "a sentence shown when the learner picks True",
    "feedback_false": "a sentence shown when the learner picks False",
    "text": "the text to show",
    "prompt": "the question to ask",
    "sections": "a list of guide section ids, like [boundaries]",
    "right": "the right-hand text of the pair",
    "left": "the left-hand text of the pair",
    "category": "the id of one of the categories",
    "label": "the words shown for this category",
    "answer": "true or false",
    "id": "an id for the question",
    "type": f"one of: {_TYPES}",
    "title": "a title for the bank",
    "questions": "a list of questions",
    "options": "a list of options, each with text, correct and feedback",
    "pairs": "a list of pairs, each with left, right and feedback",
    "items": "a list of items, each with text and feedback",
    "categories": "a list of categories, each with an id and a label",
}


def question_id(data: Any, loc: tuple[Any, ...]) -> str | None:
    """The id of the question a path points into ('#3' for the third when it has no id)."""
    if len(loc) >= 2 and loc[0] == "questions" and isinstance(loc[1], int):
        try:
            qid = data["questions"][loc[1]].get("id")
        except (TypeError, IndexError, KeyError, AttributeError):
            qid = None
        if isinstance(qid, str) and qid.strip():
            return qid
        return f"#{loc[1] + 1}"
    return None


def field_name(loc: tuple[Any, ...]) -> str | None:
    """The field inside a question ('options[1].feedback'), or None for the question itself."""
    parts = [
        p for p in loc if p not in TYPES and not (isinstance(p, str) and p.startswith("function-"))
    ]
    if len(parts) >= 2 and parts[0] == "questions" and isinstance(parts[1], int):
        parts = parts[2:]
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or None


def located(
    path: Path | str,
    data: Any,
    loc: tuple[Any, ...],
    line: int,
    problem: str,
    *,
    value: Any = None,
    expected: str | None = None,
) -> DataError:
    """A DataError for the value at ``loc`` in a bank, with its question and field named."""
    qid = question_id(data, loc)
    return DataError(
        path,
        problem,
        line=line,
        item=f"question '{qid}'" if qid else None,
        column=field_name(loc),
        column_word="field",
        value=value,
        expected=expected,
    )


def _phrase(err: dict, loc: tuple[Any, ...]) -> tuple[tuple[Any, ...], str, Any, str]:
    """(where, problem, value shown, expected) for one pydantic error."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    last = str(loc[-1]) if loc else ""
    value = err.get("input")
    if kind == "value_error":
        msg = err["msg"].removeprefix("Value error, ")
        hit = _PATH_IN_MESSAGE.match(msg)
        if hit:
            extra: list[Any] = [hit.group(1)] + ([int(hit.group(2))] if hit.group(2) else [])
            extra += [hit.group(3)] if hit.group(3) else []
            loc = tuple(extra) if extra[0] == "questions" else (*loc, *extra)
            msg = msg[hit.end() :]
        problem, _, expected = msg.partition("; expected ")
        return loc, problem, None, expected or "a value that fits this field"
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        tag = ctx.get("tag")
        if tag is None:
            return (*loc, "type"), "the field 'type' is missing", None, f"one of: {_TYPES}"
        return (*loc, "type"), "is not a question type", tag, f"one of: {_TYPES}"
    if kind == "missing":
        return loc, "is missing", None, FIELD_HINTS.get(last, "a value for this field")
    if kind == "string_too_short":
        return loc, "is empty", None, FIELD_HINTS.get(last, "words in this field")
    if kind == "too_short":
        have, need = ctx.get("actual_length"), ctx.get("min_length")
        problem = "has no entries" if not have else f"has only {count(have, 'entry', 'entries')}"
        return loc, problem, None, f"at least {count(need or 1, 'entry', 'entries')}"
    if kind == "extra_forbidden":
        return loc, "is not a field of this question or bank", last, _allowed(loc)
    if kind == "string_type" and isinstance(value, list | dict):
        shape = "a list" if isinstance(value, list) else "a set of 'field: value' lines"
        return (
            loc,
            f"is {shape}, not text",
            None,
            "text; put text in quotes when it holds ': ' or ' #', or starts with [, {, - or *",
        )
    if kind == "string_type" and isinstance(value, bool | int | float | None):
        return (
            loc,
            "is not text",
            value,
            "text; YAML reads true, false, null and numbers as values, so put them in "
            "quotes, like '10'",
        )
    problem, expected = _BY_KIND.get(kind, ("does not fit here", err["msg"]))
    return loc, problem, value, expected


def _allowed(loc: tuple[Any, ...]) -> str:
    """The fields a question of this type may have, when ``loc`` is a field of the question."""
    kinds = [i for i, p in enumerate(loc) if p in TYPES]
    if kinds and len(loc) == kinds[0] + 2:
        model = _question_models().get(loc[kinds[0]])
        if model is not None:
            names = [f for f in model.model_fields if f != "type"]
            return f"only the fields of a '{loc[kinds[0]]}' question: type, " + ", ".join(names)
    return "only the fields shown in docs/architecture.md (check the spelling)"


def _question_models() -> dict[str, Any]:
    """Question type -> its model, read from the Bank model's discriminated union."""
    from widgets.quizzes.models import Bank

    (item,) = get_args(Bank.model_fields["questions"].annotation)
    union = get_args(item)[0]
    return {get_args(m.model_fields["type"].annotation)[0]: m for m in get_args(union)}


def plain_path(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """A model's error path as keys and indices in the file (question type tags taken out)."""
    return tuple(
        p
        for i, p in enumerate(loc)
        if not (i == 2 and p in TYPES) and not (isinstance(p, str) and p.startswith("function-"))
    )


def model_problems(
    path: Path | str,
    data: Any,
    line_of: Callable[[tuple[Any, ...]], int],
    exc: ValidationError,
    already: set[tuple[Any, ...]] = frozenset(),  # type: ignore[assignment]
) -> list[DataError]:
    """Every problem pydantic found in one bank, as sentences.

    Problems at or under a path in ``already`` (reported while reading the YAML) are left out.
    """
    found = []
    for err in exc.errors():
        loc, problem, value, expected = _phrase(err, tuple(err["loc"]))
        plain = plain_path(loc)
        if any(plain[: len(p)] == p for p in already):
            continue
        if isinstance(value, dict | list):
            value = None
        found.append(
            located(path, data, loc, line_of(loc), problem, value=value, expected=expected)
        )
    return found
