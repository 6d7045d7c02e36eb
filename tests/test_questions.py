"""Every question type driven as a learner drives it: choose, press Check, read, Try again."""

from __future__ import annotations

from pathlib import Path

import pytest

from widgets.quizzes.bank import read_bank
from widgets.quizzes.question import QuestionWidget
from widgets.quizzes.session import reset_session

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BANK = read_bank(FIXTURES / "sample-bank.yaml")


@pytest.fixture(autouse=True)
def _session(answers_dir: Path) -> None:
    reset_session("Test Learner", answers_dir)


def widget(qid: str, seed: int | None = 0) -> QuestionWidget:
    return QuestionWidget(BANK.get(qid), seed=seed)


def shown_index(w: QuestionWidget, text: str, key: str = "options") -> int:
    return w.spec[key].index(text)


def test_single_choice_right_and_wrong_with_feedback_and_retry() -> None:
    w = widget("single-gift")
    wrong = shown_index(w, "Take it so they are not upset.")
    w.choose(wrong)
    w.press_check()
    assert w.state == "checked"
    assert w.feedback["verdict"].startswith("✗ Not quite")
    assert "breaks policy" in w.feedback["details"][0]["feedback"]
    assert w.result["answered"] and not w.result["correct"] and w.result["attempts"] == 1

    w.press_retry()
    assert w.state == "open" and w.feedback == {}
    w.choose(shown_index(w, "Say thank you, explain you cannot take money, and tell your manager."))
    w.press_check()
    assert w.feedback["verdict"].startswith("✓ Correct")
    assert w.result == {**w.result, "correct": True, "score": 1.0, "attempts": 2}
    assert w.result["answer"].startswith("Say thank you")


def test_check_with_nothing_chosen_asks_for_an_answer_and_counts_no_attempt() -> None:
    w = widget("single-gift")
    w.press_check()
    assert w.state == "open"
    assert "Choose an answer first" in w.feedback["verdict"]
    assert w.result["attempts"] == 0 and not w.result["answered"]


def test_multiple_select_partial_credit_rule() -> None:
    w = widget("multiple-colleagues")
    share = shown_index(w, "Sharing information about the work")
    gossip = shown_index(w, "Gossiping about individuals")
    support = shown_index(w, "Supporting each other")
    w.choose(share)
    w.press_check()
    assert w.result["score"] == 0.5
    assert w.feedback["verdict"].startswith("◐ Partly right")
    assert "You missed 1 right option" in w.feedback["verdict"]
    w.press_retry()
    w.choose(share, gossip)  # (1 right - 1 wrong) / 2 right options = 0
    w.press_check()
    assert w.result["score"] == 0.0
    assert [d["ok"] for d in w.feedback["details"]].count(False) == 1
    w.press_retry()
    w.choose(share, support)
    w.press_check()
    assert w.result["correct"] and w.result["score"] == 1.0


def test_true_false_gives_the_feedback_for_the_choice() -> None:
    w = widget("tf-volunteers")
    assert w.spec["options"] == ["True", "False"]
    w.choose(0)
    w.press_check()
    assert not w.result["correct"]
    assert "do not take their place" in w.feedback["details"][0]["feedback"]
    w.press_retry()
    w.choose(1)
    w.press_check()
    assert w.result["correct"]


def test_matching_scores_each_pair_and_explains_each() -> None:
    w = widget("match-professionals")
    items, choices = w.spec["items"], w.spec["choices"]
    assert "Fixing the boiler" in choices and len(choices) == 4
    want = {
        "Occupational therapist": "Changes at home so a person can move about safely",
        "GP": "Diagnosis and medicines",
        "Social worker": "Planning care and support",
    }
    picks = [choices.index(want[i]) for i in items]
    # swap two answers: one of three right... no, two wrong, one right
    gp, sw = items.index("GP"), items.index("Social worker")
    wrong = list(picks)
    wrong[gp], wrong[sw] = picks[sw], picks[gp]
    w.choose(*wrong)
    w.press_check()
    assert w.result["score"] == pytest.approx(1 / 3, abs=1e-3)
    assert len(w.feedback["details"]) == 3
    assert any(
        d["item"].startswith("GP → Planning care") and not d["ok"] for d in w.feedback["details"]
    )
    w.press_retry()
    w.choose(*picks)
    w.press_check()
    assert w.result["correct"]
    assert "Social worker = Planning care and support" in w.result["answer"]


def test_ordering_moves_and_scores_positions() -> None:
    w = widget("order-formal")
    items = w.spec["items"]
    right = [
        "A written referral to the housing service",
        "A handover with the team leader",
        "A chat with a colleague over lunch",
    ]
    assert items != right, "the starting order must not give the answer away"
    assert w.selection == [0, 1, 2]
    w.press_check()  # the shuffled order as shown
    assert w.result["answered"] and w.result["score"] < 1
    w.press_retry()
    w.choose(*[items.index(t) for t in right])
    w.press_check()
    assert w.result["correct"]
    assert w.feedback["verdict"] == "✓ Correct. 3 of 3 in the right place."


def test_sorting_into_categories() -> None:
    w = widget("sort-boundaries")
    assert w.spec["choices"] == ["Always acceptable", "Never acceptable", "It depends"]
    want = {
        "Accepting a friend request from an individual": 1,
        "Listening with care when an individual is upset": 0,
        "Accepting a box of chocolates at Christmas": 2,
    }
    w.choose(*[want[i] for i in w.spec["items"]])
    w.press_check()
    assert w.result["correct"]
    assert all(d["symbol"] == "✓" for d in w.feedback["details"])
    w.press_retry()
    w.choose(*[0 for _ in w.spec["items"]])
    w.press_check()
    assert w.result["score"] == pytest.approx(1 / 3, abs=1e-3)


def test_the_page_never_holds_the_answer_key() -> None:
    for q in BANK.questions:
        state = QuestionWidget(q).get_state()
        state = {k: v for k, v in state.items() if k not in ("_esm", "_css")}  # code, not content
        text = repr(state)
        assert "correct" not in text
        assert "feedback" not in repr(state["spec"])
        assert "category" not in repr(state["spec"])
        for key in ("feedback_true", "feedback_false", "answer"):
            assert key not in state["spec"]
        if q.type in ("single", "multiple"):
            for option in q.options:
                assert option.feedback not in text


def test_same_seed_same_order_other_seed_other_order() -> None:
    q = BANK.get("multiple-colleagues")
    a, b = QuestionWidget(q, seed=3), QuestionWidget(q, seed=3)
    assert a.spec["options"] == b.spec["options"]
    orders = {tuple(QuestionWidget(q, seed=s).spec["options"]) for s in range(10)}
    assert len(orders) > 1


def test_restore_shows_the_saved_answer_checked() -> None:
    w = widget("sort-boundaries")
    w.choose(1, 1, 1)
    w.press_check()
    saved = dict(w.result)
    again = widget("sort-boundaries", seed=5)  # a different order on the page
    again.restore(saved)
    assert again.state == "checked"
    assert again.result["score"] == saved["score"] and again.result["attempts"] == 1
    assert again.to_canonical(again.selection) == saved["selected"]
