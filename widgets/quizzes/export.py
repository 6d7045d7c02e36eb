"""The tutor's view: every learner's saved answers in one CSV file, safe to open in a spreadsheet."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from widgets.csvsafe import csv_text as _csv_text
from widgets.quizzes.identity import COMPUTER_KEY, COMPUTER_LABEL, STEM
from widgets.quizzes.store import FORMAT, Unreadable, iter_files, parse

COLUMNS = ["learner", "quiz", "question_id", "answer", "correct", "score", "attempts", "time"]


def rows_for(
    learner: str, answers: dict[str, dict[str, dict[str, Any]]]
) -> list[dict[str, object]]:
    """One row per answer of one learner."""
    out: list[dict[str, object]] = []
    for quiz, records in sorted(answers.items()):
        for qid, rec in sorted(records.items()):
            out.append(
                {
                    "learner": learner,
                    "quiz": quiz,
                    "question_id": qid,
                    "answer": rec.get("answer", ""),
                    "correct": bool(rec.get("correct")),
                    "score": rec.get("score", 0),
                    "attempts": rec.get("attempts", 0),
                    "time": rec.get("time") or "",
                }
            )
    return out


@dataclass
class Collected:
    """What a folder held: rows, files or records left out (with why), learners found."""

    rows: list[dict[str, object]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    learners: int = 0


def collect(files: Iterable[Path]) -> Collected:
    """Read answers files; a damaged one is listed in `skipped`, never dropped silently.

    A JSON file that is not an answers file (it has no answers-file format mark) is left out
    without a word: it is not a learner's answers."""
    found = Collected()
    for path in files:
        path = Path(path)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            found.skipped.append(f"{path.name}: could not be opened ({exc.strerror or exc})")
            continue
        try:
            data, bad = parse(raw)
        except Unreadable as exc:
            if not STEM.match(path.stem) and _is_other_json(raw):
                continue
            found.skipped.append(f"{path.name}: {exc}")
            continue
        learner = data["learner"] or (COMPUTER_LABEL if data.get("key") == COMPUTER_KEY else "")
        found.rows.extend(rows_for(learner, data["answers"]))
        found.learners += 1
        if bad:
            found.skipped.append(
                f"{path.name}: {bad} answer{'s' if bad != 1 else ''} could not be read"
            )
    return found


def _is_other_json(raw: bytes) -> bool:
    """True for readable JSON that is not marked as an answers file (settings, notes ...)."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return False
    return not (isinstance(data, dict) and data.get("format") == FORMAT)


def rows(files: Iterable[Path]) -> tuple[list[dict[str, object]], list[str]]:
    """One row per saved answer, and what could not be read."""
    found = collect(files)
    return found.rows, found.skipped


def csv_text(found: list[dict[str, object]]) -> str:
    """The CSV text for some rows, every cell made safe for a spreadsheet."""
    return _csv_text(COLUMNS, found)


def class_csv(directory: Path | str) -> tuple[str, list[str]]:
    """The CSV text for every learner's file in a folder, and what was left out."""
    found = collect(iter_files(directory))
    return csv_text(found.rows), found.skipped


def class_csv_for(files: Iterable[Path]) -> str:
    """The CSV text for some saved-answer files (a missing file gives just the header)."""
    return csv_text(collect(p for p in files if Path(p).exists()).rows)
