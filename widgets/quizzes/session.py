"""Who is answering in this kernel, and saving their answers so that no failure is hidden.

The learner is known in one of three ways (`identity.mode()`):

- on a learner's own computer: "this computer's learner" until a name is typed (no PIN);
- on a class server (`WR_CLASS_SERVER=1`): nobody until a name and PIN are claimed; until then
  answers stay in the page and every check says "Not saved yet: type your name to keep your
  answers." Nothing is read at start, so a kernel run before anyone arrives shows no one's answers;
- under JupyterHub: the hub's user name (`JUPYTERHUB_USER`); no name can be typed.

Other code saves through `save(quiz_id, item_id, record)` and reads through `answers(quiz_id)`.
`save` never raises for a file problem: it returns a `SaveResult` whose message says what
happened. Answers that could not be saved are kept and tried again at the next action.
"""

from __future__ import annotations

import copy
import json
import os
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from widgets.quizzes import save_status
from widgets.quizzes.atomic import SaveError, locked_write_json, remove_leftovers
from widgets.quizzes.folders import answers_dir, pins_dir, settings_dir, status_dir
from widgets.quizzes.identity import Identity, Mode, mode, problem_with
from widgets.quizzes.pins import PIN_HELP, PinBook
from widgets.quizzes.store import AnswerStore, Updates

NOT_CLAIMED = "Not saved yet: type your name to keep your answers."


def not_saved(reason: str) -> str:
    return f"Your answer is shown but was NOT saved: {reason}. It will be tried again."


@dataclass(frozen=True)
class SaveResult:
    """What happened to a save: `ok`, and a message for the learner when it is not."""

    ok: bool
    message: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "message": self.message}


class Restorable(Protocol):
    """Anything on the page that shows saved answers again when the learner changes (a quiz)."""

    def restore(self) -> None: ...


