"""The panels of the tutor's page. A panel is a widget with ``update(state)``; the page calls it
after every refresh with the same `ClassState`, so a new panel (marking written answers, a
dilemma's paths) is one class and one `ClassView.add_panel(...)` call.

Nothing here is sent to the page unless it changed: each question is its own widget whose data
and chart are set only when they differ from what the page already has, and a chart is drawn
again only when its numbers change. Learners' names reach the page only while the tutor has
"Show names" on.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

import ipywidgets as ipw
import traitlets as t

from widgets.classview import chart
from widgets.classview.aggregate import QuestionSummary, QuizSummary
from widgets.classview.reading import ClassSnapshot, relative
from widgets.quizzes.poll_results import MIN_ANSWERS
from widgets.quizzes.question import _Accessible
from widgets.quizzes.type_names import TYPE_NAMES as QUESTION_TYPE_NAMES

if TYPE_CHECKING:
    from collections.abc import Callable

TYPE_NAMES = {
    **QUESTION_TYPE_NAMES,
    "written": "Written answer (read and mark it under Mark written answers)",
    "text": "Answers as saved (no question bank for this quiz)",
}


@dataclass
class ClassState:
    """What every panel is given after a refresh."""

    snapshot: ClassSnapshot
    quiz: str
    summary: QuizSummary | None
    show_names: bool = False
    order_by_wrong: bool = True
    shared: set[str] = field(default_factory=set)  # ids of this quiz's polls shared with learners
    share_problem: str = ""  # why the last change to sharing could not be written
    bank_problem: str = ""  # why the quiz's bank could not be read


class Panel(Protocol):
    """A part of the tutor's page: any ipywidget with this method."""

    def update(self, state: ClassState) -> None: ...


class SummaryPanel(_Accessible):
    """How many learners started and finished the quiz, and the files that could not be read."""

    kind = t.Unicode("classview").tag(sync=True)
    part = t.Unicode("summary").tag(sync=True)
    data = t.Dict().tag(sync=True)

    def update(self, state: ClassState) -> None:
        snap = state.snapshot
        s = state.summary
        data: dict[str, Any] = {
            "folder": str(snap.folder),
            "missing": snap.missing,
            "files": len(snap.learners),
            "problems": [
                {"file": relative(p.path, snap.folder), "reason": p.reason} for p in snap.problems
            ],
            "others": [relative(p, snap.folder) for p in snap.others],
            "bank_problem": state.bank_problem,
        }
        if s is not None:
            data.update(
                quiz=s.quiz,
                title=s.title,
                questions=len(s.questions),
                in_play=s.in_play,
                started=len(s.started),
                finished=len(s.finished),
                stray=s.stray,
                has_bank=s.has_bank,
            )
            if state.show_names:
                not_done = sorted(set(s.started) - set(s.finished))
                data["names"] = {"finished": list(s.finished), "not_finished": not_done}
        self.data = data


class QuestionCard(_Accessible):
    """One question of the chosen quiz: chart, numbers, share correct, most common wrong answer."""

    kind = t.Unicode("classview").tag(sync=True)
    part = t.Unicode("card").tag(sync=True)
    data = t.Dict().tag(sync=True)
    chart = t.Unicode().tag(sync=True)  # the PNG, base64; "" before anyone has answered

    def __init__(self, on_share: Callable[[str, str, bool], None]) -> None:
        super().__init__()
        self._on_share = on_share
        self._chart_key: tuple[Any, ...] | None = None
        self.on_msg(self._handle_message)

    def _handle_message(self, _w: Any, content: dict[str, Any], _b: Any) -> None:
        if isinstance(content, dict) and content.get("event") == "share":
            self._on_share(
                self.data.get("quiz", ""), self.data.get("id", ""), bool(content.get("on"))
            )

    def update_from(self, q: QuestionSummary, state: ClassState) -> None:
        key = (
            q.answered,
            q.correct,
            q.rows and tuple((r.label, r.count, r.wrong, r.correct) for r in q.rows),
        )
        drawn = None
        if key != self._chart_key:
            drawn = chart.draw(q)
            self.chart = base64.b64encode(drawn.png).decode("ascii") if drawn else ""
            self._chart_key = key
        names = state.show_names
        data: dict[str, Any] = {
            "quiz": q.quiz,
            "id": q.id,
            "number": q.number,
            "type": q.type,
            "type_name": TYPE_NAMES.get(q.type, q.type),
            "prompt": q.prompt,
            "answered": q.answered,
            "correct": q.correct,
            "wrong": q.wrong,
            "share": None if q.share_correct is None else round(100 * q.share_correct),
            "alt": chart.alt_text(q) if q.answered and q.rows else "",
            "table": chart.table(q, names=names),
            "discussion": q.discussion,
            "names": names,
        }
        if q.common_wrong is not None:
            cw = q.common_wrong
            data["common_wrong"] = {
                "answer": cw.answer,
                "count": cw.count,
                "feedback": [list(f) for f in cw.feedback],
                "names": list(cw.names) if names else [],
            }
        if q.type == "poll":
            data["poll"] = {
                "shared": q.id in state.shared,
                "min": MIN_ANSWERS,
                "problem": state.share_problem,
            }
        self.data = data


class QuestionsPanel(ipw.VBox):
    """Every question of the quiz, those most often answered wrong first (unless turned off)."""

    def __init__(self, on_share: Callable[[str, str, bool], None]) -> None:
        super().__init__()
        self.add_class("wr-class-questions")
        self._on_share = on_share
        self.cards: dict[tuple[str, str], QuestionCard] = {}

    def update(self, state: ClassState) -> None:
        s = state.summary
        questions = (
            [] if s is None else (s.by_wrong() if state.order_by_wrong else list(s.questions))
        )
        wanted = {(q.quiz, q.id) for q in questions}
        for key in [k for k in self.cards if k not in wanted]:
            self.cards.pop(key).close()
        order = []
        for q in questions:
            card = self.cards.get((q.quiz, q.id))
            if card is None:
                card = self.cards[(q.quiz, q.id)] = QuestionCard(self._on_share)
            card.update_from(q, state)
            order.append(card)
        if list(self.children) != order:
            self.children = order
