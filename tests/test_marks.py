"""The tutor's marks: saved apart from the learner's file (which never changes), copied beside it for
the learner to read, shown in the marking panel only while marking is open, and seen by the learner
on return."""

from __future__ import annotations

import json
from pathlib import Path

from classhelpers import send
from faults import read_only, run_mounted
from writtenhelpers import HOSTILE, write_all, written_refs

from widgets.classview.marking import MarkingPanel, written_questions
from widgets.classview.page import ClassView, class_view
from widgets.quizzes.quiz import Quiz
from widgets.quizzes.session import Session
from widgets.written import marks as marks_store
from widgets.written.criteria import load_unit

REFS = written_refs()


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.json"))}


def panel_for(folder: Path) -> tuple[ClassView, MarkingPanel]:
    view = class_view(folder)
    panel = next(p for p in view.panels if isinstance(p, MarkingPanel))
    return view, panel


def test_marking_is_closed_by_default_and_then_shows_counts_only(answers_dir: Path) -> None:
    write_all(answers_dir, "Secret Name", lambda q: f"Private words about {q.id}.")
    view, panel = panel_for(answers_dir)
    page = json.dumps(panel.data)
    assert "Secret Name" not in page and "Private words" not in page and "detail" not in panel.data
    assert [q["answers"] for q in panel.data["questions"]] == [1] * len(REFS)
    assert panel.data["questions"][0]["marked"] == 0
    send(panel, event="open", on=True)
    assert "Secret Name" in json.dumps(panel.data) and panel.data["detail"]["answers"]
    send(panel, event="open", on=False)
    assert "Secret Name" not in json.dumps(panel.data)
    view.close()


def test_questions_come_in_the_order_of_the_units_criteria() -> None:
    unit = load_unit()
    order = [unit.order(r.question.criterion) for r in written_questions(unit)]
    assert order == sorted(order) and len(order) == len(REFS)


def test_one_learner_at_a_time_or_side_by_side_with_the_self_check(answers_dir: Path) -> None:
    for name in ("Ana", "Ben", "Cai"):
        write_all(answers_dir, name, lambda q, n=name: f"{n} writes about {q.id}.")
    view, panel = panel_for(answers_dir)
    panel.set_open(True)
    detail = panel.data["detail"]
    assert [a["name"] for a in detail["answers"]] == ["Ana"]  # one at a time, first by name
    assert [who["name"] for who in detail["learners"]] == ["Ana", "Ben", "Cai"]
    ref = next(r for r in written_questions() if r.key == panel.data["question"])
    assert detail["answers"][0]["ticked"] == [True] + [False] * (len(ref.question.self_check) - 1)
    assert detail["model_answer"] == ref.question.model_answer  # the tutor's reference
    send(panel, event="learner", answer=detail["learners"][2]["id"])
    assert [a["name"] for a in panel.data["detail"]["answers"]] == ["Cai"]
    send(panel, event="mode", mode="side")
    assert [a["name"] for a in panel.data["detail"]["answers"]] == ["Ana", "Ben", "Cai"]
    last = written_questions(load_unit())[-1]
    send(panel, event="question", key=last.key)
    assert panel.data["detail"]["prompt"] == last.question.prompt
    view.close()


def test_a_mark_is_saved_apart_and_the_learners_file_never_changes(answers_dir: Path) -> None:
    write_all(answers_dir, "Ana", lambda q: HOSTILE)
    before = files(answers_dir)
    view, panel = panel_for(answers_dir)
    panel.set_open(True)
    answer = panel.data["detail"]["answers"][0]
    send(panel, event="mark", answer=answer["id"], decision="met", comment=HOSTILE, n=7)
    assert panel.result["ok"] and panel.result["n"] == 7
    assert panel.result["message"] == "✓ Mark saved for Ana: ✓ Met."
    assert files(answers_dir) == before  # the learner's file is byte for byte the same
    record = marks_store.marks_dir(answers_dir) / answer["id"]
    copy = answers_dir / ".marks" / answer["id"]
    quiz, qid = panel.data["question"].split("/")
    for path in (record, copy):
        mark = marks_store.read(path)[quiz][qid]
        assert mark.decision == "met" and mark.comment == HOSTILE.strip()
    shown = panel.data["detail"]["answers"][0]["mark"]
    assert shown["decision"] == "met" and panel.data["questions"][0]["marked"] == 1
    # A later answer is flagged as changed after the mark.
    send(panel, event="mark", answer=answer["id"], decision="not-yet", comment="More, please.")
    assert panel.result["message"] == "✓ Mark saved for Ana: ◐ Not yet."
    view.close()


