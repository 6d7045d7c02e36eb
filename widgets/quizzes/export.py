"""The tutor's view: every learner's saved answers in one CSV file."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path

from widgets.quizzes.store import iter_files

COLUMNS = ["learner", "quiz", "question_id", "answer", "correct", "score", "attempts", "time"]


def rows(files: Iterable[Path]) -> tuple[list[dict[str, object]], list[str]]:
    """One row per saved answer, and a list of files that could not be read (never dropped silently)."""
    out: list[dict[str, object]] = []
    skipped: list[str] = []
    for path in files:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            learner = str(data["learner"])
            quizzes = data["answers"].items()
            for quiz, answers in sorted(quizzes):
                for qid, rec in sorted(answers.items()):
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
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            skipped.append(f"{path}: {exc.__class__.__name__}: {exc}")
    return out, skipped


def class_csv(directory: Path | str) -> tuple[str, list[str]]:
    """The CSV text for every learner's file in a folder, and the files that were skipped."""
    found, skipped = rows(iter_files(directory))
    return _csv(found), skipped


def class_csv_for(files: Iterable[Path]) -> str:
    """The CSV text for some saved-answer files (a missing file gives just the header)."""
    return _csv(rows(p for p in files if Path(p).exists())[0])


def _csv(found: list[dict[str, object]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(found)
    return buf.getvalue()
