"""Small dilemma files for tests, built as data and written as YAML, and line look-ups.

Line numbers are found in the written text (never typed into a test), so a test that expects
"line N" stays right when the fixture changes.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

GOOD: dict[str, Any] = {
    "title": "A small dilemma",
    "setting": "Residential care home",
    "introduction": "A short scene for the tests.",
    "sections": ["families-carers"],
    "scenes": [
        {
            "id": "first",
            "title": "The first choice",
            "text": "Someone asks you something.",
            "choices": [
                {"text": "Share it", "consequence": "It is shared.", "score": 0, "next": "second"},
                {"text": "Ask first", "consequence": "You ask.", "score": 2, "next": "end-good"},
            ],
        },
        {
            "id": "second",
            "title": "The second choice",
            "text": "It went wrong.",
            "choices": [
                {"text": "Own up", "consequence": "You tell.", "score": 1, "next": "end-good"},
                {"text": "Hide it", "consequence": "You hide.", "next": "end-bad"},
            ],
        },
        {
            "id": "end-good",
            "title": "Good end",
            "text": "It ended well.",
            "outcome": "All is well.",
            "good_practice": "Ask first.",
        },
        {
            "id": "end-bad",
            "title": "Bad end",
            "text": "It ended badly.",
            "outcome": "Trust is lost.",
            "good_practice": "Own up.",
        },
    ],
}


def good() -> dict[str, Any]:
    return copy.deepcopy(GOOD)


def write(folder: Path, data: Any, name: str = "small-dilemma.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    text = (
        data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    )
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, needle: str, after: str | None = None) -> int:
    """The 1-based line of the first line holding ``needle`` (after the line holding ``after``)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = 0
    if after is not None:
        start = next(n for n, line in enumerate(lines) if after in line)
    for n in range(start, len(lines)):
        if needle in lines[n]:
            return n + 1
    raise AssertionError(f"{needle!r} not in {path}")


def scene(data: dict[str, Any], scene_id: str) -> dict[str, Any]:
    return next(s for s in data["scenes"] if s.get("id") == scene_id)
