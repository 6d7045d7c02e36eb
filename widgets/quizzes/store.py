"""A learner's saved answers: one JSON file per learner, written atomically under a file lock.

Every save takes the lock, reads the file as it is now, merges the one answer and replaces the
file in one step (temporary file, flush, fsync, rename). A crash or a killed kernel leaves either
the old file or the new one, never half of one; two notebooks open at once add to the same file
instead of overwriting each other. A file that cannot be read is moved aside, never deleted.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock

APP = "working-relationships"
FORMAT = "working-relationships-answers"
VERSION = 1
_SAFE = re.compile(r"[^A-Za-z0-9_-]+")


def answers_dir() -> Path:
    """$WR_ANSWERS_DIR when set, else the user's data folder (outside the repository)."""
    env = os.environ.get("WR_ANSWERS_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP, appauthor=False)) / "answers"


def file_stem(learner: str) -> str:
    """A file name from any name a learner types: 'Sam O'Neil' -> 'sam-o-neil'."""
    stem = _SAFE.sub("-", learner.strip().lower()).strip("-")
    return stem[:60] or "learner"


@dataclass
class LoadReport:
    """What happened when a learner's file was opened: shown to the learner in words."""

    path: Path
    moved_to: Path | None = None
    reason: str = ""

    @property
    def message(self) -> str:
        if self.moved_to is None:
            return ""
        return (
            f"Your saved answers file could not be read ({self.reason}). It was kept as "
            f"{self.moved_to.name} in {self.moved_to.parent} and a fresh file was started."
        )


class AnswerStore:
    """Saved answers for one learner: {quiz: {question: record}}."""

    def __init__(self, learner: str, directory: Path | str | None = None) -> None:
        self.learner = learner.strip() or "learner"
        self.directory = Path(directory) if directory is not None else answers_dir()
        self.path = self.directory / f"{file_stem(self.learner)}.json"
        self._lock = FileLock(str(self.path) + ".lock", timeout=10)
        self.report = LoadReport(self.path)

    # -- reading -------------------------------------------------------------------------
    def _empty(self) -> dict[str, Any]:
        return {"format": FORMAT, "version": VERSION, "learner": self.learner, "answers": {}}

    def _read_unlocked(self) -> dict[str, Any]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return self._empty()
        try:
            data = json.loads(raw.decode("utf-8"))
            _validate(data)
        except (UnicodeDecodeError, json.JSONDecodeError, ValueError) as exc:
            self._move_aside(str(exc).split("\n")[0][:120])
            return self._empty()
        return data

    def _move_aside(self, reason: str) -> None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.stem}.unreadable-{stamp}.json")
        n = 1
        while target.exists():
            target = self.path.with_name(f"{self.path.stem}.unreadable-{stamp}-{n}.json")
            n += 1
        os.replace(self.path, target)
        self.report = LoadReport(self.path, target, reason)

    def load(self) -> dict[str, Any]:
        """The whole file (moving an unreadable one aside first)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        with self._lock:
            return self._read_unlocked()

    def answers(self, quiz: str) -> dict[str, dict[str, Any]]:
        return self.load()["answers"].get(quiz, {})

    # -- writing -------------------------------------------------------------------------
    def save(self, quiz: str, question: str, record: dict[str, Any]) -> None:
        """Merge one answer into the file, atomically."""
        self.directory.mkdir(parents=True, exist_ok=True)
        with self._lock:
            data = self._read_unlocked()
            data["learner"] = self.learner
            data["answers"].setdefault(quiz, {})[question] = record
            _atomic_write(self.path, data)


def _validate(data: Any) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("not a saved-answers file")
    answers = data.get("answers")
    if not isinstance(answers, dict) or not all(
        isinstance(q, dict) and all(isinstance(r, dict) for r in q.values())
        for q in answers.values()
    ):
        raise ValueError("the answers part is damaged")


def _atomic_write(path: Path, data: dict[str, Any]) -> None:
    # Created with mode 0666 less the umask (mkstemp would force 0600): on the class hub the
    # learner's server runs with umask 027, so the tutors' group can read the file, nobody else.
    tmp = path.with_name(f".{path.stem}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1, sort_keys=True)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def iter_files(directory: Path | str) -> list[Path]:
    """Saved-answer files in a folder (not the ones moved aside, not temporary files)."""
    return sorted(
        p
        for p in Path(directory).glob("*.json")
        if ".unreadable-" not in p.name and not p.name.startswith(".")
    )
