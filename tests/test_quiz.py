"""A quiz: progress, scores, summary, shuffling, saved and restored answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from quizhelpers import answer_right

import widgets as wr
from widgets.quizzes.bank import read_bank
from widgets.quizzes.identity import file_stem
from widgets.quizzes.quiz import quiz_from_bank
from widgets.quizzes.session import current_session, reset_session

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BANK = read_bank(FIXTURES / "sample-bank.yaml")


def test_progress_score_and_summary(answers_dir: Path) -> None:
    reset_session("Ana", answers_dir)
    quiz = quiz_from_bank(BANK, "sample")
    n = len(BANK.questions)
    assert quiz.header.progress == {"answered": 0, "total": n, "score": 0, "scored": n}
    assert [w.spec["number"] for w in quiz.questions] == list(range(1, n + 1))
    assert all(w.spec["total"] == n for w in quiz.questions)
    for w in quiz.questions[:-1]:
        answer_right(w)
    assert quiz.header.progress["answered"] == n - 1
    assert quiz.footer.summary["done"] is False
    last = quiz.questions[-1]
    last.choose(*[0] * len(last.spec["items"]))
    last.press_check()
    assert quiz.footer.summary["done"] is True
    assert quiz.header.progress["score"] == pytest.approx(n - 1 + 1 / 3, abs=1e-3)
    review = quiz.footer.summary["review"]
    assert len(review) == 1 and "Sort each situation" in review[0]
    assert "Look again at: boundaries" in review[0]


def test_shuffle_questions_with_seed_is_repeatable(answers_dir: Path) -> None:
    reset_session("Ana", answers_dir)
    a = quiz_from_bank(BANK, "sample", seed=7, shuffle_questions=True)
    b = quiz_from_bank(BANK, "sample", seed=7, shuffle_questions=True)
    c = quiz_from_bank(BANK, "sample", seed=8, shuffle_questions=True)
    ids = lambda q: [w.question.id for w in q.questions]  # noqa: E731
    assert ids(a) == ids(b)
    assert sorted(ids(a)) == sorted(q.id for q in BANK.questions)
    orders = {
        tuple(ids(quiz_from_bank(BANK, "sample", seed=s, shuffle_questions=True))) for s in range(6)
    }
    assert len(orders) > 1, "different seeds must give different orders"
    assert ids(c) == ids(quiz_from_bank(BANK, "sample", seed=8, shuffle_questions=True))
    unshuffled = [w.question.id for w in quiz_from_bank(BANK, "sample", seed=7).questions]
    assert unshuffled == [q.id for q in BANK.questions]


def test_section_and_ids_filters(answers_dir: Path) -> None:
    reset_session("Ana", answers_dir)
    quiz = quiz_from_bank(BANK, "sample", section="boundaries")
    assert [w.question.id for w in quiz.questions] == ["single-gift", "sort-boundaries"]
    quiz = quiz_from_bank(BANK, "sample", ids=["tf-volunteers"])
    assert len(quiz.questions) == 1
    with pytest.raises(KeyError, match="no question with id nope"):
        quiz_from_bank(BANK, "sample", ids=["nope"])


def test_answers_are_saved_and_restored_when_the_notebook_is_reopened(answers_dir: Path) -> None:
    reset_session("Bea Khan", answers_dir)
    first = quiz_from_bank(BANK, "sample")
    answer_right(first.questions[0])
    w = first.questions[2]
    w.choose(0)
    w.press_check()
    saved = json.loads((answers_dir / f"{file_stem('Bea Khan')}.json").read_text(encoding="utf-8"))
    assert saved["learner"] == "Bea Khan"
    assert set(saved["answers"]["sample"]) == {"single-gift", "tf-volunteers"}

    reset_session("Bea Khan", answers_dir)  # a new kernel: the notebook opened again
    again = quiz_from_bank(BANK, "sample")
    assert again.questions[0].state == "checked" and again.questions[0].result["correct"]
    assert again.questions[2].result["attempts"] == 1 and not again.questions[2].result["correct"]
    assert again.header.progress["answered"] == 2 and again.header.progress["score"] == 1


def test_changing_the_learner_name_switches_every_quiz(answers_dir: Path) -> None:
    session = reset_session("Cal", answers_dir)
    quiz = quiz_from_bank(BANK, "sample")
    answer_right(quiz.questions[0])
    panel = wr.start()
    panel.submit("Dee")
    assert panel.learner == "Dee" and "Saving answers for Dee" in panel.status
    assert quiz.questions[0].state == "open" and quiz.header.progress["answered"] == 0
    session.set_learner("Cal")
    assert quiz.questions[0].result["correct"]
    assert current_session().store.path.name == f"{file_stem('Cal')}.json"


def test_a_damaged_answers_file_is_kept_aside_and_the_learner_told(answers_dir: Path) -> None:
    stem = file_stem("Eve")
    (answers_dir / f"{stem}.json").write_text("{not json", encoding="utf-8")
    reset_session("Eve", answers_dir)
    panel = wr.start()
    kept = list(answers_dir.glob(f"{stem}.bad-*.json"))
    assert "could not be read" in panel.status and kept[0].name in panel.status
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == "{not json"
    quiz = quiz_from_bank(BANK, "sample")
    answer_right(quiz.questions[0])
    assert json.loads((answers_dir / f"{stem}.json").read_text(encoding="utf-8"))["answers"][
        "sample"
    ]


def test_notebook_api_quiz_from_the_real_banks(answers_dir: Path) -> None:
    reset_session("Fay", answers_dir)
    for bank in sorted(
        p.stem for p in (Path(__file__).parents[1] / "data" / "quizzes").glob("*.yaml")
    ):
        quiz = wr.quiz(bank)
        assert quiz.questions, bank
        for w in quiz.questions:
            answer_right(w)
            assert w.result["answered"], f"{bank}:{w.question.id} cannot be answered"
            assert w.result["correct"] or not w.question.scored, (
                f"{bank}:{w.question.id} cannot be answered right"
            )
        assert quiz.footer.summary == {"done": True, "review": []}


def test_download_my_answers_sends_this_learners_csv_to_the_browser(answers_dir: Path) -> None:
    reset_session("Gus", answers_dir)
    quiz = quiz_from_bank(BANK, "sample")
    answer_right(quiz.questions[2])
    panel = wr.start()
    sent: list[dict] = []
    panel.send = lambda content, buffers=None: sent.append(content)  # what the page would receive
    panel._handle_message(panel, {"event": "export"}, [])
    assert sent[0]["event"] == "download" and sent[0]["name"] == f"answers-{file_stem('Gus')}.csv"
    lines = sent[0]["csv"].splitlines()
    assert lines[0] == "learner,quiz,question_id,answer,correct,score,attempts,time"
    assert lines[1].startswith("Gus,sample,tf-volunteers,False,True,1.0,1,")
    assert sent[0]["name"] in panel.status


def test_a_bank_is_read_once_and_again_when_it_changes(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import shutil

    from widgets.quizzes.bank import load_bank

    shutil.copytree(Path(__file__).resolve().parents[1] / "data" / "quizzes", data_copy / "quizzes")
    monkeypatch.setenv("WR_DATA_DIR", str(data_copy))
    first = load_bank("boundaries")
    assert load_bank("boundaries") is first  # six quiz cells, one read
    path = data_copy / "quizzes" / "boundaries.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("title:", "title: Edited -", 1), encoding="utf-8"
    )
    os.utime(path, ns=(1, 1))  # a different modification time, whatever the clock's resolution
    assert load_bank("boundaries").title.startswith("Edited -")
