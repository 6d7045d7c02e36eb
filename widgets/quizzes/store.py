"""One learner's saved answers: one JSON file, written whole under a lock, damage set aside.

Every save takes the file's lock (for a few seconds at most), reads the file as it is now, merges
the new answers and replaces the file in one step (`atomic.write_json`). Two notebooks open at
once add to the same file instead of overwriting each other; a killed kernel leaves the old file
or the new one. A save that cannot happen raises `SaveError` with the reason in words.

Damage is never deleted. A file that cannot be read at all is moved aside as
`<stem>.bad-<time>.json` and a fresh one started; a file with some bad records keeps its good
records, and a copy of the whole file is kept as `<stem>.bad-<time>.json`. `report` says what
happened, in words for the learner.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import Timeout

from widgets.quizzes.atomic import SaveError, lock_for, plain_reason, write_json
from widgets.quizzes.folders import answers_dir
from widgets.quizzes.identity import Identity, file_stem

__all__ = ["AnswerStore", "LoadReport", "SaveError", "answers_dir", "file_stem", "iter_files"]

FORMAT = "working-relationships-answers"
VERSION = 2
Updates = dict[tuple[str, str], dict[str, Any]]

# Fields every question record may have, and the JSON types each must then have.
_FIELDS: dict[str, tuple[type, ...]] = {
    "answer": (str,),
    "answered": (bool,),
    "correct": (bool,),
    "score": (int, float),
    "attempts": (int,),
    "time": (str, type(None)),
}


class Unreadable(ValueError):
    """The file is not a saved-answers file that can be used."""


def record_problem(record: Any) -> str | None:
    """Why a saved record cannot be shown again, or None when it can."""
    if not isinstance(record, dict):
        return "a record is not a set of named values"
    selected = record.get("selected", [])
    if not isinstance(selected, list) or not all(
        isinstance(x, int) and not isinstance(x, bool) for x in selected
    ):
        return "'selected' is not a list of whole numbers"
    for name, types in _FIELDS.items():
        if name not in record:
            continue
        value = record[name]
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            return f"'{name}' has the wrong kind of value"
    attempts = record.get("attempts", 0)
    if attempts < 0:
        return "'attempts' is below zero"
    return None


def parse(raw: bytes) -> tuple[dict[str, Any], int]:
    """A saved-answers file's data with only its good records, and how many were bad."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Unreadable("it is not readable JSON") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise Unreadable("it is not a saved-answers file")
    answers = data.get("answers")
    if not isinstance(answers, dict):
        raise Unreadable("its answers part is damaged")
    bad = 0
    good: dict[str, dict[str, Any]] = {}
    for quiz, records in answers.items():
        if not isinstance(records, dict):
            bad += 1
            continue
        kept = {item: r for item, r in records.items() if record_problem(r) is None}
        bad += len(records) - len(kept)
        if kept:
            good[quiz] = kept
    learner = data.get("learner")
    data = {**data, "learner": learner if isinstance(learner, str) else "", "answers": good}
    return data, bad


@dataclass
class LoadReport:
    """What happened when the file was opened; `message` is shown to the learner once."""

    kept_as: str = ""  # the file name of the copy set aside, never a path
    bad_records: int = 0
    unreadable: str = ""  # why the whole file could not be used
    waiting: bool = False  # damage found, but the folder could not be written yet
    problem: str = ""  # the file exists but could not be opened

    @property
    def message(self) -> str:
        if self.problem:
            return f"Your saved answers could not be opened: {self.problem}."
        if self.unreadable:
            start = f"Your saved answers file could not be read ({self.unreadable})"
        elif self.bad_records:
            n = self.bad_records
            start = (
                f"{n} saved answer{'s' if n != 1 else ''} could not be read and "
                f"{'are' if n != 1 else 'is'} not shown; your other answers are back"
            )
        else:
            return ""
        if self.waiting:
            return f"{start}. It will be set aside for your tutor when it can be."
        return f"{start}. A copy was kept for your tutor as {self.kept_as}."


