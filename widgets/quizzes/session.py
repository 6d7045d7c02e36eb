"""Who is answering, and where their answers go. One session per kernel."""

from __future__ import annotations

import json
import os
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any

import traitlets as t

from widgets.quizzes.question import _Accessible
from widgets.quizzes.store import AnswerStore, _atomic_write, answers_dir, file_stem

if TYPE_CHECKING:
    from widgets.quizzes.quiz import Quiz

DEFAULT_LEARNER = "learner"


def _settings_path() -> Path:
    return answers_dir() / "settings.json"


def remembered_learner() -> str:
    """The last name used on this computer (unless WR_REMEMBER_LEARNER=0, for shared servers)."""
    if os.environ.get("WR_LEARNER"):
        return os.environ["WR_LEARNER"]
    if os.environ.get("WR_REMEMBER_LEARNER", "1") == "0":
        return DEFAULT_LEARNER
    try:
        name = json.loads(_settings_path().read_text(encoding="utf-8")).get("learner", "")
    except (OSError, ValueError, AttributeError):
        return DEFAULT_LEARNER
    return name if isinstance(name, str) and name.strip() else DEFAULT_LEARNER


class LearnerPanel(_Accessible):
    """The 'Your name' box: answers are saved under this name."""

    kind = t.Unicode("learner").tag(sync=True)
    learner = t.Unicode().tag(sync=True)
    status = t.Unicode().tag(sync=True)

    def __init__(self, session: Session) -> None:
        super().__init__(learner=session.learner)
        self._session = session
        self.on_msg(self._handle_message)
        self.refresh()

    def _handle_message(self, _w: Any, content: dict[str, Any], _b: Any) -> None:
        event = content.get("event") if isinstance(content, dict) else None
        if event == "learner":
            self.submit(str(content.get("name", "")))
        elif event == "export":
            self.export()

    def export(self) -> tuple[str, str]:
        """What 'Download my answers (CSV)' does: send this learner's answers to the browser."""
        from widgets.quizzes.export import class_csv_for

        s = self._session
        name = f"answers-{file_stem(s.learner)}.csv"
        text = class_csv_for([s.store.path])
        self.send({"event": "download", "name": name, "csv": text})
        self.status = (
            f"Your answers were saved as {name} in your downloads. Send that file to your tutor."
        )
        return name, text

    def submit(self, name: str) -> None:
        """What pressing 'Save my name' does."""
        self._session.set_learner(name)

    def refresh(self) -> None:
        s = self._session
        self.learner = s.learner
        text = f"Saving answers for {s.learner} in {s.store.path}."
        if s.store.report.message:
            text = s.store.report.message + " " + text
        self.status = text


class Session:
    def __init__(self, learner: str | None = None, directory: Path | str | None = None) -> None:
        self.directory = directory
        self.store = AnswerStore(learner or remembered_learner(), directory)
        self._quizzes: weakref.WeakSet[Quiz] = weakref.WeakSet()
        self._panels: weakref.WeakSet[LearnerPanel] = weakref.WeakSet()

    @property
    def learner(self) -> str:
        return self.store.learner

    def panel(self) -> LearnerPanel:
        p = LearnerPanel(self)
        self._panels.add(p)
        return p

    def register(self, quiz: Quiz) -> None:
        self._quizzes.add(quiz)

    def answers(self, quiz_id: str) -> dict[str, dict[str, Any]]:
        return self.store.answers(quiz_id)

    def save(self, quiz_id: str, question_id: str, record: dict[str, Any]) -> None:
        self.store.save(quiz_id, question_id, record)

    def set_learner(self, name: str) -> None:
        """Switch to another learner: every quiz on the page shows that learner's answers."""
        name = " ".join(name.split())[:60] or DEFAULT_LEARNER
        self.store = AnswerStore(name, self.directory)
        self.store.load()
        try:
            path = _settings_path()
            path.parent.mkdir(parents=True, exist_ok=True)
            _atomic_write(path, {"learner": name})
        except OSError:
            pass  # remembering the name is a convenience; answers are still saved
        for quiz in list(self._quizzes):
            quiz.restore()
        for p in list(self._panels):
            p.refresh()


_SESSION: Session | None = None


def current_session() -> Session:
    global _SESSION
    if _SESSION is None:
        _SESSION = Session()
        _SESSION.store.load()
    return _SESSION


def reset_session(learner: str | None = None, directory: Path | str | None = None) -> Session:
    """Start a fresh session (used by tests and by `start`)."""
    global _SESSION
    _SESSION = Session(learner, directory)
    _SESSION.store.load()
    return _SESSION
