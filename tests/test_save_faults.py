"""A save that fails says so in words, keeps the answer, tries again, and the tutor hears of it.

Each fault is real: a read-only bind mount, a tiny full tmpfs, a lock held by another process.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from faults import lock_held_elsewhere, read_only, run_mounted, small_disk

from widgets.quizzes.identity import file_stem
from widgets.quizzes.session import Session, not_saved
from widgets.quizzes.store import AnswerStore


def record(n: int) -> dict[str, object]:
    return {"selected": [n], "score": 1.0, "attempts": 1, "answer": f"choice {n}"}


def export(folder: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "widgets", "export", str(folder), *extra],
        capture_output=True,
        text=True,
        timeout=60,
    )


SESSION_SCRIPT = """
import json, os, subprocess, sys
from pathlib import Path
from widgets.quizzes.session import Session
answers = Path({answers!r})
out = {{}}
s = Session({name!r}, answers)
{fault}
first = s.save("quiz", "q2", {{"selected": [2], "attempts": 1}})
second = s.save("quiz", "q3", {{"selected": [3], "attempts": 1}})
out["failed"] = [first.ok, second.ok, first.message, second.message]
out["unsaved"] = s.unsaved
status = answers.with_name(answers.name + "-settings") / "save-status"
out["status_files"] = sorted(p.name for p in status.glob("*.json"))
{repair}
third = s.save("quiz", "q4", {{"selected": [4], "attempts": 1}})
out["after"] = [third.ok, third.message, s.unsaved]
out["saved"] = sorted(json.loads(s.store.path.read_text(encoding="utf-8"))["answers"]["quiz"])
out["status_after"] = sorted(p.name for p in status.glob("*.json"))
print(json.dumps(out))
"""

FILL = """
vfs = os.statvfs(answers)
assert vfs.f_blocks * vfs.f_frsize < 1024 * 1024, "not the tiny disk: refusing to fill it"
filler = answers / "filler"
fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o644)
try:
    for _ in range(512):  # at most 2 MB, far more than the tiny disk holds
        os.write(fd, b"x" * 4096)
    raise SystemExit("the tiny disk never filled")
except OSError:
    pass
finally:
    os.close(fd)
"""


def test_a_read_only_folder_fails_in_words_and_the_next_action_saves_everything(
    tmp_path: Path,
) -> None:
    answers = tmp_path / "answers"
    AnswerStore("Ros", answers).save("quiz", "q1", record(1))
    path = answers / f"{file_stem('Ros')}.json"
    before = path.read_bytes()
    script = SESSION_SCRIPT.format(
        answers=str(answers),
        name="Ros",
        fault="",
        repair=f"subprocess.run(['mount', '-o', 'remount,bind,rw', {str(answers)!r}], check=True)",
    )
    out = run_mounted(read_only(answers), script)
    reason = "the folder for answers is read-only"
    assert out["failed"] == [False, False, not_saved(reason), not_saved(reason)]
    assert out["failed"][2] == (
        "Your answer is shown but was NOT saved: the folder for answers is read-only. "
        "It will be tried again."
    )
    assert out["unsaved"] == 2
    assert out["status_files"] == [f"{file_stem('Ros')}.json"], "recorded outside the folder"
    assert out["after"] == [True, "", 0]
    assert out["saved"] == ["q1", "q2", "q3", "q4"], "the next action saved what had failed"
    assert out["status_after"] == []
    assert path.read_bytes() != before


def test_the_tutor_export_lists_a_learner_whose_last_save_failed(tmp_path: Path) -> None:
    answers = tmp_path / "answers"
    AnswerStore("Ros Evans", answers).save("quiz", "q1", record(1))
    AnswerStore("Tam", answers).save("quiz", "q1", record(1))
    script = SESSION_SCRIPT.format(
        answers=str(answers),
        name="Ros Evans",
        fault="",
        repair="print(json.dumps(out)); sys.exit()",
    )
    out = run_mounted(read_only(answers), script)  # the kernel ends with its save failed
    assert out["failed"][:2] == [False, False]
    run = export(answers, "-o", str(tmp_path / "class.csv"))
    assert run.returncode == 0, run.stderr
    assert "1 learner whose last save did NOT work" in run.stderr
    assert "Ros Evans" in run.stderr and "read-only" in run.stderr
    assert "Tam" not in run.stderr
    # A later save that works clears the record.
    Session("Ros Evans", answers).save("quiz", "q5", record(5))
    assert "did NOT work" not in export(answers, "-o", str(tmp_path / "again.csv")).stderr


def test_a_full_disk_fails_in_words_and_the_next_action_saves_everything(tmp_path: Path) -> None:
    answers = tmp_path / "answers"
    answers.mkdir()
    script = SESSION_SCRIPT.format(
        answers=str(answers),
        name="Uma",
        fault=FILL,
        repair="filler.unlink()",
    )
    out = run_mounted(small_disk(answers), script)
    assert out["failed"][:2] == [False, False]
    assert out["failed"][2] == not_saved("the disk is full")
    assert out["status_files"] == [f"{file_stem('Uma')}.json"]
    assert out["after"] == [True, "", 0]
    assert out["saved"] == ["q2", "q3", "q4"]
    assert out["status_after"] == []


def test_a_full_disk_everywhere_still_never_raises(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    answers = disk / "answers"
    script = (
        "import json, os\nfrom pathlib import Path\nfrom widgets.quizzes.session import Session\n"
        f"answers = Path({str(answers)!r})\nanswers.mkdir()\n"
        "s = Session('Vic', answers)\n" + FILL.replace("answers /", "answers.parent /") + "\n"
        "r = s.save('quiz', 'q1', {'selected': [1]})\n"
        "print(json.dumps([r.ok, r.message, s.unsaved]))\n"
    )
    out = run_mounted(small_disk(disk), script)
    assert out == [False, not_saved("the disk is full"), 1]


def test_a_lock_held_too_long_fails_in_words_without_freezing(tmp_path: Path) -> None:
    session = Session("Wyn", tmp_path, lock_timeout=0.5)
    assert session.save("quiz", "q1", record(1)).ok
    with lock_held_elsewhere(session.store.path):
        started = time.monotonic()
        result = session.save("quiz", "q2", record(2))
        waited = time.monotonic() - started
        assert not result.ok
        assert result.message == not_saved(
            "your answers file was busy in another window or program for too long"
        )
        assert waited < 10, f"a held lock froze the save for {waited:.1f} s"
        assert set(AnswerStore("Wyn", tmp_path).answers("quiz")) == {"q1"}
    retried = session.save("quiz", "q3", record(3))
    assert retried.ok and retried.message == ""
    assert set(AnswerStore("Wyn", tmp_path).answers("quiz")) == {"q1", "q2", "q3"}