class AnswerStore:
    """Saved answers for one learner: {quiz: {question: record}}."""

    def __init__(
        self,
        identity: Identity | str,
        directory: Path | str | None = None,
        lock_timeout: float | None = None,
    ) -> None:
        self.identity = Identity.named(identity) if isinstance(identity, str) else identity
        self.directory = Path(directory) if directory is not None else answers_dir()
        self.path = self.directory / f"{self.identity.stem}.json"
        self.lock_timeout = lock_timeout
        self.report = LoadReport()

    @property
    def learner(self) -> str:
        return self.identity.display

    def _empty(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "learner": self.identity.display,
            "key": self.identity.key,
            "answers": {},
        }

    def _check_owner(self, data: dict[str, Any]) -> None:
        key = data.get("key")
        if isinstance(key, str) and key != self.identity.key:
            raise SaveError("the answers file with this name belongs to another learner")

    # -- reading -------------------------------------------------------------------------
    def load(self) -> dict[str, Any]:
        """The whole file with its good records; damage is set aside (see the module notes).

        Never raises: a file that cannot be opened gives no answers and a `report.problem`."""
        self.report = LoadReport()
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return self._empty()
        except OSError as exc:
            why = f" ({exc.strerror.lower()})" if exc.strerror else ""
            self.report.problem = f"the computer could not read the file{why}"
            return self._empty()
        try:
            data, bad = parse(raw)
        except Unreadable as exc:
            self.report.unreadable = str(exc)
            data, bad = self._empty(), 0
        try:
            self._check_owner(data)
        except SaveError as exc:
            self.report.problem = exc.reason
            return self._empty()
        if self.report.unreadable or bad:
            waiting = LoadReport(bad_records=bad, unreadable=self.report.unreadable, waiting=True)
            self.report = LoadReport()
            try:
                with lock_for(self.path, self.lock_timeout):
                    data = self._read_locked()  # sets the report when it sets damage aside
            except (OSError, Timeout, SaveError):
                self.report = waiting  # shown now; set aside at the next save that can write
        return data

    def answers(self, quiz: str) -> dict[str, dict[str, Any]]:
        return self.load()["answers"].get(quiz, {})

    def _read_locked(self) -> dict[str, Any]:
        """Read while holding the lock, setting damage aside; raise SaveError if it cannot."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return self._empty()
        except OSError as exc:
            raise SaveError(plain_reason(exc)) from exc
        try:
            data, bad = parse(raw)
        except Unreadable as exc:
            kept = self._set_aside(move=True)
            self.report = LoadReport(kept_as=kept, unreadable=str(exc))
            return self._empty()
        self._check_owner(data)
        if bad:
            kept = self._set_aside(move=False)
            write_json(self.path, data)  # the good records, without the bad ones
            self.report = LoadReport(kept_as=kept, bad_records=bad)
        return data

    def _set_aside(self, move: bool) -> str:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.identity.stem}.bad-{stamp}.json")
        n = 1
        while target.exists():
            target = self.path.with_name(f"{self.identity.stem}.bad-{stamp}-{n}.json")
            n += 1
        if move:
            os.replace(self.path, target)
        else:
            shutil.copyfile(self.path, target)
        return target.name

    # -- writing -------------------------------------------------------------------------
    def save(self, quiz: str, question: str, record: dict[str, Any]) -> None:
        """Merge one answer into the file (raises SaveError with a reason when it cannot)."""
        self.save_many({(quiz, question): record})

    def save_many(self, updates: Updates) -> None:
        """Merge several answers into the file in one write."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            with lock_for(self.path, self.lock_timeout):
                data = self._read_locked()
                for (quiz, question), record in updates.items():
                    data["answers"].setdefault(quiz, {})[question] = record
                data.update(
                    format=FORMAT,
                    version=VERSION,
                    learner=self.identity.display,
                    key=self.identity.key,
                )
                write_json(self.path, data)
        except (OSError, Timeout) as exc:
            raise SaveError(plain_reason(exc)) from exc


def is_answers_name(path: Path) -> bool:
    """A name an answers file can have (not a copy set aside, a lock or a temporary file)."""
    name = path.name
    return (
        name.endswith(".json")
        and not name.startswith(".")
        and ".bad-" not in name
        and ".unreadable-" not in name
    )


def iter_files(directory: Path | str) -> list[Path]:
    """The files in a folder that may be learners' answers files, for tutors' tools."""
    return sorted(p for p in Path(directory).glob("*.json") if is_answers_name(p) and p.is_file())
