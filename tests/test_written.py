"""Written questions: the model, the checker, saving as the learner types, the model answer kept in
the kernel until a first draft is saved, restoring on return and how they count in a quiz."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from writtenhelpers import HOSTILE, written_refs

from widgets.errors import DataError, DataErrors
from widgets.quizzes.bank import read_bank
from widgets.quizzes.models import Bank, Written
from widgets.quizzes.quiz import Quiz
from widgets.quizzes.schema import schema_text
from widgets.quizzes.session import NOT_CLAIMED, Session
from widgets.written.criteria import load_unit, read_unit
from widgets.written.text import MAX_CHARS, clean, frame_text, is_answered, own_text, words
from widgets.written.widget import SAVED, WrittenQuestion

REFS = written_refs()


def written_question(**changes) -> Written:
    data = {
        "id": "why-partnership",
        "type": "written",
        "sections": ["partnership"],
        "criterion": "3.1",
        "prompt": "Why does partnership working matter?",
        "frame": ["Partnership working matters because …", "For example, …"],
        "min_words": 40,
        "max_words": 90,
        "self_check": ["I said why.", "I gave an example."],
        "model_answer": "A MODEL ANSWER the page must not hold before a draft is saved.",
        **changes,
    }
    return Bank.model_validate({"title": "t", "questions": [data]}).questions[0]


def quiz_of(session: Session, *questions) -> Quiz:
    return Quiz(list(questions), quiz_id="written-test", title="t", session=session, mini=True)


def synced(widget) -> str:
    """Everything the page can see of a widget: its synced state as JSON."""
    return json.dumps(widget.get_state(), ensure_ascii=False)


# --------------------------------------------------------------------------- the model and data


def test_every_project_written_question_names_a_criterion_of_the_unit() -> None:
    unit = load_unit()
    assert REFS, "the banks have no written question"
    assert {q.criterion for _, q in REFS} == {c.number for c in unit.criteria}
    for _, q in REFS:
        assert q.self_check and q.model_answer and q.min_words > 0


def test_the_view_never_holds_the_model_answer() -> None:
    for _, q in REFS:
        view = json.dumps(q.view())
        assert q.model_answer not in view and "model_answer" not in view
        assert q.view()["self_check"] == list(q.self_check)


def test_the_checker_reports_a_bad_written_question_in_words(tmp_path: Path) -> None:
    bank = tmp_path / "bad.yaml"
    bank.write_text(
        "title: T\nquestions:\n"
        "  - id: w\n    type: written\n    sections: [partnership]\n    criterion: 3.1\n"
        "    prompt: Why?\n    min_words: 90\n    max_words: 40\n    self_check: []\n",
        encoding="utf-8",
    )
    with pytest.raises(DataErrors) as caught:
        read_bank(bank)
    text = str(caught.value)
    assert "field 'criterion'" in text and "put them in quotes" in text  # YAML read 3.1 as a number
    assert "field 'model_answer': is missing" in text
    assert "self_check" in text
    assert all(e.line and e.file.endswith("bad.yaml") for e in caught.value.errors)


def test_a_suggested_length_must_make_sense() -> None:
    with pytest.raises(ValueError, match="max_words: 40 is less than min_words"):
        written_question(min_words=90, max_words=40)
    assert written_question(max_words=None).length_words == "at least 40 words"


def test_the_json_schema_knows_written_questions() -> None:
    schema = json.loads(schema_text())
    written = schema["$defs"]["Written"]
    assert {"criterion", "self_check", "model_answer", "min_words"} <= set(written["required"])


def test_the_criteria_file_is_checked_with_every_problem_named(tmp_path: Path) -> None:
    path = tmp_path / "criteria.yaml"
    path.write_text(
        "unit: U\nqualification: Q\ncriteria:\n"
        "  - number: 1.1\n    text: A\n"
        "  - number: '1.2'\n    text: ''\n"
        "  - number: '1.2'\n    text: B\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        read_unit(path)
    messages = [e.message for e in getattr(caught.value, "errors", [caught.value])]
    assert any("line 4" in m and "criteria[0].number" in m and "in quotes" in m for m in messages)
    assert any("criteria[1].text" in m and "empty" in m for m in messages)
    assert any("criteria[2].number" in m and "twice" in m for m in messages)


# --------------------------------------------------------------------------- the text


def test_text_is_cleaned_counted_and_told_apart_from_the_frame() -> None:
    frame = ["One relationship is with …", "It differs because …"]
    start = frame_text(frame)
    assert not is_answered(start, frame) and not is_answered("  \n", frame)
    mine = start.replace("with …", "with my team leader.")
    assert is_answered(mine, frame) and own_text(mine, frame).startswith("One relationship")
    assert words("don't stop-gap 12 ‘x’ <b>") == 5
    assert clean("a\r\nb\x00\x07c") == "a\nbc"
    assert len(clean("x" * (MAX_CHARS + 5))) == MAX_CHARS
    assert clean(HOSTILE) == HOSTILE  # markup, formulas and fields are kept as typed


# --------------------------------------------------------------------------- saving


def test_the_learner_writes_it_saves_to_their_own_file_and_comes_back(answers_dir: Path) -> None:
    q = written_question()
    ana = Session("Ana", answers_dir)
    w = quiz_of(ana, q).questions[0]
    assert isinstance(w, WrittenQuestion)
    assert w.restored["text"] == frame_text(q.frame)  # the box starts with the sentence starters
    text = "Partnership working matters because the person is at the centre.\n\n" + HOSTILE
    out = w.write(text, [1, 7])
    assert out["ok"] and out["message"].startswith(SAVED) and out["answered"]
    data = json.loads(ana.store.path.read_text(encoding="utf-8"))
    record = data["answers"]["written-test"][q.id]
    assert record["answer"] == text and record["selected"] == [1]  # 7 is no self-check item
    assert record["answered"] is True and record["correct"] is False and record["score"] == 0
    assert record["words"] == words(text)
    # Another learner in the same folder starts from the frame, never from Ana's text.
    ben = quiz_of(Session("Ben", answers_dir), q).questions[0]
    assert ben.restored["text"] == frame_text(q.frame) and HOSTILE not in synced(ben)
    # Ana returns (a new kernel): her text and ticks come back, as a value for the box.
    again = quiz_of(Session("Ana", answers_dir), q).questions[0]
    assert again.restored["text"] == text and again.restored["ticked"] == [1]
    assert again.can_open


def test_the_model_answer_stays_in_the_kernel_until_a_draft_is_saved(answers_dir: Path) -> None:
    q = written_question()
    w = quiz_of(Session("Cai", answers_dir), q).questions[0]
    assert q.model_answer not in synced(w)
    assert w.open_model() is False and w.model == {}
    w.write(frame_text(q.frame))  # only the sentence starters: nothing of their own yet
    assert not w.can_open and w.open_model() is False and q.model_answer not in synced(w)
    w.write("Partnership working matters because people share what they know.")
    assert w.can_open and q.model_answer not in synced(w)
    w._handle_message(w, {"event": "model"}, [])  # what the page's button sends
    assert w.model == {"text": q.model_answer}
    assert w.result["model_opened"] and w.result["before_model"].startswith("Partnership")


def test_nothing_is_saved_and_the_model_stays_closed_before_a_name_on_a_class_server(
    answers_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WR_CLASS_SERVER", "1")
    q = written_question()
    w = quiz_of(Session(None, answers_dir), q).questions[0]
    out = w.write("Partnership working matters because it joins up care.")
    assert out["ok"] is False and out["message"] == NOT_CLAIMED
    assert not w.can_open and w.open_model() is False
    assert not list(answers_dir.glob("*.json"))


def test_a_failed_save_is_said_kept_and_saved_at_the_next_draft(tmp_path: Path) -> None:
    q = written_question()
    blocked = tmp_path / "answers"
    blocked.write_text("a file where the answers folder should be", encoding="utf-8")
    session = Session("Dee", blocked)
    w = quiz_of(session, q).questions[0]
    out = w.write("Partnership working matters because risks are seen sooner.")
    assert out["ok"] is False and "NOT saved" in out["message"] and "tried again" in out["message"]
    assert not w.can_open and session.unsaved == 1
    blocked.unlink()  # the folder can be made now
    out = w.write("Partnership working matters because risks are seen sooner. And more.")
    assert out["ok"] and session.unsaved == 0
    saved = json.loads(session.store.path.read_text(encoding="utf-8"))
    assert saved["answers"]["written-test"][q.id]["answer"].endswith("And more.")


def test_a_written_answer_counts_in_progress_but_never_in_the_score(answers_dir: Path) -> None:
    q = written_question()
    tf = Bank.model_validate(
        {
            "title": "t",
            "questions": [
                {
                    "id": "tf",
                    "type": "true_false",
                    "sections": ["partnership"],
                    "prompt": "P?",
                    "answer": True,
                    "feedback_true": "Yes.",
                    "feedback_false": "No.",
                }
            ],
        }
    ).questions[0]
    quiz = Quiz([q, tf], quiz_id="mixed", title="Mixed", session=Session("Eve", answers_dir))
    w, t = quiz.questions
    assert quiz.header.progress == {"answered": 0, "total": 2, "score": 0, "scored": 1}
    w.write(frame_text(q.frame))
    assert quiz.header.progress["answered"] == 0  # the frame alone is not an answer
    w.write("Partnership working matters because everyone brings skills.")
    assert quiz.header.report["words"] == "1 of 2 questions answered: 1 written answer saved."
    t.choose(0)
    t.press_check()
    report = quiz.footer.report
    assert report["done"] and report["final"] == "Final score: 1 of 1 right (100%)."
    assert report["review"] == []
    only = Quiz([q], quiz_id="w2", title="W", session=Session("Eve", answers_dir))
    only.questions[0].write("Partnership working matters because of trust.")
    assert only.footer.report["final"].startswith("All done: your tutor reads written answers")


def test_the_checker_names_a_criterion_the_unit_does_not_have(tmp_path: Path) -> None:
    import subprocess
    import sys

    unit = load_unit()
    known = {c.number for c in unit.criteria}
    missing = next(
        f"{a}.{b}" for a in range(1, 10) for b in range(1, 10) if f"{a}.{b}" not in known
    )
    bank = tmp_path / "mine.yaml"
    q = REFS[0][1].model_dump(exclude_none=True)
    q["criterion"] = missing
    import yaml

    bank.write_text(yaml.safe_dump({"title": "Mine", "questions": [q]}), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "widgets", "check", str(bank)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert f"field 'criterion': the value '{missing}' is not a criterion of the unit" in run.stderr
    assert "data/criteria.yaml" in run.stderr and "Traceback" not in run.stderr
