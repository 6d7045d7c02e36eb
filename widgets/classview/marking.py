"""The marking panel of the class view: written answers by question, one learner at a time or side
by side, and the tutor's decision ("met" / "not yet") and comment on each.

Marking shows learners' names and what they wrote, so it is closed until the tutor opens it
("Start marking"), and while it is closed the page holds counts only, whatever "Show learners'
names" says. Decisions go to the marks folder (`widgets.written.marks`), never into a learner's
file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import traitlets as t

from widgets.classview.aggregate import display_names
from widgets.classview.panels import ClassState
from widgets.classview.reading import LearnerFile, relative
from widgets.errors import DataError
from widgets.quizzes.bank import banks_dir, load_bank
from widgets.quizzes.models import Written
from widgets.quizzes.question import _Accessible
from widgets.written import marks as marks_store
from widgets.written.criteria import Unit, load_unit
from widgets.written.text import unfinished

MODES = ("one", "side")


@dataclass(frozen=True)
class WrittenRef:
    """A written question in a bank."""

    quiz: str
    question: Written

    @property
    def key(self) -> str:
        return f"{self.quiz}/{self.question.id}"


def written_questions(unit: Unit | None = None) -> list[WrittenRef]:
    """Every written question in data/quizzes, in the order of the unit's criteria."""
    found: list[WrittenRef] = []
    for path in sorted(banks_dir().glob("*.yaml")):
        try:
            bank = load_bank(path.stem)
        except DataError:
            continue  # the class view's summary reports a bank it cannot read
        found += [WrittenRef(path.stem, q) for q in bank.questions if isinstance(q, Written)]
    if unit is None:
        return found
    return sorted(found, key=lambda r: unit.order(r.question.criterion))


def _unit() -> Unit | None:
    try:
        return load_unit()
    except DataError:
        return None


