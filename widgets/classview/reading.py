"""Read a class's answers folder into records, without ever changing a learner's file.

Two layouts are read: every learner's file in one folder (a class server or a folder of files the
learners sent), and one sub-folder per learner (a class drop folder on JupyterHub,
``<drop>/<user>/<file>.json``). Each file is opened once for reading, so a learner saving at the
same moment (a temporary file, then an atomic rename) gives the old answers or the new ones, never
half of a file. A file that cannot be read is listed with the reason; it never stops the rest.

Reading again only parses the files that changed (size, modification time or inode), so a class
of a thousand is re-read in a few milliseconds when little has changed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from widgets.quizzes.store import FORMAT, iter_files

Records = Mapping[str, Mapping[str, Mapping[str, Any]]]  # quiz -> question -> saved record
_MAX_BYTES = 5_000_000  # a learner's file is a few kilobytes; anything this big is not one


@dataclass(frozen=True)
class LearnerFile:
    """One learner's saved answers as read from one file."""

    learner: str
    path: Path
    answers: Records


@dataclass(frozen=True)
class FileProblem:
    """A file that was not read, and why, in words."""

    path: Path
    reason: str


@dataclass
class ClassSnapshot:
    """Everything read from a class folder at one moment."""

    folder: Path
    learners: list[LearnerFile] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)
    others: list[Path] = field(default_factory=list)  # JSON files that are not answer files
    missing: bool = False  # the folder does not exist (yet)
    version: int = 0  # goes up whenever anything read changed

    def quizzes(self) -> dict[str, int]:
        """Quiz id -> how many learners have at least one answer in it."""
        out: dict[str, int] = {}
        for lf in self.learners:
            for quiz, answers in lf.answers.items():
                if answers:
                    out[quiz] = out.get(quiz, 0) + 1
        return out


def answer_files(folder: Path) -> list[Path]:
    """Saved-answer files in the folder and in its sub-folders one level down."""
    files = list(iter_files(folder))
    try:
        subs = sorted(
            p
            for p in folder.iterdir()
            if p.is_dir()
            and not p.name.startswith((".", "_"))
            and not p.name.endswith("-settings")  # a learner's settings (PINs), never answers
        )
    except OSError:
        subs = []
    for sub in subs:
        try:
            files += iter_files(sub)
        except OSError:
            continue  # a learner's folder we may not open: nothing to read there
    return files


def parse(raw: bytes) -> tuple[str, Records] | str:
    """(learner, answers) from a file's bytes, or the reason it is not a learner's answers.

    Only well-formed records are kept: a quiz maps question ids to records that are mappings.
    """
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return "the file is not UTF-8 text"
    except ValueError as exc:
        return f"the file is not valid JSON ({str(exc).split(':')[0]})"
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return "other"
    answers = data.get("answers")
    if not isinstance(answers, dict):
        return "the 'answers' part is missing or damaged"
    clean: dict[str, dict[str, dict[str, Any]]] = {}
    for quiz, questions in answers.items():
        if not isinstance(questions, dict):
            continue
        kept = {str(q): r for q, r in questions.items() if isinstance(r, dict)}
        if kept:
            clean[str(quiz)] = kept
    learner = data.get("learner")
    name = " ".join(str(learner).split())[:60] if learner is not None else ""
    return name or "(no name)", clean


class ClassReader:
    """Reads one class folder again and again, re-parsing only the files that changed."""

    def __init__(self, folder: Path | str) -> None:
        self.folder = Path(folder).expanduser()
        self._seen: dict[Path, tuple[tuple[int, int, int], LearnerFile | FileProblem | None]] = {}
        self._version = 0
        self._last_keys: tuple[Any, ...] = ()

    def read(self) -> ClassSnapshot:
        snap = ClassSnapshot(self.folder)
        if not self.folder.is_dir():
            snap.missing = True
            self._seen.clear()
            snap.version = self._bump(("missing",))
            return snap
        seen: dict[Path, tuple[tuple[int, int, int], LearnerFile | FileProblem | None]] = {}
        for path in answer_files(self.folder):
            try:
                st = path.stat()
            except OSError:
                continue  # removed between listing and reading: not there any more
            key = (st.st_mtime_ns, st.st_size, st.st_ino)
            old = self._seen.get(path)
            item = old[1] if old is not None and old[0] == key else self._read_one(path, st.st_size)
            if item is _GONE:
                continue
            seen[path] = (key, item)
            if isinstance(item, LearnerFile):
                snap.learners.append(item)
            elif isinstance(item, FileProblem):
                snap.problems.append(item)
            else:
                snap.others.append(path)
        self._seen = seen
        snap.version = self._bump(tuple((p, k) for p, (k, _) in sorted(seen.items())))
        return snap

    def _bump(self, keys: tuple[Any, ...]) -> int:
        if keys != self._last_keys:
            self._last_keys = keys
            self._version += 1
        return self._version

    @staticmethod
    def _read_one(path: Path, size: int) -> LearnerFile | FileProblem | None | object:
        if size > _MAX_BYTES:
            return FileProblem(path, f"the file is too big to be saved answers ({size} bytes)")
        try:
            with open(path, "rb") as f:  # read-only: a learner's file is never changed here
                raw = f.read(_MAX_BYTES + 1)
        except FileNotFoundError:
            return _GONE
        except OSError as exc:
            return FileProblem(path, f"the file cannot be opened ({exc.strerror or exc})")
        found = parse(raw)
        if found == "other":
            return None
        if isinstance(found, str):
            return FileProblem(path, found)
        learner, answers = found
        return LearnerFile(learner, path, answers)


_GONE = object()


def relative(path: Path, folder: Path) -> str:
    """A file's name as the tutor sees it: relative to the class folder."""
    try:
        return os.fspath(path.relative_to(folder))
    except ValueError:
        return os.fspath(path)
