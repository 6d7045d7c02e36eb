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
    """How many questions a quiz has, how many are answered, right and partly right.

    Questions with no right answer count in `total` and `answered`, once answered as `views`
    (polls) or `written` (written answers, which a tutor marks), but not in `scored`, `right`,
    `partly` or `marks`.
    """

    total: int
    answered: int
    right: int
    partly: int
    marks: float
    scored: int = 0
    views: int = 0
    written: int = 0

    @classmethod
    def of(
        cls, questions: Iterable[tuple[bool, float | None] | tuple[bool, float | None, str]]
    ) -> Tally:
        """One (counts towards the score?, score from 0 to 1 or None when not answered[, type])
        per question; an unscored question of type "written" is a written answer, any other a view."""
        rows = [(*q, "")[:3] for q in questions]
        items = [(scored, s) for scored, s, _ in rows]
        given = [s for scored, s in items if scored and s is not None]
        written = sum(
            1 for scored, s, kind in rows if not scored and s is not None and kind == "written"
        )
        return cls(
            total=len(items),
            answered=sum(1 for _, s in items if s is not None),
            right=sum(1 for s in given if s >= 1.0),
            partly=sum(1 for s in given if 0.0 < s < 1.0),
            marks=round(sum(given), 4),
            scored=sum(1 for scored, _ in items if scored),
            views=sum(1 for scored, s in items if not scored and s is not None) - written,
            written=written,
        )

    @property
    def wrong(self) -> int:
        return self.answered - self.views - self.written - self.right - self.partly

    @property
    def percent(self) -> int:
        return round(100 * self.marks / self.scored) if self.scored else 0


def marks(x: float) -> str:
    """2 -> '2', 2.3333 -> '2.3' (one decimal at most)."""
    x = round(x, 1)
    return str(int(x)) if float(x).is_integer() else f"{x:.1f}"


def progress_words(t: Tally) -> str:
    """'2 of 5 questions answered: 1 right, 1 partly right.'"""
    head = f"{t.answered} of {t.total} questions answered"
    if not t.answered:
        return head + "."
    parts = [f"{t.right} right"] if t.answered > t.views + t.written else []
    if t.views:
        parts.append(f"{t.views} {'view' if t.views == 1 else 'views'} given")
    if t.written:
        parts.append(f"{t.written} written {'answer' if t.written == 1 else 'answers'} saved")
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
    if not t.scored:
        if t.written and not t.views:
            return "All done: your tutor reads written answers, so there is no score.", ""
        if t.written:
            return (
                "All done: these questions ask for your view or your own words, so there is no score.",
                "",
            )
        return "All done: these questions ask for your view, so there is no score.", ""
    if not t.partly:
        return f"Final score: {t.right} of {t.scored} right ({t.percent}%).", ""
    head = f"Final score: {t.right} of {t.scored} right, {t.partly} partly right."
    return head, f"{PARTIAL_RULE} Your marks: {marks(t.marks)} of {t.scored} ({t.percent}%)."


def question_state(answered: bool, score: float) -> str:
    """'not answered', 'not right yet' or 'partly right: 33% of this question' (review list)."""
    if not answered:
        return "not answered"
    if score <= 0:
        return "not right yet"
    return f"partly right: {round(score * 100)}% of this question"
