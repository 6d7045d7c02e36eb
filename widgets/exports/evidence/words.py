"""The sentences a portfolio document is made of, shared by the Word and PDF versions, so both say
the same thing in the same order."""

from __future__ import annotations

from datetime import date, datetime

from widgets.exports.evidence.collect import Evidence, WrittenEvidence
from widgets.written.text import clean

TITLE = "Portfolio evidence"
ABOUT = (
    "Written answers from the Working relationships in health and social care notebooks, each under "
    "the criterion it gives evidence for, with the tutor's decision where there is one, and the "
    "learner's quiz scores by topic."
)
NO_WRITTEN = "No written answers yet."
NO_SCORES = "No quiz answers yet."
SCORE_COLUMNS = ("Topic", "Questions answered", "Score (questions with a right answer)")


def safe(text: object) -> str:
    """Any text as plain characters a document can hold (control characters removed)."""
    return clean(str(text))


def day(value: date | str) -> str:
    """'30 November 2026' from a date or an ISO time; the text itself when it is neither."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return safe(value)
    return f"{value.day} {value:%B %Y}"


def when(value: str) -> str:
    """'30 November 2026 at 10:42 UTC' from an ISO time."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return safe(value)
    zone = " UTC" if moment.utcoffset() is not None and not moment.utcoffset() else ""
    return f"{day(moment)} at {moment:%H:%M}{zone}"


def cover(ev: Evidence) -> list[tuple[str, str]]:
    """(label, value) lines of the cover."""
    return [
        ("Learner", safe(ev.learner)),
        ("Date", day(ev.made)),
        ("Unit", safe(ev.unit.title)),
        ("Qualification", safe(ev.unit.qualification)),
    ]


def saved_line(w: WrittenEvidence) -> str:
    parts = [f"Saved on {when(w.time)}" if w.time else "Saved", f"{w.words} words"]
    return ". ".join(parts) + "."


def check_line(item: str, ticked: bool) -> str:
    return f"{'✓ Ticked' if ticked else '✗ Not ticked'}: {safe(item)}"


def decision_lines(w: WrittenEvidence) -> list[str]:
    """What the tutor decided, in words (never colour alone)."""
    if w.mark is None:
        return ["Tutor's decision: not marked yet."]
    lines = [f"Tutor's decision: {w.mark.words}."]
    if w.mark.comment:
        lines.append(f"Tutor's comment: {safe(w.mark.comment)}")
    if w.mark.time:
        lines.append(f"Marked on {day(w.mark.time)}.")
    if w.changed:
        lines.append("The learner changed this answer after it was marked.")
    return lines


def model_line(w: WrittenEvidence) -> str:
    if not w.model_opened:
        return ""
    return f"The learner opened the model answer on {when(w.model_opened)}."


def paragraphs(text: str) -> list[str]:
    """The learner's text as paragraphs, one for each line they wrote (blank lines dropped)."""
    return [line for line in safe(text).split("\n") if line.strip()]