def _answered(lf: LearnerFile, ref: WrittenRef) -> dict[str, Any] | None:
    rec = lf.answers.get(ref.quiz, {}).get(ref.question.id)
    if isinstance(rec, dict) and rec.get("answered") is True and isinstance(rec.get("answer"), str):
        return dict(rec)
    return None


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class MarkingPanel(_Accessible):
    """The tutor marks written answers here. `data` is what the page shows; `result` says how the
    last "Save mark" went (one update, for the panel's one live region)."""

    kind = t.Unicode("classview").tag(sync=True)
    part = t.Unicode("marking").tag(sync=True)
    data = t.Dict().tag(sync=True)
    result = t.Dict().tag(sync=True)

    def __init__(self) -> None:
        super().__init__()
        self.state: ClassState | None = None
        self.open = False
        self.question = ""
        self.mode = "one"
        self.learner = ""
        self._saves = 0
        self.on_msg(self._handle_message)

    # -- what the page asks for ----------------------------------------------------------
    def _handle_message(self, _w: Any, content: dict[str, Any], _b: Any) -> None:
        if not isinstance(content, dict):
            return
        event = content.get("event")
        if event == "open":
            self.set_open(bool(content.get("on")))
        elif event == "question":
            self.choose(str(content.get("key", "")))
        elif event == "mode":
            self.set_mode(str(content.get("mode", "")))
        elif event == "learner":
            self.show_learner(str(content.get("answer", "")))
        elif event == "mark":
            decision = content.get("decision")
            self.mark(
                str(content.get("answer", "")),
                str(decision) if decision else None,
                str(content.get("comment", "")),
                n=int(content.get("n", 0) or 0),
            )

    def set_open(self, on: bool) -> None:
        """ "Start marking" / "Stop marking": names and answers reach the page only while open."""
        self.open = on
        self._render()

    def choose(self, key: str) -> None:
        self.question = key
        self.learner = ""
        self._render()

    def set_mode(self, mode: str) -> None:
        if mode in MODES:
            self.mode = mode
            self._render()

    def show_learner(self, answer_id: str) -> None:
        """One learner at a time: show this learner's answer (an id from the page's list)."""
        self.learner = answer_id
        self._render()

    def update(self, state: ClassState) -> None:
        self.state = state
        self._render()

    # -- marking -------------------------------------------------------------------------
    def _find(self, answer_id: str) -> tuple[WrittenRef, LearnerFile, dict[str, Any]] | None:
        ref = self._ref()
        if self.state is None or ref is None:
            return None
        folder = self.state.snapshot.folder
        for lf in self.state.snapshot.learners:
            if relative(lf.path, folder) == answer_id:
                rec = _answered(lf, ref)
                return (ref, lf, rec) if rec is not None else None
        return None

    def mark(
        self, answer_id: str, decision: str | None, comment: str = "", *, n: int = 0
    ) -> marks_store.Saved:
        """What "Save mark" does: record the decision for one learner's answer to the chosen question."""
        self._saves += 1
        found = self._find(answer_id) if self.open else None
        if found is None:
            saved = marks_store.Saved(
                False, False, "The mark was NOT saved: that answer is not shown now."
            )
        else:
            ref, lf, rec = found
            saved = marks_store.save_mark(
                self.state.snapshot.folder,  # type: ignore[union-attr]
                lf.path,
                lf.learner,
                ref.quiz,
                ref.question.id,
                decision,
                comment,
                str(rec.get("time") or ""),
            )
        with self.hold_sync():
            self._render()
            name = self._names().get(answer_id, "this learner")
            if saved.ok and decision is None:
                message = f"✓ Mark removed for {name}. {saved.message}".strip()
            elif saved.ok:
                words = marks_store.DECISIONS[decision or ""]
                symbol = "✓" if saved.shared else "⚠"
                message = f"{symbol} Mark saved for {name}: {words}. {saved.message}".strip()
            else:
                message = f"⚠ {saved.message}"
            self.result = {
                "n": n or self._saves,
                "ok": saved.ok,
                "shared": saved.shared,
                "answer": answer_id,
                "message": message,
            }
        return saved

    # -- what the page shows -------------------------------------------------------------
    def _ref(self) -> WrittenRef | None:
        return next((r for r in written_questions() if r.key == self.question), None)

    def _names(self) -> dict[str, str]:
        if self.state is None:
            return {}
        snap = self.state.snapshot
        shown = display_names(snap)
        return {relative(lf.path, snap.folder): shown[id(lf)] for lf in snap.learners}

    def _render(self) -> None:
        unit = _unit()
        refs = written_questions(unit)
        snap = self.state.snapshot if self.state is not None else None
        learners = list(snap.learners) if snap is not None else []
        records = marks_store.class_marks(snap.folder) if snap is not None else {}
        questions = []
        for ref in refs:
            answered = [lf for lf in learners if _answered(lf, ref) is not None]
            marked = sum(
                1
                for lf in answered
                if records.get(lf.path.name, {}).get(ref.quiz, {}).get(ref.question.id)
            )
            questions.append(
                {
                    "key": ref.key,
                    "criterion": ref.question.criterion,
                    "label": f"{ref.question.criterion} {_short(ref.question.prompt)}",
                    "answers": len(answered),
                    "marked": marked,
                }
            )
        if self.question not in {r.key for r in refs}:
            # The first question anyone has answered, else the first question.
            waiting = [q["key"] for q in questions if q["answers"]]
            self.question = (waiting or [r.key for r in refs] or [""])[0]
        data: dict[str, Any] = {
            "open": self.open,
            "questions": questions,
            "question": self.question,
            "mode": self.mode,
        }
        ref = self._ref()
        if self.open and ref is not None and snap is not None:
            data["detail"] = self._detail(ref, unit, learners, records, snap.folder)
            data["marks_folder"] = str(marks_store.marks_dir(snap.folder))
        self.data = data

    def _detail(
        self,
        ref: WrittenRef,
        unit: Unit | None,
        learners: list[LearnerFile],
        records: dict[str, marks_store.Marks],
        folder: Path,
    ) -> dict[str, Any]:
        q = ref.question
        names = self._names()
        answers = []
        for lf in learners:
            rec = _answered(lf, ref)
            if rec is None:
                continue
            answer_id = relative(lf.path, folder)
            mark = records.get(lf.path.name, {}).get(ref.quiz, {}).get(q.id)
            ticked = {i for i in rec.get("selected", []) if isinstance(i, int)}
            before = rec.get("before_model")
            answers.append(
                {
                    "id": answer_id,
                    "name": names.get(answer_id, lf.learner),
                    "text": rec["answer"],
                    "time": str(rec.get("time") or ""),
                    "words": rec.get("words") if isinstance(rec.get("words"), int) else None,
                    "ticked": [i in ticked for i in range(len(q.self_check))],
                    "unfinished": unfinished(rec["answer"], q.frame),
                    "model_opened": str(rec.get("model_opened") or ""),
                    "before_model": before
                    if isinstance(before, str) and before != rec["answer"]
                    else "",
                    "mark": mark.as_json() if mark else None,
                    "changed": bool(mark and mark.changed_since(rec)),
                }
            )
        answers.sort(key=lambda a: (a["name"].casefold(), a["id"]))
        everyone = [
            {"id": a["id"], "name": a["name"], "marked": a["mark"] is not None} for a in answers
        ]
        if self.mode == "one" and answers:
            ids = [a["id"] for a in answers]
            if self.learner not in ids:
                self.learner = ids[0]
            answers = [a for a in answers if a["id"] == self.learner]
        return {
            "key": ref.key,
            "criterion": q.criterion,
            "criterion_text": unit.text(q.criterion) if unit else "",
            "prompt": q.prompt,
            "length": q.length_words,
            "self_check": list(q.self_check),
            "model_answer": q.model_answer,
            "learners": everyone,
            "current": self.learner if self.mode == "one" else "",
            "answers": answers,
        }
