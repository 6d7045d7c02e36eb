"""Polls: no right answer, counted in progress not score, kept in the bank's order, and the class's
spread shown to a learner only when the tutor has shared it (counts only)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from widgets.errors import DataErrors
from widgets.quizzes.bank import check, load_bank, read_bank
from widgets.quizzes.models import Poll
from widgets.quizzes.poll import PollQuestion, widget_class
from widgets.quizzes.poll_results import (
    FILE_NAME,
    MIN_ANSWERS,
    Spread,
    class_spread,
    publish,
    results_path,
)
from widgets.quizzes.quiz import Quiz
from widgets.quizzes.session import reset_session

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
POLLS = load_bank("polls")
SAMPLE = read_bank(FIXTURES / "sample-bank.yaml")


def first_poll() -> Poll:
    return next(q for q in POLLS.questions if isinstance(q, Poll))


def test_the_poll_bank_holds_polls_grounded_in_guide_sections() -> None:
    from widgets.quizzes.bank import section_titles

    polls = [q for q in POLLS.questions if q.type == "poll"]
    assert len(polls) >= 3
    for q in polls:
        assert set(q.sections) <= set(section_titles()), q.id
        assert len(q.options) >= 2 and all(o.feedback for o in q.options), q.id


def test_a_poll_answer_is_a_view_never_right_or_wrong() -> None:
    q = first_poll()
    for i, option in enumerate(q.options):
        grade = q.grade([i])
        assert grade.answered and not grade.correct and grade.score == 0
        assert grade.status == "view"
        assert grade.verdict.startswith("✎ ") and "no right or wrong answer" in grade.verdict
        assert option.feedback in grade.verdict
        if q.discussion:
            assert q.discussion in grade.verdict
        assert q.describe([i]) == option.text
    assert not q.grade([]).answered and not q.grade([len(q.options)]).answered


def test_poll_widget_keeps_the_bank_order_whatever_the_seed() -> None:
    q = first_poll()
    for seed in (0, 1, 2, 3, None):
        w = widget_class(q)(q, seed=seed, quiz_id="polls")
        assert isinstance(w, PollQuestion)
        assert w.spec["options"] == [o.text for o in q.options]
        assert w.to_canonical([2]) == [2] and w.to_shown([1]) == [1]


def test_a_poll_counts_in_progress_but_not_in_the_score(answers_dir: Path) -> None:
    session = reset_session("Pat", answers_dir)
    poll = first_poll()
    single = SAMPLE.get("single-gift")
    quiz = Quiz([single, poll], quiz_id="mixed", title="Mixed")
    assert quiz.header.progress == {"answered": 0, "total": 2, "score": 0, "scored": 1}
    p = quiz.questions[1]
    p.choose(len(poll.options) - 1)
    p.press_check()
    assert p.feedback["status"] == "view" and p.feedback["details"] == []
    assert p.result["answered"] and not p.result["correct"] and p.result["score"] == 0
    assert quiz.header.progress == {"answered": 1, "total": 2, "score": 0, "scored": 1}
    assert quiz.footer.summary["done"] is False
    s = quiz.questions[0]
    right = next(i for i, o in enumerate(single.options) if o.correct)
    s.choose(*s.to_shown([right]))
    s.press_check()
    assert quiz.header.progress == {"answered": 2, "total": 2, "score": 1.0, "scored": 1}
    assert quiz.footer.summary == {"done": True, "review": []}
    assert session.store.path.parent == answers_dir
    saved = json.loads(session.store.path.read_text(encoding="utf-8"))
    assert saved["answers"]["mixed"][poll.id]["answer"] == poll.options[-1].text


def test_an_unanswered_poll_is_listed_to_review(answers_dir: Path) -> None:
    reset_session("Pam", answers_dir)
    quiz = Quiz(list(POLLS.questions[:2]), quiz_id="polls", title="Polls")
    assert len(quiz.to_review()) == 2
    quiz.questions[0].choose(0)
    quiz.questions[0].press_check()
    review = quiz.to_review()
    assert len(review) == 1 and "not answered" in review[0]


def test_the_checker_says_a_poll_has_no_right_answer(tmp_path: Path) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text(
        "title: T\nquestions:\n"
        "  - id: gift-view\n    type: poll\n    sections: [boundaries]\n"
        "    prompt: Would you accept it?\n    options:\n"
        "      - text: Sure\n        correct: true\n"
        "      - text: Never\n",
        encoding="utf-8",
    )
    (problem,) = check([path])
    assert problem.message.startswith(
        f"{path}, line 9, question 'gift-view', field 'options[0].correct'"
    )
    assert "a poll has no right answer" in problem.message
    assert "type: single" in problem.message


def test_the_checker_reports_poll_option_problems_at_once(tmp_path: Path) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text(
        "title: T\nquestions:\n"
        "  - id: one-option\n    type: poll\n    sections: [boundaries]\n"
        "    prompt: Would you?\n    options:\n      - text: Sure\n"
        "  - id: same-twice\n    type: poll\n    sections: [boundaries]\n"
        "    prompt: Would you?\n    options:\n      - text: Sure\n      - text: Sure\n",
        encoding="utf-8",
    )
    with pytest.raises(DataErrors) as caught:
        read_bank(path)
    text = "\n".join(e.message for e in caught.value.errors)
    assert "question 'one-option', field 'options'" in text
    assert "question 'same-twice', field 'options'" in text and "the same text" in text


def test_the_editor_schema_knows_polls() -> None:
    schema = json.loads((ROOT / "data" / "quizzes" / "schema.json").read_text(encoding="utf-8"))
    assert "Poll" in schema["$defs"]
    assert "correct" not in schema["$defs"]["PollOption"]["properties"]


# --------------------------------------------------------------------------- the class's spread


def test_nothing_is_shown_until_the_tutor_shares(tmp_path: Path) -> None:
    shown = class_spread("polls", "any", [tmp_path / FILE_NAME])
    assert shown["status"] == "off" and shown["rows"] == []
    assert "not shared" in shown["message"]


def test_shared_counts_reach_the_learner_as_words_and_numbers(tmp_path: Path) -> None:
    q = first_poll()
    counts = tuple(range(MIN_ANSWERS, MIN_ANSWERS + len(q.options)))
    path = results_path(tmp_path)
    publish(path, {"polls": {q.id: Spread(tuple(o.text for o in q.options), counts)}})
    shown = class_spread("polls", q.id, [path])
    assert shown["status"] == "shown" and shown["total"] == sum(counts)
    assert [r["label"] for r in shown["rows"]] == [o.text for o in q.options]
    assert [r["count"] for r in shown["rows"]] == list(counts)
    assert sum(r["percent"] for r in shown["rows"]) in range(99, 102)
    assert class_spread("polls", "another-poll", [path])["status"] == "off"
    assert oct(path.stat().st_mode & 0o777) == "0o644"


def test_fewer_answers_than_the_minimum_are_never_written(tmp_path: Path) -> None:
    path = results_path(tmp_path)
    publish(path, {"polls": {"p": Spread(("Yes", "No"), (MIN_ANSWERS - 1, 0))}})
    assert "counts" not in path.read_text(encoding="utf-8")
    shown = class_spread("polls", "p", [path])
    assert shown["status"] == "waiting" and str(MIN_ANSWERS) in shown["message"]


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        '{"format": "something else"}',
        "[]",
        '{"format": "working-relationships-'
        'poll-results", "polls": {"polls": {"p": {"options": ["a"], "counts": ["x"]}}}}',
    ],
)
def test_a_damaged_shared_file_shares_nothing(tmp_path: Path, text: str) -> None:
    path = tmp_path / FILE_NAME
    path.write_text(text, encoding="utf-8")
    assert class_spread("polls", "p", [path])["status"] == "off"


def test_a_learner_finds_the_file_beside_or_above_their_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drop = tmp_path / "drop"
    (drop / "learner-a").mkdir(parents=True)
    publish(drop / FILE_NAME, {"polls": {"p": Spread(("Yes", "No"), (2, 2))}})
    monkeypatch.setenv("WR_ANSWERS_DIR", str(drop / "learner-a"))
    assert class_spread("polls", "p")["total"] == 4
    elsewhere = tmp_path / "shared.json"
    monkeypatch.setenv("WR_POLL_RESULTS", str(elsewhere))
    assert class_spread("polls", "p")["status"] == "off"
    publish(results_path(tmp_path / "ignored"), {"polls": {"p": Spread(("Yes", "No"), (5, 0))}})
    assert elsewhere.is_file() and class_spread("polls", "p")["total"] == 5


def test_the_poll_widget_shows_the_spread_after_answering(answers_dir: Path) -> None:
    reset_session("Sam", answers_dir)
    q = first_poll()
    w = PollQuestion(q, quiz_id="polls")
    assert w.class_spread == {}
    w.choose(0)
    w.press_check()
    assert w.class_spread["status"] == "off"
    labels = tuple(o.text for o in q.options)
    publish(
        answers_dir / FILE_NAME, {"polls": {q.id: Spread(labels, (MIN_ANSWERS,) * len(labels))}}
    )
    w._msg_callbacks(w, {"event": "class-spread"}, [])  # "Show how the class answered"
    assert w.class_spread["status"] == "shown"
    assert w.class_spread["total"] == MIN_ANSWERS * len(q.options)
    w.press_retry()
    assert w.class_spread == {}
