"""Saved answers survive crashes, second notebooks and damaged files, and nothing is deleted."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from widgets.quizzes.atomic import remove_leftovers
from widgets.quizzes.identity import Identity, file_stem
from widgets.quizzes.session import Session
from widgets.quizzes.store import AnswerStore, SaveError, iter_files

WRITER = """
import sys
from widgets.quizzes.store import AnswerStore
store = AnswerStore(sys.argv[1], sys.argv[2])
tag, count = sys.argv[3], int(sys.argv[4])
for n in range(count):
    store.save("quiz", f"{tag}-{n}", {"score": n, "pad": "x" * 2000})
    print(n, flush=True)
"""

# Stops for ever between writing the temporary file and renaming it, so a kill -9 lands mid-save.
STUCK_WRITER = """
import os, sys, time
from widgets.quizzes.store import AnswerStore
real_replace = os.replace
def stuck(src, dst):
    if str(src).endswith(".tmp"):
        print("mid-save", flush=True)
        time.sleep(600)
    real_replace(src, dst)
os.replace = stuck
AnswerStore(sys.argv[1], sys.argv[2]).save("quiz", "late", {"score": 1})
"""


def record(n: int) -> dict[str, object]:
    return {"selected": [n], "score": 1.0, "attempts": 1}


def path_of(name: str, folder: Path) -> Path:
    return folder / f"{file_stem(name)}.json"


def test_save_and_read_back(tmp_path: Path) -> None:
    store = AnswerStore("Gill", tmp_path)
    store.save("quiz-a", "q1", record(1))
    store.save("quiz-a", "q2", record(2))
    store.save("quiz-b", "q1", record(3))
    again = AnswerStore("gill", tmp_path)  # the same learner, typed in lower case
    assert again.answers("quiz-a") == {"q1": record(1), "q2": record(2)}
    assert again.answers("quiz-b") == {"q1": record(3)}
    data = json.loads(store.path.read_text(encoding="utf-8"))
    assert data["learner"] == "Gill" and data["key"] == "gill"
    assert not list(tmp_path.glob(".*.tmp")), "no temporary files left behind"


def test_any_typed_name_stays_inside_the_answers_folder(tmp_path: Path) -> None:
    for name in ("../../evil", "/etc/passwd", "C:\\Windows\\win.ini", "CON", "settings", "..."):
        store = AnswerStore(name, tmp_path)
        store.save("q", "a", record(1))
        assert store.path.parent == tmp_path and store.path.exists(), name
        assert json.loads(store.path.read_text(encoding="utf-8"))["learner"] == name
    assert len(iter_files(tmp_path)) == 6


def test_two_notebooks_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, "Hal", str(tmp_path), tag, "60"],
            stdout=subprocess.DEVNULL,
        )
        for tag in ("nb1", "nb2", "nb3")
    ]
    for p in procs:
        assert p.wait(timeout=120) == 0
    saved = AnswerStore("Hal", tmp_path).answers("quiz")
    assert len(saved) == 180
    assert {k.split("-")[0] for k in saved} == {"nb1", "nb2", "nb3"}


def test_a_kernel_killed_mid_save_loses_nothing_saved_before(tmp_path: Path) -> None:
    path = path_of("Ian", tmp_path)
    for attempt in range(3):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, "Ian", str(tmp_path), f"k{attempt}", "100000"],
            stdout=subprocess.PIPE,
            text=True,
        )
        confirmed = -1
        deadline = time.monotonic() + 60
        assert proc.stdout is not None
        while confirmed < 40 + 17 * attempt and time.monotonic() < deadline:
            confirmed = int(proc.stdout.readline())
        os.kill(proc.pid, signal.SIGKILL)  # no clean-up, as when a kernel dies
        proc.wait()
        data = json.loads(path.read_text(encoding="utf-8"))  # still whole JSON
        saved = data["answers"]["quiz"]
        assert all(f"k{attempt}-{n}" in saved for n in range(confirmed + 1))
        assert all(f"k{a}-0" in saved for a in range(attempt + 1))
    Session("Ian", tmp_path)  # the next start clears what the kills left
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_save_killed_before_its_rename_leaves_the_old_file_and_the_next_start_tidies(
    tmp_path: Path,
) -> None:
    store = AnswerStore("Jan", tmp_path)
    store.save("quiz", "early", {"score": 1})
    before = store.path.read_bytes()
    proc = subprocess.Popen(
        [sys.executable, "-c", STUCK_WRITER, "Jan", str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "mid-save"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    leftovers = list(tmp_path.glob(".*.tmp"))
    assert len(leftovers) == 1, "the killed save left its temporary file"
    assert store.path.read_bytes() == before
    session = Session("Jan", tmp_path)
    assert not list(tmp_path.glob(".*.tmp")), "the next start removed the leftover"
    assert set(session.answers("quiz")) == {"early"}


def test_a_temporary_file_of_a_save_in_progress_is_not_removed(tmp_path: Path) -> None:
    from faults import lock_held_elsewhere

    target = path_of("Kit", tmp_path)
    tmp = tmp_path / f".{target.name}.abcd1234.tmp"
    tmp.write_text("{}", encoding="utf-8")
    with lock_held_elsewhere(target):  # another kernel is in the middle of saving
        assert remove_leftovers(tmp_path) == []
        assert tmp.exists()
    assert remove_leftovers(tmp_path) == [tmp.name]
    assert not tmp.exists()


@pytest.mark.parametrize("mask", [0o022, 0o002, 0o077])
def test_saved_files_get_the_permissions_of_a_plain_open(tmp_path: Path, mask: int) -> None:
    script = (
        "import os, sys\n"
        f"os.umask({mask})\n"
        "from widgets.quizzes.store import AnswerStore\n"
        "AnswerStore('Lou', sys.argv[1]).save('quiz', 'q1', {'score': 1})\n"
        "open(os.path.join(sys.argv[1], 'plain.txt'), 'w').close()\n"
    )
    subprocess.run([sys.executable, "-c", script, str(tmp_path)], check=True, timeout=60)
    plain = stat.S_IMODE((tmp_path / "plain.txt").stat().st_mode)
    saved = stat.S_IMODE(path_of("Lou", tmp_path).stat().st_mode)
    assert plain == 0o666 & ~mask
    assert saved == plain, f"saved file {oct(saved)}, plain open {oct(plain)}"


def test_an_unreadable_file_is_moved_aside_and_a_fresh_one_started(tmp_path: Path) -> None:
    path = path_of("Jo", tmp_path)
    path.write_bytes(b"\xff\xfe not json")
    store = AnswerStore("Jo", tmp_path)
    assert store.answers("quiz") == {}
    kept = list(tmp_path.glob(f"{path.stem}.bad-*.json"))
    assert [p.read_bytes() for p in kept] == [b"\xff\xfe not json"]
    message = store.report.message
    assert "could not be read" in message and kept[0].name in message
    assert str(tmp_path) not in message, "a learner is never shown a server path"
    store.save("quiz", "q1", record(1))
    again = AnswerStore("Jo", tmp_path)
    assert again.answers("quiz") == {"q1": record(1)}
    assert again.report.message == "", "the learner is told once"


def test_some_bad_records_keep_the_good_ones_and_a_copy_of_the_file(tmp_path: Path) -> None:
    path = path_of("Kay", tmp_path)
    original = {
        "format": "working-relationships-answers",
        "version": 2,
        "learner": "Kay",
        "key": "kay",
        "answers": {
            "quiz": {
                "good": record(1),
                "text-selection": {"selected": ["x"], "attempts": 1},
                "not-a-record": ["list"],
                "negative": {"selected": [0], "attempts": -3},
            },
            "broken-quiz": "text",
            "other": {"fine": record(2)},
        },
    }
    path.write_text(json.dumps(original), encoding="utf-8")
    store = AnswerStore("Kay", tmp_path)
    assert store.answers("quiz") == {"good": record(1)}
    assert store.load()["answers"] == {"quiz": {"good": record(1)}, "other": {"fine": record(2)}}
    kept = list(tmp_path.glob(f"{path.stem}.bad-*.json"))
    assert len(kept) == 1 and json.loads(kept[0].read_text(encoding="utf-8")) == original
    first = AnswerStore("Kay", tmp_path)
    first.load()
    assert first.report.message == "", "repaired on the first read, told once"
    # The kernel that repaired it tells the learner, in words.
    fresh = tmp_path / "again"
    fresh.mkdir()
    (fresh / path.name).write_text(json.dumps(original), encoding="utf-8")
    teller = AnswerStore("Kay", fresh)
    teller.load()
    assert teller.report.message.startswith("4 saved answers could not be read")
    assert "your other answers are back" in teller.report.message


def test_a_file_of_another_learner_is_never_shown_or_overwritten(tmp_path: Path) -> None:
    mine = Identity.named("Max")
    other = {
        "format": "working-relationships-answers",
        "version": 2,
        "learner": "Someone Else",
        "key": "someone else",
        "answers": {"quiz": {"q1": record(1)}},
    }
    path = tmp_path / f"{mine.stem}.json"
    path.write_text(json.dumps(other), encoding="utf-8")
    before = path.read_bytes()
    store = AnswerStore(mine, tmp_path)
    assert store.answers("quiz") == {}
    assert "another learner" in store.report.message
    with pytest.raises(SaveError, match="belongs to another learner"):
        store.save("quiz", "q2", record(2))
    assert path.read_bytes() == before


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    garbage=st.binary(max_size=300)
    | st.text(max_size=300).map(str.encode)
    | st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=10),
        lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=8), c, max_size=3),
        max_leaves=10,
    ).map(lambda x: json.dumps(x).encode())
    | st.dictionaries(
        st.text(max_size=6),
        st.dictionaries(
            st.text(max_size=6),
            st.dictionaries(
                st.sampled_from(["selected", "attempts", "score", "time", "answer", "correct"]),
                st.none()
                | st.booleans()
                | st.integers()
                | st.text(max_size=4)
                | st.lists(st.integers() | st.text(max_size=2), max_size=3),
                max_size=4,
            )
            | st.integers(),
            max_size=3,
        ),
        max_size=3,
    ).map(
        lambda a: json.dumps(
            {"format": "working-relationships-answers", "learner": "Lee", "answers": a}
        ).encode()
    )
)
def test_any_damaged_file_keeps_every_byte_and_every_good_answer(
    tmp_path: Path, garbage: bytes
) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    path = path_of("Lee", folder)
    path.write_bytes(garbage)
    store = AnswerStore("Lee", folder)
    store.save("quiz", "q1", record(1))  # never raises
    assert store.answers("quiz")["q1"] == record(1)
    kept = list(folder.glob(f"{path.stem}.bad-*.json"))
    if kept:  # set aside byte for byte, never discarded
        assert kept[0].read_bytes() == garbage
    else:  # it was a whole, good answers file after all
        assert json.loads(garbage)["format"] == "working-relationships-answers"
    # Whatever it was, every answer in it that can be shown again is still there.
    survived = AnswerStore("Lee", folder).load()["answers"]
    session = Session("Lee", folder)
    for quiz, records in survived.items():
        assert session.answers(quiz) == records
