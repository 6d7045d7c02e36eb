"""Scores in words a learner reads at a glance: "3 of 5 right", with partial credit explained.

The kernel writes every sentence; the page only shows them, so the words are tested in Python and
read the same in JupyterLab, Voilà and a screen reader.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

PARTIAL_RULE = (
    "A partly right answer earns part of a mark: for example, 2 of 3 matches right earns "
    "two thirds of a mark."
)


@dataclass(frozen=True)
class Tally:
    """How many questions a quiz has, how many are answered, right and partly right."""

    total: int
    answered: int
    right: int
    partly: int
    marks: float

    @classmethod
    def of(cls, total: int, scores: Iterable[float | None]) -> Tally:
        """``scores`` holds one score from 0 to 1 per answered question (None: not answered)."""
        given = [s for s in scores if s is not None]
        return cls(
            total=total,
            answered=len(given),
            right=sum(1 for s in given if s >= 1.0),
            partly=sum(1 for s in given if 0.0 < s < 1.0),
            marks=round(sum(given), 4),
        )

    @property
    def wrong(self) -> int:
        return self.answered - self.right - self.partly

    @property
    def percent(self) -> int:
        return round(100 * self.marks / self.total) if self.total else 0


def marks(x: float) -> str:
    """2 -> '2', 2.3333 -> '2.3' (one decimal at most)."""
    x = round(x, 1)
    return str(int(x)) if float(x).is_integer() else f"{x:.1f}"


def progress_words(t: Tally) -> str:
    """'2 of 5 questions answered: 1 right, 1 partly right.'"""
    head = f"{t.answered} of {t.total} questions answered"
    if not t.answered:
        return head + "."
    parts = [f"{t.right} right"]
    if t.partly:
        parts.append(f"{t.partly} partly right")
    if t.wrong:
        parts.append(f"{t.wrong} not right yet")
    return f"{head}: {', '.join(parts)}."


def final_words(t: Tally) -> tuple[str, str]:
    """The final score and, when some answers were partly right, how that counts.

    ('Final score: 4 of 5 right (80%).', '') or
    ('Final score: 3 of 5 right, 1 partly right.',
     'A partly right answer earns part of a mark … Your marks: 3.5 of 5 (70%).')
    """
    if not t.partly:
        return f"Final score: {t.right} of {t.total} right ({t.percent}%).", ""
    head = f"Final score: {t.right} of {t.total} right, {t.partly} partly right."
    return head, f"{PARTIAL_RULE} Your marks: {marks(t.marks)} of {t.total} ({t.percent}%)."


def question_state(answered: bool, score: float) -> str:
    """'not answered', 'not right yet' or 'partly right: 33% of this question' (review list)."""
    if not answered:
        return "not answered"
    if score <= 0:
        return "not right yet"
    return f"partly right: {round(score * 100)}% of this question"
