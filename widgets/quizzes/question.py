"""The question widget: one mechanism for showing, checking, feedback, scoring and retry.

Each question type is a model class in `models.py` that knows how to show and grade itself; this
widget is the one shared mechanism around it. The page sends the same messages a test sends with
`press_check()` / `press_retry()`, so tests drive the widget through the path a learner's click takes.

Every learner action changes the page in ONE message (`hold_sync`): after Check the verdict, the
save outcome and the locked state arrive together, so the live region is written once.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import anywidget
import traitlets as t

from widgets import assets
from widgets.quizzes.models import Grade, _Question


class _Accessible(anywidget.AnyWidget):
    """Shared JavaScript and CSS for every quiz widget."""

    _esm = assets.esm()
    _css = assets.css()
    kind = t.Unicode().tag(sync=True)


def _permutation(n: int, rng: random.Random | None, avoid_identity: bool = False) -> list[int]:
    order = list(range(n))
    if rng is None:
        return order
    rng.shuffle(order)
    if avoid_identity and n > 1 and order == list(range(n)):
        order = order[1:] + order[:1]
    return order


class QuestionWidget(_Accessible):
    """One question on the page. `result` holds what a learner chose and how it scored."""

    kind = t.Unicode("question").tag(sync=True)
    spec = t.Dict().tag(sync=True)
    selection = t.List(t.Int()).tag(sync=True)
    state = t.Unicode("open").tag(sync=True)  # "open" or "checked"
    feedback = t.Dict().tag(sync=True)
    focus_request = t.Int(0).tag(sync=True)
    result = t.Dict()  # not synced: observable from Python only

    def __init__(
        self,
        question: _Question,
        *,
        number: int = 1,
        total: int = 1,
        seed: int | None = 0,
        quiz_id: str = "",
        on_check: Callable[[QuestionWidget], Any] | None = None,
    ) -> None:
        self.question = question
        self._on_check = on_check
        rng = random.Random(f"{seed}:{question.id}") if seed is not None else None
        view = question.view()
        qtype = question.type
        # Display order: options/items shuffled with the seed, so position never gives the answer away.
        if qtype in ("single", "multiple"):
            self._items = _permutation(len(view["options"]), rng)
            view["options"] = [view["options"][i] for i in self._items]
        elif qtype == "matching":
            self._items = _permutation(len(view["items"]), rng)
            self._choices = _permutation(len(view["choices"]), rng, avoid_identity=True)
            view["items"] = [view["items"][i] for i in self._items]
            view["choices"] = [view["choices"][i] for i in self._choices]
        elif qtype == "sorting":
            self._items = _permutation(len(view["items"]), rng)
            view["items"] = [view["items"][i] for i in self._items]
        elif qtype == "ordering":
            self._items = _permutation(
                len(view["items"]), rng or random.Random(question.id), avoid_identity=True
            )
            view["items"] = [view["items"][i] for i in self._items]
        else:
            self._items = list(range(2))
        view.update(id=question.id, quiz=quiz_id, number=number, total=total)
        initial = list(range(len(view["items"]))) if qtype == "ordering" else []
        super().__init__(spec=view, selection=initial)
        self.result = self._blank_result()
        self._checks = 0
        self.on_msg(self._handle_message)

    # -- order conversions: what the page shows <-> the order of the YAML file ----------------
    def to_canonical(self, shown: list[int]) -> list[int]:
        q = self.question.type
        if q in ("single", "multiple"):
            return [self._items[i] for i in shown if 0 <= i < len(self._items)]
        if q == "true_false":
            return list(shown[:1])
        if q == "ordering":
            return [self._items[i] for i in shown]
        out = [-1] * len(self._items)
        for j, c in enumerate(shown[: len(self._items)]):
            if q == "matching":
                out[self._items[j]] = self._choices[c] if 0 <= c < len(self._choices) else -1
            else:
                out[self._items[j]] = c
        return out

    def to_shown(self, canonical: list[int]) -> list[int]:
        q = self.question.type
        if q in ("single", "multiple"):
            return [self._items.index(i) for i in canonical if i in self._items]
        if q == "true_false":
            return list(canonical[:1])
        if q == "ordering":
            return [self._items.index(i) for i in canonical if i in self._items]
        shown = [-1] * len(self._items)
        for j, item in enumerate(self._items):
            c = canonical[item] if item < len(canonical) else -1
            if q == "matching":
                shown[j] = self._choices.index(c) if c in self._choices else -1
            else:
                shown[j] = c
        return shown

    # -- the learner's actions ---------------------------------------------------------------
    def _handle_message(self, _widget: Any, content: dict[str, Any], _buffers: Any) -> None:
        event = content.get("event") if isinstance(content, dict) else None
        if event == "check":
            sel = content.get("selection", self.selection)
            self.check([int(x) for x in sel] if isinstance(sel, list) else self.selection)
        elif event == "retry":
            self.retry()

    def press_check(self) -> None:
        """Send the message the page's Check button sends (for tests and scripts)."""
        self._handle_message(self, {"event": "check", "selection": list(self.selection)}, [])

    def press_retry(self) -> None:
        """Send the message the page's Try again button sends."""
        self._handle_message(self, {"event": "retry"}, [])

    def choose(self, *shown: int) -> None:
        """Select options by their position on the page, as a click or key press would."""
        self.selection = list(shown)

    def check(self, shown: list[int] | None = None) -> Grade:
        """Grade, save (through `on_check`), then show verdict and save outcome in one update."""
        self._checks += 1
        with self.hold_sync():
            if shown is not None:
                self.selection = shown
            canonical = self.to_canonical(self.selection)
            grade = self.question.grade(canonical)
            if not grade.answered:
                self.feedback = {
                    "status": "empty",
                    "verdict": grade.verdict,
                    "details": [],
                    "check": self._checks,
                }
                return grade
            attempts = self.result.get("attempts", 0) + 1
            self.result = self._result(
                canonical, grade, attempts, datetime.now(UTC).isoformat(timespec="seconds")
            )
            outcome = self._on_check(self) if self._on_check is not None else None
            self._show(grade, save_outcome(outcome))
        return grade

    def retry(self) -> None:
        with self.hold_sync():
            self.feedback = {}
            self.state = "open"

    def _show(self, grade: Grade, save: dict[str, Any] | None = None) -> None:
        feedback: dict[str, Any] = {
            "status": grade.status,
            "verdict": grade.verdict,
            "details": [
                {"ok": d.ok, "symbol": d.symbol, "item": d.item, "feedback": d.feedback}
                for d in grade.details
            ],
            "check": self._checks,
        }
        if save is not None:
            feedback["save"] = save
        self.feedback = feedback
        self.state = "checked"

    # -- results and restoring ---------------------------------------------------------------
    def _blank_result(self) -> dict[str, Any]:
        return {
            "selected": [],
            "answer": "",
            "answered": False,
            "correct": False,
            "score": 0.0,
            "attempts": 0,
            "time": None,
        }

    def _result(
        self, canonical: list[int], grade: Grade, attempts: int, when: str | None
    ) -> dict[str, Any]:
        return {
            "selected": canonical,
            "answer": self.question.describe(canonical),
            "answered": grade.answered,
            "correct": grade.correct,
            "score": round(grade.score, 4),
            "attempts": attempts,
            "time": when,
        }

    def restore(self, record: dict[str, Any] | None) -> None:
        """Show a saved answer again, checked, with its feedback and attempts."""
        with self.hold_sync():
            self._restore(record)

    def _restore(self, record: dict[str, Any] | None) -> None:
        if not record:
            self.result = self._blank_result()
            self.feedback = {}
            self.state = "open"
            if self.question.type == "ordering":
                self.selection = list(range(len(self._items)))
            else:
                self.selection = []
            return
        canonical = [int(x) for x in record.get("selected", [])]
        shown = self.to_shown(canonical)
        grade = self.question.grade(canonical)
        self.selection = shown
        if grade.answered:
            self._show(grade)
        self.result = self._result(
            canonical, grade, int(record.get("attempts", 1)), record.get("time")
        )


def save_outcome(outcome: Any) -> dict[str, Any] | None:
    """`{"ok", "message"}` from what saving returned (a dict or an object with `ok` and
    `message`); None when saving reports nothing."""
    if outcome is None:
        return None
    if isinstance(outcome, dict):
        ok, message = outcome.get("ok"), outcome.get("message", "")
    else:
        ok, message = getattr(outcome, "ok", None), getattr(outcome, "message", "")
    if ok is None:
        return None
    return {"ok": bool(ok), "message": str(message or "")}
