"""A quiz: questions with progress, a running and final score, saved answers and a review list.

A whole quiz (every question of a bank) has one header (title, description, one progress
indicator) and one summary (final score in words, what to review). A mini-quiz inside a lesson
(`section=` or `ids=`) shows only its questions: the lesson around it is the header.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

import ipywidgets as ipw
import traitlets as t

from widgets.quizzes.bank import select_ids
from widgets.quizzes.models import Bank, _Question
from widgets.quizzes.poll import widget_class
from widgets.quizzes.question import QuestionWidget, _Accessible
from widgets.quizzes.score_words import Tally, final_words, progress_words, question_state
from widgets.quizzes.session import SaveResult, Session, current_session


class QuizProgress(_Accessible):
    """The quiz title and progress bar (part='header') or the final summary (part='summary').

    Everything the page shows travels in one trait, `report`, so progress and summary always
    arrive together: the page never shows a new score beside an old review list.
    """

    kind = t.Unicode("progress").tag(sync=True)
    part = t.Unicode("header").tag(sync=True)
    title = t.Unicode().tag(sync=True)
    description = t.Unicode().tag(sync=True)
    report = t.Dict().tag(sync=True)

    @property
    def progress(self) -> dict[str, Any]:
        """Numbers only: answered, total, score and how many questions count towards the score."""
        return {k: self.report.get(k) for k in ("answered", "total", "score", "scored")}

    @property
    def summary(self) -> dict[str, Any]:
        return {k: self.report.get(k) for k in ("done", "review")}


class Quiz(ipw.VBox):
    """Questions from one bank, shown together with progress, score and a summary.

    `quiz_id` names the bank the answers are saved under; `seed` fixes the shuffled order of
    options (and of questions when `shuffle_questions` is true): the same seed gives the same order.
    """

    def __init__(
        self,
        questions: Sequence[_Question],
        *,
        quiz_id: str,
        title: str,
        description: str = "",
        seed: int | None = 0,
        shuffle_questions: bool = False,
        section_titles: dict[str, str] | None = None,
        session: Session | None = None,
        mini: bool = False,
    ) -> None:
        questions = list(questions)
        if shuffle_questions and seed is not None:
            random.Random(f"{seed}:{quiz_id}").shuffle(questions)
        self.quiz_id = quiz_id
        self.session = session or current_session()
        self.section_titles = section_titles or {}
        total = len(questions)
        self.questions = [
            widget_class(q)(
                q, number=n, total=total, seed=seed, quiz_id=quiz_id, on_check=self._checked
            )
            for n, q in enumerate(questions, start=1)
        ]
        for w in self.questions:
            if hasattr(w, "attach_session"):  # a written answer reads its tutor's marks through it
                w.attach_session(self.session)
        self.mini = mini
        self.header: QuizProgress | None = None
        self.footer: QuizProgress | None = None
        if not mini:
            self.header = QuizProgress(part="header", title=title, description=description)
            self.footer = QuizProgress(part="summary", title=title)
        parts = [self.header, *self.questions, self.footer]
        super().__init__([p for p in parts if p is not None])
        self.add_class("wr-quiz")
        self.add_class("wr-quiz-mini" if mini else "wr-quiz-whole")
        self.session.register(self)
        self.restore()

    # -- state -------------------------------------------------------------------------------
    @property
    def score(self) -> float:
        return round(
            sum(w.result.get("score", 0.0) for w in self.questions if w.result["answered"]), 4
        )

    @property
    def answered(self) -> int:
        return sum(bool(w.result["answered"]) for w in self.questions)

    def tally(self) -> Tally:
        return Tally.of(
            (
                w.question.scored,
                w.result.get("score", 0.0) if w.result["answered"] else None,
                w.question.type,
            )
            for w in self.questions
        )

    def to_review(self) -> list[str]:
        """Questions not yet fully right, with the part of the guide to look at again."""
        out = []
        for w in self.questions:
            if w.result["correct"] or (w.result["answered"] and not w.question.scored):
                continue
            where = ", ".join(self.section_titles.get(s, s) for s in w.question.sections)
            state = question_state(w.result["answered"], w.result.get("score", 0.0))
            out.append(
                f"Question {w.spec['number']} ({state}): {_short(w.question.prompt)} "
                f"Look again at: {where}."
            )
        return out

    def report(self) -> dict[str, Any]:
        """Progress and summary in one dict: numbers for tests, sentences for the page."""
        tally = self.tally()
        done = tally.answered == tally.total
        final, explain = final_words(tally) if done else ("", "")
        return {
            "answered": tally.answered,
            "total": tally.total,
            "right": tally.right,
            "partly": tally.partly,
            "score": tally.marks,
            "scored": tally.scored,
            "words": progress_words(tally),
            "done": done,
            "final": final,
            "explain": explain,
            "review": self.to_review() if done else [],
        }

    def _refresh(self) -> None:
        if self.header is None or self.footer is None:
            return
        report = self.report()
        self.header.report = report
        self.footer.report = report

    def _checked(self, widget: QuestionWidget) -> SaveResult:
        """Called by a question after Check: update progress, save, return the save outcome."""
        self._refresh()
        return self.session.save(self.quiz_id, widget.question.id, widget.result)

    def restore(self) -> None:
        """Show this learner's saved answers (called again when the learner's name changes)."""
        saved = self.session.answers(self.quiz_id)
        for w in self.questions:
            w.restore(saved.get(w.question.id))
        self._refresh()

    def results(self) -> list[dict[str, Any]]:
        return [{"question": w.question.id, **w.result} for w in self.questions]


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def quiz_from_bank(
    bank: Bank,
    bank_id: str,
    *,
    section: str | None = None,
    ids: Sequence[str] | None = None,
    title: str | None = None,
    seed: int | None = 0,
    shuffle_questions: bool = False,
    section_titles: dict[str, str] | None = None,
    mini: bool | None = None,
) -> Quiz:
    """Build a quiz from all of a bank, its questions on one guide section, or chosen ids.

    A quiz of chosen questions (`section` or `ids`) is a mini-quiz unless `mini=False`.
    """
    if mini is None:
        mini = section is not None or ids is not None
    if ids is not None:
        missing = [i for i in ids if i not in {q.id for q in bank.questions}]
        if missing:
            raise KeyError(
                f"question bank '{bank_id}' has no question with id {', '.join(missing)}"
            )
    chosen = select_ids([(q.id, q.sections) for q in bank.questions], section=section, ids=ids)
    if not chosen:
        where = f"on section '{section}'" if section is not None else "among the ids given"
        raise KeyError(f"question bank '{bank_id}' has no question {where}")
    questions = [bank.get(i) for i in chosen]
    return Quiz(
        questions,
        quiz_id=bank_id,
        title=title or bank.title,
        description=bank.description,
        seed=seed,
        shuffle_questions=shuffle_questions,
        section_titles=section_titles,
        mini=mini,
    )
