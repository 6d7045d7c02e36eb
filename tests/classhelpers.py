"""Helpers for the class view tests: learners answering through the real quiz and saved files."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from widgets.quizzes.models import _Question
from widgets.quizzes.quiz import Quiz
from widgets.quizzes.session import Session
from widgets.quizzes.store import AnswerStore


def answer_in_quiz(
    folder: Path, learner: str, quiz_id: str, picks: Mapping[str, list[int]], bank
) -> Quiz:
    """A learner answers some questions the way the page does (choose, press Check); the quiz
    saves each answer to the learner's file in ``folder``. Picks are canonical selections."""
    session = Session(learner, folder)
    quiz = Quiz([bank.get(q) for q in picks], quiz_id=quiz_id, title="t", session=session)
    for w in quiz.questions:
        w.choose(*w.to_shown(picks[w.question.id]))
        w.press_check()
    return quiz


def record(q: _Question, selection: Sequence[int], attempts: int = 1) -> dict[str, Any]:
    """The record the quiz saves for this selection (what `QuestionWidget._result` writes)."""
    grade = q.grade(list(selection))
    return {
        "selected": list(selection),
        "answer": q.describe(list(selection)),
        "answered": grade.answered,
        "correct": grade.correct,
        "score": round(grade.score, 4),
        "attempts": attempts,
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def save_answers(
    folder: Path, learner: str, quiz_id: str, picks: Sequence[tuple[_Question, list[int]]]
) -> Path:
    """Save answers straight through the store (no widgets): for many learners or processes."""
    store = AnswerStore(learner, folder)
    for q, sel in picks:
        store.save(quiz_id, q.id, record(q, sel))
    return store.path


def right(q: _Question) -> list[int]:
    """The canonical selection that scores 1 (any view for a poll)."""
    t = q.type
    if t in ("single", "multiple"):
        return [i for i, o in enumerate(q.options) if o.correct]
    if t == "true_false":
        return [0 if q.answer else 1]
    if t == "sorting":
        ids = [c.id for c in q.categories]
        return [ids.index(i.category) for i in q.items]
    if t == "matching":
        return list(range(len(q.pairs)))
    if t == "ordering":
        return list(range(len(q.items)))
    return [0]


def wrong(q: _Question, k: int = 0) -> list[int]:
    """A canonical selection that is not right; ``k`` picks among several wrong ones."""
    t = q.type
    if t in ("single", "multiple"):
        bad = [i for i, o in enumerate(q.options) if not o.correct]
        return [bad[k % len(bad)]]
    if t == "true_false":
        return [1 if q.answer else 0]
    if t == "ordering":
        return list(reversed(range(len(q.items))))
    if t in ("matching", "sorting"):
        good = right(q)
        n = len(q.pairs) if t == "matching" else len(q.categories)
        return [(c + 1 + k % (n - 1)) % n for c in good]
    return [(k + 1) % len(q.options)]


def send(widget, **content: Any) -> None:
    """Deliver a message from the page to the widget's kernel side, as a click would."""
    widget._msg_callbacks(widget, content, [])
