"""Reading a class folder: flat and one-level nested, bad files listed, nothing ever changed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from classhelpers import right, save_answers, wrong

from widgets.classview.reading import ClassReader
from widgets.quizzes.bank import load_bank
from widgets.quizzes.poll_results import FILE_NAME, Spread, publish
from widgets.quizzes.store import AnswerStore

BANK = load_bank("boundaries")
Q = BANK.questions[0]


def test_flat_and_nested_folders_are_both_read(tmp_path: Path) -> None:
    save_answers(tmp_path, "Ann Flat", "boundaries", [(Q, right(Q))])
    for user in ("bob", "cat"):
        (tmp_path / user).mkdir()
        save_answers(tmp_path / user, f"{user} nested", "boundaries", [(Q, wrong(Q))])
    (tmp_path / ".hidden").mkdir()
    save_answers(tmp_path / ".hidden", "Not A Learner", "boundaries", [(Q, right(Q))])
    (tmp_path / "bob-settings").mkdir()
    save_answers(tmp_path / "bob-settings", "Not Answers", "boundaries", [(Q, right(Q))])
    (tmp_path / "bob" / "deeper").mkdir()
    save_answers(tmp_path / "bob" / "deeper", "Too Deep", "boundaries", [(Q, right(Q))])
    snap = ClassReader(tmp_path).read()
    assert sorted(lf.learner for lf in snap.learners) == ["Ann Flat", "bob nested", "cat nested"]
    assert not snap.problems and not snap.others
    assert snap.quizzes() == {"boundaries": 3}


def test_bad_files_are_listed_with_a_reason_and_the_rest_are_read(tmp_path: Path) -> None:
    save_answers(tmp_path, "Good", "boundaries", [(Q, right(Q))])
    (tmp_path / "broken.json").write_text('{"format": "working-relationships-answers", ')
    (tmp_path / "latin1.json").write_bytes('{"learner": "Zoë"}'.encode("latin-1"))
    (tmp_path / "no-answers.json").write_text(
        json.dumps({"format": "working-relationships-answers", "learner": "X", "answers": []})
    )
    (tmp_path / "settings.json").write_text(json.dumps({"learner": "Good"}))
    (tmp_path / "good.unreadable-20240101-101010.json").write_text("{")
    (tmp_path / ".good.abc.tmp").write_text("{")
    publish(tmp_path / FILE_NAME, {"polls": {"p": Spread(("a", "b"), (3, 3))}})
    snap = ClassReader(tmp_path).read()
    assert [lf.learner for lf in snap.learners] == ["Good"]
    reasons = {p.path.name: p.reason for p in snap.problems}
    assert set(reasons) == {"broken.json", "latin1.json", "no-answers.json"}
    assert "not valid JSON" in reasons["broken.json"]
    assert "UTF-8" in reasons["latin1.json"]
    assert "answers" in reasons["no-answers.json"]
    assert [p.name for p in snap.others] == ["settings.json"]


def test_damaged_records_inside_a_good_file_are_left_out(tmp_path: Path) -> None:
    data = {
        "format": "working-relationships-answers",
        "version": 1,
        "learner": "  Dee\n  Jones ",
        "answers": {"boundaries": {"a": {"selected": [0]}, "b": "nonsense"}, "other": []},
    }
    (tmp_path / "dee.json").write_text(json.dumps(data))
    (lf,) = ClassReader(tmp_path).read().learners
    assert lf.learner == "Dee Jones"
    assert dict(lf.answers) == {"boundaries": {"a": {"selected": [0]}}}


def test_a_missing_folder_is_reported_and_read_once_it_appears(tmp_path: Path) -> None:
    folder = tmp_path / "not-yet"
    reader = ClassReader(folder)
    snap = reader.read()
    assert snap.missing and not snap.learners
    save_answers(folder, "Eve", "boundaries", [(Q, right(Q))])
    snap2 = reader.read()
    assert not snap2.missing and [lf.learner for lf in snap2.learners] == ["Eve"]
    assert snap2.version > snap.version


def test_only_changed_files_are_parsed_again(tmp_path: Path) -> None:
    for name in ("Fay", "Gus"):
        save_answers(tmp_path, name, "boundaries", [(Q, right(Q))])
    reader = ClassReader(tmp_path)
    first = {lf.learner: lf for lf in reader.read().learners}
    again = reader.read()
    assert all(first[lf.learner] is lf for lf in again.learners)
    assert again.version == reader.read().version
    save_answers(tmp_path, "Gus", "boundaries", [(BANK.questions[1], right(BANK.questions[1]))])
    third = reader.read()
    by_name = {lf.learner: lf for lf in third.learners}
    assert by_name["Fay"] is first["Fay"] and by_name["Gus"] is not first["Gus"]
    assert len(by_name["Gus"].answers["boundaries"]) == 2
    assert third.version > again.version
    AnswerStore("Fay", tmp_path).path.unlink()
    assert [lf.learner for lf in reader.read().learners] == ["Gus"]


def test_a_file_replaced_while_it_is_read_is_the_old_or_the_new_never_half(tmp_path: Path) -> None:
    store = AnswerStore("Hal", tmp_path)
    store.save("boundaries", Q.id, {"selected": right(Q)})
    saves = 0
    stop = threading.Event()

    def keep_saving() -> None:
        nonlocal saves
        while not stop.is_set():
            saves += 1
            store.save("boundaries", f"extra-{saves % 50}", {"selected": [1], "pad": "x" * saves})

    writer = threading.Thread(target=keep_saving)
    writer.start()
    reader = ClassReader(tmp_path)
    sizes = set()
    try:
        while saves < 150:
            snap = reader.read()
            assert not snap.problems, snap.problems
            assert [lf.learner for lf in snap.learners] == ["Hal"]
            sizes.add(len(snap.learners[0].answers["boundaries"]))
    finally:
        stop.set()
        writer.join()
    assert len(sizes) > 1  # the reader really saw the file change under it


READ_AND_REPORT = """
import errno, json, sys
from pathlib import Path
from widgets.classview.reading import ClassReader
folder = Path(sys.argv[1])
try:
    (folder / "probe").write_text("x")
    writable = True
