"""What is saved for a learner's dilemma, and the one place it is saved.

A record lives in the learner's answers file under the quiz id ``dilemmas`` and the dilemma's id.
It keeps the path so far (with times) and every finished run, plus the fields every saved answer
has (``answer``, ``answered``, ``correct``, ``score``, ``attempts``, ``time``), so the class CSV
shows a dilemma like any question::

    {"kind": "dilemma", "path": [{"scene": "first-call", "choice": 1, "time": "..."}],
     "runs": [{"path": [...], "ending": "safe-answer", "points": 5, "best": 6, "time": "..."}],
     "answer": "Ended at 'A safe answer' (5 of 6 points): ...", "answered": true,
     "correct": false, "score": 0.8333, "attempts": 1, "time": "..."}
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from widgets.dilemmas.journey import Journey

QUIZ_ID = "dilemmas"
MAX_RUNS = 20


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def run_record(journey: Journey, when: str) -> dict[str, Any]:
    """A finished way through the dilemma."""
    return {
        "path": [s.as_dict() for s in journey.steps],
        "ending": journey.current.id,
        "points": journey.points,
        "best": journey.best.points,
        "time": when,
    }


def build_record(journey: Journey, runs: list[dict[str, Any]], when: str) -> dict[str, Any]:
    best = journey.best.points
    finished = journey.finished
    if finished:
        score = journey.points / best if best else 1.0
    else:
        score = 0.0
    in_progress = 1 if journey.steps and not finished else 0
    return {
        "kind": "dilemma",
        "path": [s.as_dict() for s in journey.steps],
        "ending": journey.current.id if finished else None,
        "runs": runs[-MAX_RUNS:],
        "points": journey.points,
        "best": best,
        "answer": journey.describe(),
        "answered": finished,
        "correct": journey.is_best(),
        "score": round(min(score, 1.0), 4),
        "attempts": len(runs) + in_progress,
        "time": when,
    }


@dataclass(frozen=True)
class SaveOutcome:
    ok: bool
    message: str = ""


def save(session: Any, dilemma_id: str, record: dict[str, Any]) -> SaveOutcome:
    """Save through the learner's session; a failure comes back as words for the learner.

    ``session.save`` may return nothing (saved), or a result with ``ok`` and ``message``; an
    error reading or writing the file is caught here, never shown as a traceback.
    """
    try:
        result = session.save(QUIZ_ID, dilemma_id, record)
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        return SaveOutcome(False, _not_saved(f"the answers file could not be written ({reason})"))
    if result is None:
        return SaveOutcome(True)
    ok = result.get("ok", True) if isinstance(result, dict) else getattr(result, "ok", True)
    message = (
        result.get("message", "") if isinstance(result, dict) else getattr(result, "message", "")
    )
    if ok:
        return SaveOutcome(True, str(message or ""))
    return SaveOutcome(False, _as_warning(str(message or "")))


def saved(session: Any, dilemma_id: str) -> tuple[dict[str, Any], SaveOutcome]:
    """This learner's saved record for a dilemma ({} when none), and a warning when unreadable."""
    try:
        found = session.answers(QUIZ_ID).get(dilemma_id)
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        return {}, SaveOutcome(
            False, f"⚠ Your saved path could not be read ({reason}). You can still work through it."
        )
    return (found if isinstance(found, dict) else {}), SaveOutcome(True)


def _not_saved(reason: str) -> str:
    return f"⚠ Your path is shown but was NOT saved: {reason}. It will be tried again at your next step."


def _as_warning(message: str) -> str:
    if not message:
        return _not_saved("the answers file could not be written")
    return message if message.startswith("⚠") else f"⚠ {message}"
