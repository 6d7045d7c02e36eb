"""A written question on the page: an answer box saved as the learner types, a self-check list,
a model answer that opens only after a first draft is saved, and the tutor's decision.

The page sends the learner's text about a second after typing stops and when the box is left
(`{"event": "draft"}`); the kernel cleans it, saves it through the quiz (one learner's file,
atomic, retried when it fails) and answers in ONE update (`save`), so the live region says
"Draft saved" or the warning once. The model answer stays in the kernel: `model` is empty until
the learner asks for it after a successful save. The text is only ever put back into the box as
a value, never as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import traitlets as t

from widgets.quizzes.models import Written
from widgets.quizzes.question import _Accessible, save_outcome
from widgets.written import marks as marks_store
from widgets.written.text import clean, frame_text, is_answered, unfinished, words

SAVED = "✓ Draft saved."
MODEL_READY = "You can now open the model answer."


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")  # two drafts in one second differ


class WrittenQuestion(_Accessible):
    """One written question. `result` is the record saved for it (as for every question)."""

    kind = t.Unicode("written").tag(sync=True)
    spec = t.Dict().tag(sync=True)
    restored = t.Dict().tag(sync=True)  # {"n", "text", "ticked"}: put into the box on restore only
    save = t.Dict().tag(sync=True)  # the last draft's outcome: {"n", "ok", "message", "words", ...}
    can_open = t.Bool(False).tag(sync=True)  # a draft has been saved: the model answer may open
    model = t.Dict().tag(sync=True)  # {} until opened: {"text"}
    mark = t.Dict().tag(sync=True)  # the tutor's decision, when there is one
    result = t.Dict()  # not synced: the record, observable from Python

    def __init__(
        self,
        question: Written,
        *,
        number: int = 1,
        total: int = 1,
        seed: int | None = 0,
        quiz_id: str = "",
        on_check: Callable[[WrittenQuestion], Any] | None = None,
        session: Any = None,
    ) -> None:
        self.question = question
        self._on_check = on_check
        self._session = session
        spec = question.view()
        spec.update(id=question.id, quiz=quiz_id, number=number, total=total)
        spec["start"] = frame_text(question.frame)
        super().__init__(spec=spec)
        self.result = self._blank()
        self.on_msg(self._handle_message)

    def attach_session(self, session: Any) -> None:
        """The learner's session, whose answers folder holds the tutor's marks for them."""
        self._session = session

    # -- the learner's actions ---------------------------------------------------------------
    def _handle_message(self, _widget: Any, content: dict[str, Any], _buffers: Any) -> None:
        event = content.get("event") if isinstance(content, dict) else None
        if event == "draft":
            ticked = content.get("ticked")
            self.write(
                str(content.get("text", "")),
                [int(x) for x in ticked if isinstance(x, int)]
                if isinstance(ticked, list)
                else None,
                n=int(content.get("n", 0) or 0),
            )
        elif event == "model":
            self.open_model()

    def write(self, text: str, ticked: list[int] | None = None, *, n: int = 0) -> dict[str, Any]:
        """What the page does a second after typing stops: keep the text, save it, say how it went."""
        frame = self.question.frame
        text = clean(text)
        if ticked is None:
            ticked = list(self.result.get("selected", []))
        ticked = sorted({i for i in ticked if 0 <= i < len(self.question.self_check)})
        answered = is_answered(text, frame)
        with self.hold_sync():
            self.result = {
                **self.result,
                "selected": ticked,
                "answer": text,
                "answered": answered,
                "correct": False,
                "score": 0.0,
                "attempts": 1 if answered else 0,
                "time": _now(),
                "words": words(text),
            }
            outcome = save_outcome(self._on_check(self)) if self._on_check else None
            ok = bool(outcome and outcome["ok"])
            first = ok and answered and not self.can_open
            if ok and answered:
                self.can_open = True
            if ok:
                message = f"{SAVED} {MODEL_READY}" if first else SAVED
            else:
                message = (outcome or {}).get("message") or "Your answer was NOT saved."
            self.save = {
                "n": n,
                "ok": ok,
                "message": message,
                "time": self.result["time"],
                "words": self.result["words"],
                "answered": answered,
                "unfinished": unfinished(text, frame),
            }
        return self.save

    def open_model(self) -> bool:
        """Show the model answer, once a draft has been saved; note when it was first opened."""
        if not self.can_open:
            return False
        with self.hold_sync():
            if not self.result.get("model_opened"):
                self.result = {
                    **self.result,
                    "model_opened": _now(),
                    "before_model": self.result.get("answer", ""),
                }
                if self._on_check:
                    self._on_check(self)  # the tutor can see what was written before looking
            self.model = {"text": self.question.model_answer}
        return True

    # -- restoring ---------------------------------------------------------------------------
    def _blank(self) -> dict[str, Any]:
        return {
            "selected": [],
            "answer": "",
            "answered": False,
            "correct": False,
            "score": 0.0,
            "attempts": 0,
            "time": None,
        }

    def restore(self, record: dict[str, Any] | None) -> None:
        """Show the saved answer again (or the writing frame), with the tutor's decision."""
        with self.hold_sync():
            n = int(self.restored.get("n", 0)) + 1
            if record and isinstance(record.get("answer"), str):
                self.result = {**self._blank(), **record}
                text = record["answer"]
                ticked = [i for i in record.get("selected", []) if isinstance(i, int)]
                self.can_open = bool(record.get("answered"))
            else:
                self.result = self._blank()
                text, ticked = self.spec.get("start", ""), []
                self.can_open = False
            self.restored = {"n": n, "text": text, "ticked": ticked}
            self.save = {}
            self.model = {}
            self.mark = self._mark(record)

    def _mark(self, record: dict[str, Any] | None) -> dict[str, Any]:
        store = getattr(self._session, "store", None)
        path = getattr(store, "path", None)
        found = marks_store.learner_marks(path).get(self.spec.get("quiz", ""), {})
        mark = found.get(self.question.id)
        if mark is None:
            return {}
        return {
            "decision": mark.decision,
            "words": mark.words,
            "comment": mark.comment,
            "time": mark.time,
            "changed": mark.changed_since(record),
        }