except OSError as exc:
    writable = exc.errno not in (errno.EROFS, errno.EACCES)
snap = ClassReader(folder).read()
print(json.dumps({"learners": sorted(lf.learner for lf in snap.learners), "writable": writable,
                  "problems": [p.reason for p in snap.problems]}))
"""

# As root, file permissions do not stop writes: mount the folder read-only (in a private mount
# namespace that ends with the process). Otherwise the permission bits make it read-only.
ROOT_READ_ONLY = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && exec "$2" -c "$3" "$1"'


def _snapshot_of(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    return {
        str(p): (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_ino)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_read_only_class_folder_is_read_and_nothing_in_it_changes(tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    save_answers(folder, "Ivy", "boundaries", [(Q, right(Q))])
    (folder / "jon").mkdir()
    save_answers(folder / "jon", "Jon", "boundaries", [(Q, wrong(Q))])
    (folder / "bad.json").write_text("{")
    for lock in folder.rglob("*.lock"):
        lock.unlink()
    before = _snapshot_of(folder)
    if os.geteuid() == 0:
        if not shutil.which("unshare"):
            pytest.skip("unshare (util-linux) is needed to mount a read-only folder as root")
        cmd = ["unshare", "-m", "--propagation", "private", "sh", "-c", ROOT_READ_ONLY, "sh"]
        cmd += [str(folder), sys.executable, READ_AND_REPORT]
    else:
        for p in [*folder.rglob("*"), folder]:
            p.chmod(0o555 if p.is_dir() else 0o444)
        cmd = [sys.executable, "-c", READ_AND_REPORT, str(folder)]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout)
    assert found["writable"] is False, "the folder was not read-only, so the test proves nothing"
    assert found["learners"] == ["Ivy", "Jon"]
    assert len(found["problems"]) == 1
    assert _snapshot_of(folder) == before
