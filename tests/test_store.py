"""Saved answers survive crashes, second notebooks and damaged files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from widgets.quizzes.store import AnswerStore, file_stem

WRITER = """
import sys
from widgets.quizzes.store import AnswerStore
store = AnswerStore(sys.argv[1], sys.argv[2])
tag, count = sys.argv[3], int(sys.argv[4])
for n in range(count):
    store.save("quiz", f"{tag}-{n}", {"score": n, "pad": "x" * 2000})
    print(n, flush=True)
"""


def record(n: int) -> dict[str, object]:
    return {"selected": [n], "score": 1.0, "attempts": 1}


def test_save_and_read_back(tmp_path: Path) -> None:
    store = AnswerStore("Gill", tmp_path)
    store.save("quiz-a", "q1", record(1))
    store.save("quiz-a", "q2", record(2))
    store.save("quiz-b", "q1", record(3))
    again = AnswerStore("Gill", tmp_path)
    assert again.answers("quiz-a") == {"q1": record(1), "q2": record(2)}
    assert again.answers("quiz-b") == {"q1": record(3)}
    assert not list(tmp_path.glob(".*.tmp")), "no temporary files left behind"


def test_learner_names_become_safe_file_names(tmp_path: Path) -> None:
    assert file_stem("Sam O'Neil") == "sam-o-neil"
    assert file_stem("../../etc/passwd") == "etc-passwd"
    assert file_stem("   ") == "learner"
    store = AnswerStore("../../evil", tmp_path)
    store.save("q", "a", record(1))
    assert store.path.parent == tmp_path and store.path.exists()
    assert json.loads(store.path.read_text(encoding="utf-8"))["learner"] == "../../evil"


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
        data = json.loads((tmp_path / "ian.json").read_text(encoding="utf-8"))  # still whole JSON
        saved = data["answers"]["quiz"]
        assert all(f"k{attempt}-{n}" in saved for n in range(confirmed + 1))
        assert all(f"k{a}-0" in saved for a in range(attempt + 1))


def test_an_unreadable_file_is_moved_aside_and_a_fresh_one_started(tmp_path: Path) -> None:
    path = tmp_path / "jo.json"
    path.write_bytes(b"\xff\xfe not json")
    store = AnswerStore("Jo", tmp_path)
    store.save("quiz", "q1", record(1))
    kept = list(tmp_path.glob("jo.unreadable-*.json"))
    assert [p.read_bytes() for p in kept] == [b"\xff\xfe not json"]
    assert "could not be read" in store.report.message and kept[0].name in store.report.message
    assert AnswerStore("Jo", tmp_path).answers("quiz") == {"q1": record(1)}


def test_json_of_the_wrong_shape_is_moved_aside_too(tmp_path: Path) -> None:
    (tmp_path / "kay.json").write_text(
        json.dumps(
            {"format": "working-relationships-answers", "answers": {"quiz": ["not", "a", "dict"]}}
        )
    )
    store = AnswerStore("Kay", tmp_path)
    assert store.answers("quiz") == {}
    assert len(list(tmp_path.glob("kay.unreadable-*.json"))) == 1


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
)
def test_any_damaged_file_gives_a_fresh_start_and_keeps_the_old_bytes(
    tmp_path: Path, garbage: bytes
) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    (folder / "lee.json").write_bytes(garbage)
    store = AnswerStore("Lee", folder)
    store.save("quiz", "q1", record(1))  # never raises
    assert store.answers("quiz")["q1"] == record(1)
    kept = list(folder.glob("lee.unreadable-*.json"))
    if kept:  # moved aside byte for byte, never discarded
        assert kept[0].read_bytes() == garbage
    else:  # it was a valid answers file after all
        assert json.loads(garbage)["format"] == "working-relationships-answers"
