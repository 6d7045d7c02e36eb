"""What a quiz sends to the page: one header per whole quiz, mini-quizzes with only their
questions, scores in words, and every learner action as one update."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from quizhelpers import right_choice

import widgets as wr
from widgets.quizzes.bank import read_bank
from widgets.quizzes.question import QuestionWidget, save_outcome
from widgets.quizzes.quiz import QuizProgress, quiz_from_bank
from widgets.quizzes.score_words import Tally, final_words, progress_words, question_state
from widgets.quizzes.session import reset_session

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BANK = read_bank(FIXTURES / "sample-bank.yaml")


def updates(widget) -> list[dict]:
    """Record the state updates a widget sends to the page through its comm."""
    sent: list[dict] = []

    def publish(msg_type, data=None, metadata=None, buffers=None, **keys):
        if (data or {}).get("method") == "update":
            sent.append(data["state"])

    widget.comm.publish_msg = publish
    return sent


# --------------------------------------------------------------------------- whole and mini


def test_a_whole_bank_is_one_quiz_with_one_header_and_one_summary(answers_dir: Path) -> None:
    reset_session("Ana", answers_dir)
    quiz = quiz_from_bank(BANK, "sample")
    assert not quiz.mini
    progress = [isinstance(c, QuizProgress) for c in quiz.children]
    assert progress == [True] + [False] * len(quiz.questions) + [True]
    assert [c.part for c in quiz.children if isinstance(c, QuizProgress)] == ["header", "summary"]
    assert quiz.children[1:-1] == tuple(quiz.questions)


@pytest.mark.parametrize(
    "choice", [{"section": "boundaries"}, {"ids": [BANK.questions[0].id]}], ids=["section", "ids"]
)
def test_chosen_questions_make_a_mini_quiz_of_questions_only(answers_dir: Path, choice) -> None:
    reset_session("Ana", answers_dir)
    quiz = quiz_from_bank(BANK, "sample", **choice)
    assert quiz.mini and quiz.header is None and quiz.footer is None
    assert list(quiz.children) == quiz.questions
    assert "wr-quiz-mini" in quiz._dom_classes
    answer = quiz.questions[0]
    answer.choose(*right_choice(answer))
    answer.press_check()  # no header to update: checking still works and saves
    assert answer.result["correct"]
    whole = quiz_from_bank(BANK, "sample", mini=False, **choice)
    assert whole.header is not None and whole.footer is not None


def test_the_notebook_calls_choose_mini_or_whole_by_themselves(answers_dir: Path) -> None:
    reset_session("Ana", answers_dir)
    banks = sorted(p.stem for p in (Path(__file__).parents[1] / "data" / "quizzes").glob("*.yaml"))
    bank = wr.load_bank(banks[0])
    assert not wr.quiz(banks[0]).mini
    assert wr.quiz(banks[0], ids=[bank.questions[0].id]).mini
    assert wr.quiz(banks[0], section=bank.questions[0].sections[0]).mini
    assert wr.generated_quiz(limit=2).mini


# --------------------------------------------------------------------------- words


def scored(*scores: float | None) -> list[tuple[bool, float | None]]:
    return [(True, s) for s in scores]


def test_scores_in_words() -> None:
    t = Tally.of(scored(1.0, 1.0, 0.5, 0.0, None))
    assert (t.answered, t.right, t.partly, t.wrong, t.marks) == (4, 2, 1, 1, 2.5)
    assert (
        progress_words(t) == "4 of 5 questions answered: 2 right, 1 partly right, 1 not right yet."
    )
    assert progress_words(Tally.of(scored(None, None, None))) == "0 of 3 questions answered."
    assert final_words(Tally.of(scored(1.0, 0.0))) == ("Final score: 1 of 2 right (50%).", "")
    head, explain = final_words(Tally.of(scored(1.0, 1 / 3, 1.0)))
    assert head == "Final score: 2 of 3 right, 1 partly right."
    assert "part of a mark" in explain and explain.endswith("Your marks: 2.3 of 3 (78%).")
    assert question_state(False, 0.0) == "not answered"
    assert question_state(True, 0.0) == "not right yet"
    assert question_state(True, 1 / 3) == "partly right: 33% of this question"


def test_polls_count_as_answered_views_never_in_the_score() -> None:
    t = Tally.of([(True, 1.0), (False, 0.0), (True, 0.0), (False, None)])
    assert (t.total, t.answered, t.scored, t.views, t.right, t.wrong) == (4, 3, 2, 1, 1, 1)
    assert progress_words(t) == "3 of 4 questions answered: 1 right, 1 view given, 1 not right yet."
    done = Tally.of([(True, 1.0), (False, 0.0), (False, 0.0)])
    assert final_words(done) == ("Final score: 1 of 1 right (100%).", "")
    views_only = Tally.of([(False, 0.0), (False, 0.0)])
    assert progress_words(views_only) == "2 of 2 questions answered: 2 views given."
    assert (
        final_words(views_only)[0].startswith("All done")
        and "no score" in final_words(views_only)[0]
    )


def test_the_summary_explains_partial_credit(answers_dir: Path) -> None:
    reset_session("Ana", answers_dir)
    quiz = quiz_from_bank(BANK, "sample")
    for w in quiz.questions[:-1]:
        w.choose(*right_choice(w))
        w.press_check()
    last = quiz.questions[-1]
    last.choose(*[0] * len(last.spec["items"]))  # every item in the first group: partly right
    last.press_check()
    assert last.result["answered"] and 0 < last.result["score"] < 1
    report = quiz.footer.report
    n = len(quiz.questions)
    assert (
        report["done"] and report["final"] == f"Final score: {n - 1} of {n} right, 1 partly right."
    )
    assert "part of a mark" in report["explain"]
    assert len(report["review"]) == 1 and "partly right" in report["review"][0]
    assert quiz.header.report == report


# --------------------------------------------------------------------------- one update each


def test_a_check_reaches_the_page_as_one_update(answers_dir: Path) -> None:
    reset_session("Ana", answers_dir)
    quiz = quiz_from_bank(BANK, "sample")
    w = quiz.questions[0]
    sent = updates(w)
    w.choose(*right_choice(w))
    sent.clear()
    w.press_check()
    assert len(sent) == 1, sent
    assert {"feedback", "state"} <= set(sent[0])
    assert sent[0]["state"] == "checked" and sent[0]["feedback"]["verdict"].startswith("✓")
    sent.clear()
    w.press_retry()
    assert len(sent) == 1 and sent[0]["feedback"] == {} and sent[0]["state"] == "open"


def test_progress_and_summary_arrive_together(answers_dir: Path) -> None:
    reset_session("Ana", answers_dir)
    quiz = quiz_from_bank(BANK, "sample")
    sent = updates(quiz.footer)
    for w in quiz.questions:
        w.choose(*right_choice(w))
        w.press_check()
    last = sent[-1]["report"]
    assert len(sent) == len(quiz.questions)  # one update per Check, never progress then summary
    assert last["done"] and last["answered"] == len(quiz.questions) and last["review"] == []


def test_every_check_is_announced_even_when_the_words_repeat(answers_dir: Path) -> None:
    reset_session("Ana", answers_dir)
    w = quiz_from_bank(BANK, "sample").questions[0]
    w.press_check()  # nothing chosen
    first = dict(w.feedback)
    w.press_check()
    assert first["verdict"] == w.feedback["verdict"] and first != w.feedback


# --------------------------------------------------------------------------- save outcome


def test_the_save_outcome_travels_with_the_feedback() -> None:
    assert save_outcome(None) is None
    assert save_outcome({"ok": True, "message": ""}) == {"ok": True, "message": ""}
    failed = SimpleNamespace(ok=False, message="the folder is read-only")
    assert save_outcome(failed) == {"ok": False, "message": "the folder is read-only"}
    assert save_outcome(object()) is None


def test_a_failed_save_is_in_the_same_feedback_update(answers_dir: Path) -> None:
    outcome = {"ok": False, "message": "Your answer is shown but was NOT saved: disk full."}
    w = QuestionWidget(BANK.questions[0], on_check=lambda _w: outcome)
    sent = updates(w)
    w.choose(*right_choice(w))
    sent.clear()
    w.press_check()
    assert len(sent) == 1 and sent[0]["feedback"]["save"] == outcome
