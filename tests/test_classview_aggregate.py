"""Per quiz and question: started and finished, the spread, the share correct, and the most
common wrong answer with the bank's feedback. Learners answer through the real quiz widgets."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from classhelpers import answer_in_quiz, right, save_answers, wrong

from widgets.classview.aggregate import summarise
from widgets.classview.chart import alt_text, draw, table
from widgets.classview.reading import ClassReader
from widgets.quizzes.bank import load_bank, read_bank

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE = read_bank(FIXTURES / "sample-bank.yaml")
POLLS = load_bank("polls")


@pytest.fixture
def class_folder(tmp_path: Path) -> tuple[Path, dict[str, dict[str, list[int]]]]:
    """Five learners answer the sample bank (every type): some right, some wrong, one stops early."""
    picks: dict[str, dict[str, list[int]]] = {}
    for n, name in enumerate(["Ann", "Bob", "Cat", "Dan", "Eve"]):
        mine = {}
        for k, q in enumerate(SAMPLE.questions):
            if name == "Eve" and k >= 2:
                break  # Eve has started, not finished
            mine[q.id] = right(q) if (n + k) % 3 == 0 else wrong(q, n)
        picks[name] = mine
        answer_in_quiz(tmp_path, name, "sample", mine, SAMPLE)
    return tmp_path, picks


def test_started_finished_and_counts_per_question(class_folder) -> None:
    folder, picks = class_folder
    s = summarise(ClassReader(folder).read(), "sample", SAMPLE)
    n_questions = len(SAMPLE.questions)
    assert s.started == tuple(sorted(picks))
    assert s.in_play == n_questions
    assert s.finished == tuple(sorted(n for n, p in picks.items() if len(p) == n_questions))
    for qs in s.questions:
        q = SAMPLE.get(qs.id)
        given = [p[q.id] for p in picks.values() if q.id in p]
        assert qs.answered == len(given)
        assert qs.correct == sum(q.grade(sel).correct for sel in given)
        assert qs.wrong == qs.answered - qs.correct
        assert qs.number == SAMPLE.questions.index(q) + 1


def test_the_spread_counts_each_option_or_item(class_folder) -> None:
    folder, picks = class_folder
    s = summarise(ClassReader(folder).read(), "sample", SAMPLE)
    single = next(qs for qs in s.questions if qs.type == "single")
    q = SAMPLE.get(single.id)
    chosen = Counter(p[q.id][0] for p in picks.values() if q.id in p)
    assert [r.label for r in single.rows] == [o.text for o in q.options]
    assert [r.count for r in single.rows] == [chosen[i] for i in range(len(q.options))]
    assert [r.correct for r in single.rows] == [o.correct for o in q.options]
    sorting = next(qs for qs in s.questions if qs.type == "sorting")
    q = SAMPLE.get(sorting.id)
    want = right(q)
    for i, row in enumerate(sorting.rows):
        placed = [p[q.id][i] for p in picks.values() if q.id in p]
        assert row.label == q.items[i].text
        assert row.count == sum(c == want[i] for c in placed)
        assert row.wrong == len(placed) - row.count


def test_the_most_common_wrong_answer_comes_with_the_banks_feedback(class_folder) -> None:
    folder, picks = class_folder
    s = summarise(ClassReader(folder).read(), "sample", SAMPLE)
    for qs in s.questions:
        q = SAMPLE.get(qs.id)
        wrong_answers = Counter(
            q.describe(p[q.id])
            for p in picks.values()
            if q.id in p and not q.grade(p[q.id]).correct
        )
        if not wrong_answers:
            assert qs.common_wrong is None
            continue
        top = max(wrong_answers.values())
        assert qs.common_wrong.count == top
        assert wrong_answers[qs.common_wrong.answer] == top
        sel = next(
            p[q.id]
            for p in picks.values()
            if q.describe(p.get(q.id, [-9])) == qs.common_wrong.answer
        )
        expected = [(d.item, d.feedback) for d in q.grade(sel).details if not d.ok][:3]
        assert (
            list(qs.common_wrong.feedback) == expected
            or qs.common_wrong.feedback[0][1] == q.grade(sel).note
        )
        assert all(why for _, why in qs.common_wrong.feedback)


def test_questions_are_ordered_by_how_many_got_them_wrong(class_folder) -> None:
    folder, _ = class_folder
    s = summarise(ClassReader(folder).read(), "sample", SAMPLE)
    ordered = s.by_wrong()
    assert sorted(qs.id for qs in ordered) == sorted(q.id for q in SAMPLE.questions)
    keys = [(-qs.wrong, qs.number) for qs in ordered]
    assert keys == sorted(keys)
    assert ordered[0].wrong == max(qs.wrong for qs in s.questions)


def test_a_poll_has_a_spread_and_no_right_or_wrong(tmp_path: Path) -> None:
    q = POLLS.questions[0]
    views = [i % len(q.options) for i in range(7)]
    for n, v in enumerate(views):
        answer_in_quiz(tmp_path, f"Learner {n}", "polls", {q.id: [v]}, POLLS)
    s = summarise(ClassReader(tmp_path).read(), "polls", POLLS)
    qs = s.questions[0]
    assert qs.type == "poll" and qs.correct is None and qs.share_correct is None and qs.wrong == 0
    assert qs.common_wrong is None and qs.discussion == (q.discussion or "")
    assert [r.count for r in qs.rows] == [views.count(i) for i in range(len(q.options))]
    assert all(r.correct is None for r in qs.rows)
    assert "View" in table(qs)["columns"] and "Right answer" not in table(qs)["columns"]


def test_a_quiz_with_no_bank_is_counted_from_the_saved_words(tmp_path: Path) -> None:
    q = SAMPLE.get("single-gift")
    for n, sel in enumerate([right(q), wrong(q, 0), wrong(q, 0), wrong(q, 1)]):
        save_answers(tmp_path, f"L{n}", "generated", [(q, sel)])
    s = summarise(ClassReader(tmp_path).read(), "generated", None)
    (qs,) = s.questions
    assert not s.has_bank and qs.type == "text" and qs.answered == 4 and qs.correct == 1
    assert qs.common_wrong.answer == q.describe(wrong(q, 0)) and qs.common_wrong.count == 2
    assert s.finished == s.started and len(s.started) == 4


def test_answers_to_questions_no_longer_in_the_bank_are_counted_apart(tmp_path: Path) -> None:
    q = SAMPLE.questions[0]
    store_path = save_answers(tmp_path, "Old", "sample", [(q, right(q))])
    data = json.loads(store_path.read_text())
    data["answers"]["sample"]["a-removed-question"] = {"selected": [0], "answer": "x"}
    store_path.write_text(json.dumps(data))
    s = summarise(ClassReader(tmp_path).read(), "sample", SAMPLE)
    assert s.stray == 1 and s.started == ("Old",)


def test_two_learners_with_one_name_are_told_apart(tmp_path: Path) -> None:
    q = SAMPLE.questions[0]
    save_answers(tmp_path, "Sam", "sample", [(q, right(q))])
    (tmp_path / "sam-two").mkdir()
    save_answers(tmp_path / "sam-two", "Sam", "sample", [(q, wrong(q))])
    s = summarise(ClassReader(tmp_path).read(), "sample", SAMPLE)
    assert len(s.started) == 2 and all(name.startswith("Sam (") for name in s.started)


def test_the_chart_is_drawn_from_the_numbers_with_a_short_text_alternative(class_folder) -> None:
    folder, _ = class_folder
    s = summarise(ClassReader(folder).read(), "sample", SAMPLE)
    for qs in s.questions:
        spread = draw(qs)
        assert spread.png.startswith(b"\x89PNG") and len(spread.png) > 2000
        assert spread.alt == alt_text(qs) and str(qs.answered) in spread.alt
        assert len(spread.alt) < 400
        t = table(qs)
        assert len(t["rows"]) == len(qs.rows) and all(
            len(r) == len(t["columns"]) for r in t["rows"]
        )
        with_names = table(qs, names=True)
        assert len(with_names["columns"]) == len(t["columns"]) + 1


def test_chart_text_with_a_dollar_sign_is_drawn_as_text(tmp_path: Path) -> None:
    bank_file = tmp_path / "money.yaml"
    bank_file.write_text(
        "title: T\nquestions:\n  - id: money\n    type: poll\n    sections: [boundaries]\n"
        "    prompt: How much?\n    options:\n      - text: $5 or $10\n      - text: 'Over $20 \\\\frac'\n",
        encoding="utf-8",
    )
    bank = read_bank(bank_file)
    save_answers(tmp_path / "class", "Kim", "money", [(bank.questions[0], [0])])
    s = summarise(ClassReader(tmp_path / "class").read(), "money", bank)
    assert draw(s.questions[0]).png.startswith(b"\x89PNG")
    assert draw(s.questions[0]) is not None


def test_no_chart_before_anyone_answers(tmp_path: Path) -> None:
    s = summarise(ClassReader(tmp_path).read(), "sample", SAMPLE)
    assert all(draw(qs) is None for qs in s.questions)
    assert s.started == () and s.finished == ()


def test_finished_means_every_question_the_class_is_answering(tmp_path: Path) -> None:
    """A lesson shows part of a bank: finishing is answering every question anyone answered."""
    a, b, c = SAMPLE.questions[:3]
    save_answers(tmp_path, "Una", "sample", [(a, right(a)), (b, right(b))])
    save_answers(tmp_path, "Vic", "sample", [(a, wrong(a))])
    s = summarise(ClassReader(tmp_path).read(), "sample", SAMPLE)
    assert s.in_play == 2 and s.started == ("Una", "Vic") and s.finished == ("Una",)
    save_answers(tmp_path, "Vic", "sample", [(c, right(c))])
    s = summarise(ClassReader(tmp_path).read(), "sample", SAMPLE)
    assert s.in_play == 3 and s.finished == ()