def remembered_name() -> str | None:
    """On a learner's own computer: $WR_LEARNER, else the last name typed (unless
    WR_REMEMBER_LEARNER=0)."""
    if os.environ.get("WR_LEARNER", "").strip():
        return os.environ["WR_LEARNER"]
    if os.environ.get("WR_REMEMBER_LEARNER", "1") == "0":
        return None
    try:
        data = json.loads((settings_dir() / "settings.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    name = data.get("learner") if isinstance(data, dict) else None
    return name if isinstance(name, str) and problem_with(name) is None else None


class Session:
    """One kernel's learner, their answers folder, and the answers not saved yet."""

    def __init__(
        self,
        learner: str | None = None,
        directory: Path | str | None = None,
        *,
        lock_timeout: float | None = None,
        where: Mode | None = None,
    ) -> None:
        self.mode: Mode = where or mode()
        self.directory = Path(directory) if directory is not None else answers_dir()
        self.lock_timeout = lock_timeout
        self.identity: Identity | None = None
        self.store: AnswerStore | None = None
        self.notices: list[str] = []
        self._pending: dict[str | None, Updates] = {}
        self._quizzes: weakref.WeakSet[Any] = weakref.WeakSet()
        self._listeners: list[Callable[[], None]] = []
        for folder in (
            self.directory,
            settings_dir(self.directory),
            status_dir(self.directory),
            pins_dir(self.directory),
        ):
            remove_leftovers(folder)  # temporary files of saves killed before they finished
        if learner is not None and problem_with(learner) is None:
            self._switch(Identity.named(learner))
        elif self.mode == "hub":
            self._switch(Identity.from_hub())
        elif self.mode == "computer":
            name = remembered_name()
            self._switch(Identity.named(name) if name else Identity.this_computer())

    # -- who ---------------------------------------------------------------------------------
    @property
    def learner(self) -> str:
        """The learner's name as shown ('' before a name is known)."""
        return self.identity.label if self.identity else ""

    @property
    def claimed(self) -> bool:
        return self.identity is not None

    def claim(self, name: str, pin: str = "") -> SaveResult:
        """What pressing 'Save my name' does: become this learner (with their PIN on a class
        server). A wrong PIN changes nothing."""
        if self.mode == "hub":
            return SaveResult(False, "On this server your name comes from your login.")
        problem = problem_with(name)
        if problem:
            return SaveResult(False, problem)
        identity = Identity.named(name)
        welcome = ""
        if self.mode == "class":
            check = PinBook(pins_dir(self.directory)).claim(identity, pin)
            if not check.ok:
                return SaveResult(False, check.message)
            welcome = (
                "Your PIN is set: type the same name and PIN on every page."
                if check.created
                else "Welcome back: your saved answers are shown."
            )
        else:
            self._remember(identity.display)
        result = self._switch(identity)
        return SaveResult(result.ok, " ".join(m for m in (welcome, result.message) if m))

    def set_learner(self, name: str, pin: str = "") -> SaveResult:
        """The same as `claim` (the older name)."""
        return self.claim(name, pin)

    def _remember(self, name: str) -> None:
        if os.environ.get("WR_REMEMBER_LEARNER", "1") == "0":
            return
        try:
            locked_write_json(settings_dir(self.directory) / "settings.json", {"learner": name})
        except SaveError:
            pass  # remembering the name is a convenience; the answers are saved all the same

    def _switch(self, identity: Identity) -> SaveResult:
        before = self.identity
        self.identity = identity
        self.store = AnswerStore(identity, self.directory, self.lock_timeout)
        self.notices = []
        self.store.load()
        self._note(self.store.report.message)
        if before is None and self._pending.get(None):
            # Answers given before the name was known belong to the learner who now claims it.
            mine = self._pending.setdefault(identity.key, {})
            mine.update(self._pending.pop(None))
        result = self._flush()
        for quiz in list(self._quizzes):
            quiz.restore()
        self._changed()
        return result

    # -- answers -----------------------------------------------------------------------------
    def register(self, quiz: Restorable) -> None:
        """Show this learner's answers in `quiz` again whenever the learner changes."""
        self._quizzes.add(quiz)

    def on_change(self, callback: Callable[[], None]) -> None:
        """Call `callback` when the learner or the notices change (the name box listens)."""
        self._listeners.append(callback)

    def answers(self, quiz_id: str) -> dict[str, dict[str, Any]]:
        """This learner's answers to one quiz: the saved ones and those not saved yet."""
        return self.all_answers().get(quiz_id, {})

    def all_answers(self) -> dict[str, dict[str, dict[str, Any]]]:
        out: dict[str, dict[str, dict[str, Any]]] = {}
        if self.store is not None:
            out = self.store.load()["answers"]
            if self._note(self.store.report.message):
                self._changed()
        pending = self._pending.get(self.identity.key if self.identity else None, {})
        for (quiz, item), record in pending.items():
            out.setdefault(quiz, {})[item] = copy.deepcopy(record)
        return out

    def save(self, quiz_id: str, item_id: str, record: dict[str, Any]) -> SaveResult:
        """Keep one answer: save it with any earlier answers that failed. Never raises."""
        key = self.identity.key if self.identity else None
        self._pending.setdefault(key, {})[(quiz_id, item_id)] = copy.deepcopy(record)
        return self._flush()

    def _flush(self) -> SaveResult:
        if self.identity is None or self.store is None:
            return SaveResult(False, NOT_CLAIMED)
        waiting = self._pending.get(self.identity.key)
        if not waiting:
            return SaveResult(True)
        status = status_dir(self.directory)
        try:
            self.store.save_many(dict(waiting))
        except SaveError as exc:
            save_status.record_failure(status, self.identity, exc.reason)
            return SaveResult(False, not_saved(exc.reason))
        waiting.clear()
        save_status.clear(status, self.identity)
        if self._note(self.store.report.message):
            self._changed()
        return SaveResult(True)

    @property
    def unsaved(self) -> int:
        """How many answers are shown but not saved yet."""
        return sum(len(v) for v in self._pending.values())

    # -- words for the name box --------------------------------------------------------------
    def _note(self, message: str) -> bool:
        if message and message not in self.notices:
            self.notices.append(message)
            return True
        return False

    def _changed(self) -> None:
        for callback in list(self._listeners):
            callback()

    def status(self) -> str:
        """One line for the name box: whose answers are saved, and anything to know."""
        if self.identity is None:
            text = (
                f"{NOT_CLAIMED} The first time, also choose {PIN_HELP}; "
                "type the same name and PIN on every page."
            )
        elif self.identity.source == "hub":
            text = f"Saving answers for {self.learner} (the name you logged in with)."
        elif self.identity.source == "computer":
            text = (
                f"Saving answers for {self.learner}. Type your name if your tutor needs to "
                "know whose answers these are."
            )
        else:
            text = f"Saving answers for {self.learner}."
        return " ".join([text, *self.notices])


_SESSION: Session | None = None


def current_session() -> Session:
    """This kernel's session, made on first use."""
    global _SESSION
    if _SESSION is None:
        _SESSION = Session()
    return _SESSION


def reset_session(learner: str | None = None, directory: Path | str | None = None) -> Session:
    """Start a fresh session (tests and scripts): `learner` is taken as already known."""
    global _SESSION
    _SESSION = Session(learner, directory)
    return _SESSION
