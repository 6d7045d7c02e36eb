"""The class's answers to polls, shared with learners only when the tutor allows it.

The tutor's class view writes one small file next to the class's answers: for each poll the tutor
has switched on, the number of learners who chose each option, and nothing else (no names, no
files, no other questions). It is written only once at least ``MIN_ANSWERS`` learners have
answered, so nobody can work out one person's view. A learner's kernel reads only this file,
never another learner's answers.

    <class folder>/.poll-results.json     (or the file named by $WR_POLL_RESULTS)

The name starts with a dot, so the class's own readers (the class view, the CSV export) never
take it for a learner's file.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

FORMAT = "working-relationships-poll-results"
VERSION = 1
FILE_NAME = ".poll-results.json"
#: Counts are shared only once this many learners have answered a poll.
MIN_ANSWERS = 3
_MAX_BYTES = 1_000_000


@dataclass(frozen=True)
class Spread:
    """How many learners chose each option of one poll."""

    options: tuple[str, ...]
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)

    def as_json(self) -> dict[str, Any]:
        return {"options": list(self.options), "counts": list(self.counts), "total": self.total}


def results_path(folder: Path | str) -> Path:
    """Where the class view publishes for the class whose answers are in ``folder``."""
    env = os.environ.get("WR_POLL_RESULTS")
    return Path(env).expanduser() if env else Path(folder) / FILE_NAME


def learner_paths() -> list[Path]:
    """Where a learner's kernel looks: $WR_POLL_RESULTS, else beside the learner's answers (a
    shared class folder) or one folder up (a class drop folder with one sub-folder per learner)."""
    env = os.environ.get("WR_POLL_RESULTS")
    if env:
        return [Path(env).expanduser()]
    from widgets.quizzes.store import answers_dir

    here = answers_dir()
    return [here / FILE_NAME, here.parent / FILE_NAME]


def content(polls: Mapping[str, Mapping[str, Spread | None]]) -> dict[str, Any]:
    """The shared polls as JSON: counts once ``MIN_ANSWERS`` have answered, else "waiting"."""
    return {
        quiz: {
            qid: spread.as_json()
            if spread is not None and spread.total >= MIN_ANSWERS
            else {"waiting": True, "min": MIN_ANSWERS}
            for qid, spread in sorted(questions.items())
        }
        for quiz, questions in sorted(polls.items())
        if questions
    }


def publish(path: Path, polls: Mapping[str, Mapping[str, Spread | None]]) -> None:
    """Write the shared file atomically (readers see the old file or the new one, never half)."""
    data = {
        "format": FORMAT,
        "version": VERSION,
        "updated": datetime.now(UTC).isoformat(timespec="seconds"),
        "polls": content(polls),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".poll-results.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1, sort_keys=True)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # learners' kernels read it; only the tutor writes it
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_published(paths: Sequence[Path]) -> dict[str, Any]:
    """The first readable shared file's content, or {} (a missing or damaged file shares nothing)."""
    for path in paths:
        try:
            if path.stat().st_size > _MAX_BYTES:
                continue
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            continue
        if isinstance(data, dict) and data.get("format") == FORMAT:
            return data
    return {}


def _spread_from(entry: Any) -> Spread | None:
    if not isinstance(entry, dict):
        return None
    options, counts = entry.get("options"), entry.get("counts")
    if not (isinstance(options, list) and isinstance(counts, list)) or len(options) != len(counts):
        return None
    if not all(isinstance(o, str) for o in options):
        return None
    if not all(isinstance(c, int) and not isinstance(c, bool) and c >= 0 for c in counts):
        return None
    return Spread(tuple(options), tuple(counts))


def class_spread(quiz_id: str, question_id: str, paths: Sequence[Path] | None = None) -> dict:
    """What a learner's poll shows under "How the class answered": words and numbers only."""
    data = read_published(learner_paths() if paths is None else paths)
    polls = data.get("polls")
    entry = polls.get(quiz_id) if isinstance(polls, dict) else None
    raw = entry.get(question_id) if isinstance(entry, dict) else None
    spread = _spread_from(raw)
    if isinstance(raw, dict) and raw.get("waiting"):
        return {
            "status": "waiting",
            "message": "Your tutor is sharing the class's answers to this question. They are "
            f"shown once at least {MIN_ANSWERS} learners have answered.",
            "rows": [],
        }
    if spread is None or spread.total < MIN_ANSWERS:
        now = datetime.now().strftime("%H:%M:%S")
        return {
            "status": "off",
            "message": "Your tutor has not shared the class's answers to this question yet "
            f"(asked at {now}).",
            "rows": [],
        }
    total = spread.total
    rows = [
        {
            "label": label,
            "count": count,
            "percent": round(100 * count / total) if total else 0,
        }
        for label, count in zip(spread.options, spread.counts, strict=True)
    ]
    updated = str(data.get("updated", ""))
    when = updated[11:16] if len(updated) >= 16 else ""
    return {
        "status": "shown",
        "message": f"How the class answered ({total} learner{'s' if total != 1 else ''}"
        + (f", at {when} UTC" if when else "")
        + "):",
        "rows": rows,
        "total": total,
    }