def test_the_learner_sees_the_decision_and_comment_on_return(answers_dir: Path) -> None:
    write_all(answers_dir, "Ana", lambda q: f"Ana on {q.id}.")
    write_all(answers_dir, "Ben", lambda q: f"Ben on {q.id}.")
    view, panel = panel_for(answers_dir)
    panel.set_open(True)
    ana = panel.data["detail"]["learners"][0]["id"]
    panel.mark(ana, "not-yet", "Add an example, please.")
    view.close()
    quiz, qid = panel.data["question"].split("/")
    ref = next(r for r in REFS if (r[0], r[1].id) == (quiz, qid))
    w = Quiz([ref[1]], quiz_id=quiz, title="t", session=Session("Ana", answers_dir)).questions[0]
    assert w.mark["decision"] == "not-yet" and w.mark["comment"] == "Add an example, please."
    assert w.mark["words"] == "◐ Not yet" and w.mark["changed"] is False
    w.write("Ana on it again, with an example.")
    again = Quiz([ref[1]], quiz_id=quiz, title="t", session=Session("Ana", answers_dir))
    assert again.questions[0].mark["changed"] is True
    ben = Quiz([ref[1]], quiz_id=quiz, title="t", session=Session("Ben", answers_dir))
    assert ben.questions[0].mark == {}  # Ben's kernel reads only Ben's marks


def test_a_drop_folder_keeps_each_learners_marks_in_their_own_folder(tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    for user in ("learner1", "learner2"):
        write_all(drop / user, user, lambda q, u=user: f"{u} on {q.id}.")
    view, panel = panel_for(drop)
    panel.set_open(True)
    first = panel.data["detail"]["learners"][0]["id"]
    assert first.startswith("learner1/")
    assert panel.mark(first, "met", "Good.").shared
    view.close()
    stem = Path(first).name
    assert (drop / "learner1" / ".marks" / stem).is_file()
    assert not (drop / "learner2" / ".marks").exists()
    assert (tmp_path / "drop-marks" / stem).is_file()
    # learner1's kernel (answers folder drop/learner1) finds the mark; learner2's finds none.
    quiz, qid = panel.data["question"].split("/")
    q = next(q for b, q in REFS if (b, q.id) == (quiz, qid))
    one = Quiz([q], quiz_id=quiz, title="t", session=Session("learner1", drop / "learner1"))
    two = Quiz([q], quiz_id=quiz, title="t", session=Session("learner2", drop / "learner2"))
    assert one.questions[0].mark["decision"] == "met" and two.questions[0].mark == {}


MARK_SCRIPT = """
import json
from pathlib import Path
from widgets.written.marks import save_mark
answers = Path({answers!r})
file = answers / {name!r}
out = save_mark(answers, file, "Ana", "written", "q", "met", "Fine.")
print(json.dumps([out.ok, out.shared, out.message]))
"""


def test_a_mark_that_cannot_be_written_is_said_and_never_half_saved(tmp_path: Path) -> None:
    answers = tmp_path / "answers"
    session = write_all(answers, "Ana")
    name = session.store.path.name
    marks = tmp_path / "answers-marks"
    marks.mkdir()
    ok, shared, message = run_mounted(
        read_only(marks), MARK_SCRIPT.format(answers=str(answers), name=name)
    )
    assert (ok, shared) == (False, False)
    assert message == "The mark was NOT saved: the folder is read-only."
    assert not (answers / ".marks").exists()  # no copy of a mark that is not recorded
    (answers / ".marks").mkdir()
    ok, shared, message = run_mounted(
        read_only(answers / ".marks"), MARK_SCRIPT.format(answers=str(answers), name=name)
    )
    assert ok and not shared and "the learner cannot see it yet" in message
    assert marks_store.read(marks / name)["written"]["q"].decision == "met"


def test_damaged_marks_files_are_read_as_no_marks(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    for content in ("not json", "[]", json.dumps({"format": "other"}), "\udcff"):
        path.write_text(content, encoding="utf-8", errors="surrogateescape")
        assert marks_store.read(path) == {}
    good = {
        "format": marks_store.FORMAT,
        "marks": {"q": {"a": {"decision": "met"}, "b": {"decision": "maybe"}, "c": 3}},
    }
    path.write_text(json.dumps(good), encoding="utf-8")
    assert list(marks_store.read(path)["q"]) == ["a"]
