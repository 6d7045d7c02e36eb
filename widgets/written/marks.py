"""A tutor's decisions on written answers ("met" / "not yet" and a comment), kept apart from the
learner's own file, which is never changed.

Where marks live (one small JSON file per learner, named like the learner's answers file):

- **the marks folder**, next to the class's answers folder: ``<answers>-marks/<stem>.json``
  (``$WR_MARKS_DIR`` names another). It is the tutor's record: the class view and the
  ``evidence`` command read it. Only the tutor needs to write it.
- **a copy for the learner**, beside the learner's answers file: ``<folder>/.marks/<stem>.json``.
  A learner's kernel reads only this one file, named from its own learner. On a class server the
  copies share the class folder (every learner's kernel runs as the same user anyway); under
  JupyterHub, with one drop folder per learner (``<drop>/<user>/``), each copy sits in the
  learner's own folder, which no other learner can open, so nobody can read a classmate's marks
  by guessing a file name. When the tutor cannot write there, the record is kept and the marking
  panel says the learner cannot see the mark yet.

Both are written whole under a lock (`atomic.write_json`). A learner could change their own copy,
but that changes only what they see: the record stays the tutor's.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from filelock import Timeout

from widgets.quizzes.atomic import lock_for, plain_reason, write_json
from widgets.written.text import clean

FORMAT = "working-relationships-marks"
VERSION = 1
COPY_FOLDER = ".marks"
DECISIONS = {"met": "✓ Met", "not-yet": "◐ Not yet"}
MAX_COMMENT = 2_000
_MAX_BYTES = 2_000_000

Decision = Literal["met", "not-yet"]


@dataclass(frozen=True)
class Mark:
    """One decision on one answer."""

    decision: Decision
    comment: str = ""
    time: str = ""  # when the tutor saved it
    answer_time: str = ""  # the saved time of the answer the tutor read

    @property
    def words(self) -> str:
        return DECISIONS[self.decision]

    def changed_since(self, record: Mapping[str, Any] | None) -> bool:
        """True when the learner saved a newer answer after this mark."""
        when = (record or {}).get("time")
        return bool(self.answer_time and isinstance(when, str) and when > self.answer_time)

    def as_json(self) -> dict[str, str]:
        return {
            "decision": self.decision,
            "comment": self.comment,
            "time": self.time,
            "answer_time": self.answer_time,
        }


Marks = dict[str, dict[str, Mark]]  # quiz -> question -> mark


def marks_dir(class_folder: Path | str) -> Path:
    """The tutor's record for the class whose answers are in ``class_folder``."""
    env = os.environ.get("WR_MARKS_DIR")
    if env:
        return Path(env).expanduser()
    folder = Path(class_folder).expanduser().absolute()
    return folder.with_name(f"{folder.name}-marks")


def copy_path(answers_file: Path) -> Path:
    """Where the learner's kernel finds its marks: beside its own answers file."""
    return answers_file.parent / COPY_FOLDER / answers_file.name


def record_path(class_folder: Path | str, answers_file: Path) -> Path:
    return marks_dir(class_folder) / answers_file.name


def parse(data: Any) -> Marks:
    """The good marks in a marks file's data (anything malformed is left out)."""
    out: Marks = {}
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return out
    quizzes = data.get("marks")
    for quiz, questions in quizzes.items() if isinstance(quizzes, dict) else []:
        if not isinstance(questions, dict):
            continue
        for qid, m in questions.items():
            if not isinstance(m, dict) or m.get("decision") not in DECISIONS:
                continue
            fields = {k: m.get(k) for k in ("comment", "time", "answer_time")}
            if not all(isinstance(v, str) or v is None for v in fields.values()):
                continue
            out.setdefault(str(quiz), {})[str(qid)] = Mark(
                m["decision"], *(str(v or "") for v in fields.values())
            )
    return out


def read(path: Path) -> Marks:
    """Marks from one file; a missing, unreadable or damaged file gives none (never raises)."""
    try:
        if path.stat().st_size > _MAX_BYTES:
            return {}
        return parse(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}


def _content(learner: str, answers_file: str, marks: Marks) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "learner": learner,
        "answers_file": answers_file,
        "marks": {
            quiz: {qid: m.as_json() for qid, m in sorted(qs.items())}
            for quiz, qs in sorted(marks.items())
            if qs
        },
    }


#: The learner's copy is readable by whoever can open the learner's folder: the learner and the
#: tutors (on a class hub the folder keeps every other learner out). The tutor's own record keeps
#: the umask's mode.
COPY_MODE = 0o644


def _update(
    path: Path,
    learner: str,
    answers_file: str,
    quiz: str,
    qid: str,
    mark: Mark | None,
    mode: int | None = None,
):
    """Read, change one mark and write the file whole, all under its lock."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with lock_for(path):
        marks = read(path)
        if mark is None:
            marks.get(quiz, {}).pop(qid, None)
        else:
            marks.setdefault(quiz, {})[qid] = mark
        write_json(path, _content(learner, answers_file, marks), mode)


@dataclass(frozen=True)
class Saved:
    """What saving a mark did: `ok` (the record was written), `shared` (the learner's copy too)
    and a sentence for the tutor."""

    ok: bool
    shared: bool
    message: str


def save_mark(
    class_folder: Path | str,
    answers_file: Path,
    learner: str,
    quiz: str,
    qid: str,
    decision: str | None,
    comment: str = "",
    answer_time: str = "",
) -> Saved:
    """Record a decision (None removes it) in the marks folder, then copy it beside the learner's
    answers file. Never raises; never writes the learner's answers file."""
    if decision is not None and decision not in DECISIONS:
        return Saved(False, False, f"'{decision}' is not a decision: choose Met or Not yet.")
    mark = None
    if decision is not None:
        mark = Mark(
            decision,  # type: ignore[arg-type]
            clean(comment)[:MAX_COMMENT].strip(),
            datetime.now(UTC).isoformat(timespec="seconds"),
            answer_time,
        )
    name = answers_file.name
    try:
        _update(record_path(class_folder, answers_file), learner, name, quiz, qid, mark)
    except (OSError, Timeout) as exc:
        return Saved(False, False, f"The mark was NOT saved: {_reason(exc)}.")
    try:
        _update(copy_path(answers_file), learner, name, quiz, qid, mark, COPY_MODE)
    except (OSError, Timeout) as exc:
        return Saved(
            True,
            False,
            "The mark is saved in the marks folder, but the learner cannot see it yet: "
            f"{_reason(exc)} (their folder).",
        )
    return Saved(True, True, "")


def _reason(exc: BaseException) -> str:
    return (
        plain_reason(exc)
        .replace("folder for answers", "folder")
        .replace("your answers file", "the marks file")
    )


def class_marks(class_folder: Path | str) -> dict[str, Marks]:
    """Every learner's record in the marks folder: answers file name -> marks."""
    folder = marks_dir(class_folder)
    try:
        paths = sorted(folder.glob("*.json"))
    except OSError:
        return {}
    return {p.name: read(p) for p in paths if not p.name.startswith(".")}


def learner_marks(answers_file: Path | None) -> Marks:
    """What a learner's kernel reads: only the copy beside its own answers file."""
    if answers_file is None:
        return {}
    return read(copy_path(answers_file))


__all__ = [
    "DECISIONS",
    "Mark",
    "Marks",
    "Saved",
    "class_marks",
    "copy_path",
    "learner_marks",
    "marks_dir",
    "read",
    "record_path",
    "save_mark",
]
