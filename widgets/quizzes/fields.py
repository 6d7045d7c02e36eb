"""Every piece of text a learner reads in a question, and the line of the bank file it is on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from widgets.quizzes.models import _Question


def units(q: _Question) -> Iterator[tuple[str, str]]:
    """(field, text) for every piece of text a learner reads in a question."""
    data = q.model_dump(exclude_none=True)
    for key in ("prompt", "hint", "feedback_true", "feedback_false", "model_answer"):
        if data.get(key):
            yield key, data[key]
    for group, keys in (
        ("options", ("text", "feedback")),
        ("pairs", ("left", "right", "feedback")),
        ("items", ("text", "feedback")),
        ("categories", ("label",)),
    ):
        for n, part in enumerate(data.get(group) or []):
            for key in keys:
                yield f"{group}[{n}].{key}", part[key]
    for group in ("distractors", "frame", "self_check"):
        for n, text in enumerate(data.get(group) or []):
            yield f"{group}[{n}]", text


def question_text(q: _Question) -> str:
    return " ".join(text for _f, text in units(q))


class LineFinder:
    """Line numbers of questions and their fields, from the YAML node tree."""

    def __init__(self, path: Path) -> None:
        try:
            root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            root = None
        self.questions: list[Any] = []
        if isinstance(root, yaml.MappingNode):
            for key, value in root.value:
                if key.value == "questions" and isinstance(value, yaml.SequenceNode):
                    self.questions = list(value.value)

    def line(self, index: int, field_path: str = "") -> int | None:
        if index >= len(self.questions):
            return None
        node = self.questions[index]
        for part in field_path.replace("]", "").replace("[", ".").split("."):
            if not part:
                continue
            if isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if k.value == part), node)
            elif isinstance(node, yaml.SequenceNode) and part.isdigit():
                node = node.value[int(part)] if int(part) < len(node.value) else node
        return node.start_mark.line + 1
