"""Question quality: figures and rules in `python -m widgets check`, errors for the project's banks."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from widgets.quizzes import quality, wording
from widgets.quizzes.bank import read_bank
from widgets.quizzes.scenarios import SETTINGS, names_a_person, settings_named

ROOT = Path(__file__).resolve().parents[1]
BANKS = sorted((ROOT / "data" / "quizzes").glob("*.yaml"))


def single(qid: str, right: str, wrongs: list[str]) -> str:
    opts = f"      - text: {right}\n        correct: true\n        feedback: Why it is right.\n"
    for w in wrongs:
        opts += f"      - text: {w}\n        feedback: Why it is wrong.\n"
    return (
        f"  - id: {qid}\n    type: single\n    sections: [boundaries]\n"
        f"    prompt: Sam works in a care home. What should he do?\n    options:\n{opts}"
    )


def tf(qid: str, answer: bool) -> str:
    return (
        f"  - id: {qid}\n    type: true_false\n    sections: [boundaries]\n"
        f"    prompt: A statement about Ann.\n    answer: {str(answer).lower()}\n"
        "    feedback_true: Because.\n    feedback_false: Because not.\n"
    )


def multiple(qid: str, right: int, wrong: int) -> str:
    opts = "".join(
        f"      - text: Right {n}\n        correct: true\n        feedback: Yes.\n"
        for n in range(right)
    )
    opts += "".join(f"      - text: Wrong {n}\n        feedback: No.\n" for n in range(wrong))
    return (
        f"  - id: {qid}\n    type: multiple\n    sections: [boundaries]\n"
        f"    prompt: Choose all that apply.\n    options:\n{opts}"
    )


def bank(folder: Path, *questions: str, name: str = "mine.yaml") -> Path:
    path = folder / name
    path.write_text("title: T\nquestions:\n" + "".join(questions), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the project's banks


def test_every_project_bank_keeps_every_rule() -> None:
    result = quality.review(BANKS)
    assert not result.errors, "\n".join(e.message for e in result.errors)
    assert len(result.figures) == len(BANKS)


def test_project_banks_are_mostly_scenarios_with_a_named_person() -> None:
    figs = quality.review(BANKS).figures
    questions = sum(f.questions for f in figs)
    scenarios = sum(f.scenarios for f in figs)
    assert scenarios > questions / 2, f"{scenarios} of {questions} questions name a person"


def test_project_scenarios_come_from_every_care_setting() -> None:
    named: set[str] = set()
    for path in BANKS:
        for q in read_bank(path).questions:
            named |= set(settings_named(q.prompt))
    assert named == set(SETTINGS), f"no scenario set in: {sorted(set(SETTINGS) - named)}"


def test_the_check_command_prints_the_figures() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "widgets", "check", "data"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "Question quality:" in run.stdout
    for path in BANKS:
        assert f"  {path.stem}: " in run.stdout
    assert "true/false answers that are true:" in run.stdout


def test_a_broken_project_bank_is_an_error_but_a_copy_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same bank: in data/quizzes/ a weak question fails the check; elsewhere it warns."""
    weak = single("weak", "The right answer, written out in full detail", ["Wait", "Never"])
    copy = bank(tmp_path, weak)
    result = quality.review([copy])
    assert not result.errors and result.warnings
    run = subprocess.run(
        [sys.executable, "-m", "widgets", "check", str(copy)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "Warning:" in run.stderr and "mine.yaml" in run.stderr
    # The same file in a folder taken as the project's own banks: now the findings are errors.
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(copy, project / copy.name)
    monkeypatch.setattr(quality, "PROJECT_BANKS", project)
    result = quality.review([project / copy.name])
    assert any("strictly longest" in e.message for e in result.errors)
    assert not result.warnings


# --------------------------------------------------------------------------- each rule


def test_right_option_longest_in_more_than_a_third(tmp_path: Path) -> None:
    long_right = [
        single(f"q{n}", "A long and careful right answer", ["Short", "Brief"]) for n in range(2)
    ]
    fair = [single("q9", "Short right", ["A long wrong answer here", "Another long wrong one"])]
    found = quality.review([bank(tmp_path, *long_right, *fair)]).warnings
    msg = [w.message for w in found if "strictly longest" in w.message]
    assert msg and "in 2 of 3 single-choice questions (q0, q1)" in msg[0]
    assert "at most 1" in msg[0]
    ok = quality.review([bank(tmp_path, long_right[0], *fair, fair[0].replace("q9", "q8"))])
    assert not [w for w in ok.warnings if "strictly longest" in w.message]


def test_a_tie_for_longest_is_not_counted(tmp_path: Path) -> None:
    tie = single("tie", "Same length", ["Also length", "Other words"])
    assert not quality.review([bank(tmp_path, tie)]).figures[0].longest_right


@pytest.mark.parametrize(
    ("trues", "falses", "flagged"), [(1, 3, True), (2, 2, False), (3, 2, False), (4, 1, True)]
)
def test_true_false_share(tmp_path: Path, trues: int, falses: int, flagged: bool) -> None:
    qs = [tf(f"t{n}", True) for n in range(trues)] + [tf(f"f{n}", False) for n in range(falses)]
    found = [w for w in quality.review([bank(tmp_path, *qs)]).warnings if "true/false" in w.message]
    assert bool(found) == flagged


def test_true_false_share_is_across_banks(tmp_path: Path) -> None:
    a = bank(tmp_path, tf("a", True), name="a.yaml")
    b = bank(tmp_path, tf("b", False), name="b.yaml")
    assert not [w for w in quality.review([a, b]).warnings if "true/false" in w.message]
    assert [w for w in quality.review([a]).warnings if "true/false" in w.message]


@pytest.mark.parametrize(
    ("right", "wrong", "flagged"),
    [(1, 2, False), (1, 3, True), (2, 1, False), (3, 1, True), (4, 2, False), (5, 1, True)],
)
def test_multiple_select_share(tmp_path: Path, right: int, wrong: int, flagged: bool) -> None:
    found = quality.review([bank(tmp_path, multiple("m", right, wrong))]).warnings
    hit = [w for w in found if "right options out of" in w.message]
    assert bool(hit) == flagged
    if hit:
        assert "question 'm', field 'options'" in hit[0].message and hit[0].line == 8


def test_at_least_three_options(tmp_path: Path) -> None:
    two = single("two", "Ask first", ["Guess"])
    found = [w.message for w in quality.review([bank(tmp_path, two)]).warnings]
    assert any("has 2 options; expected at least three" in m for m in found)


def test_wording_problem_names_the_field_and_line(tmp_path: Path) -> None:
    q = single("carer", "Ask the senior carer on shift", ["Guess what to do", "Leave it for later"])
    found = [w for w in quality.review([bank(tmp_path, q)]).warnings if "carer" in w.message]
    assert found and found[0].column == "options[0].text" and found[0].line == 8


# --------------------------------------------------------------------------- wording rules


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Promoting choice and independence is acting in their best interests.", "best-interests"),
        ("Ask the senior carer before you start.", "paid-carer"),
        ("Two night carers hand over to the day staff.", "paid-carer"),
        ("The CQC gives workers support and advice about their rights.", "cqc-support"),
        ("A nurse follows the doctor's instructions about treatment.", "nurse-follows-doctor"),
        ("Nurses act on a doctor's medical instructions.", "nurse-follows-doctor"),
        (
            "Staff follow the decisions and instructions of the manager.",
            "unreasonable-instructions",
        ),
        ("You must not share her details without her consent.", "consent-absolute"),
        ("Personal details go to an agency only with consent.", "consent-absolute"),
    ],
)
def test_wording_rule_catches(text: str, rule: str) -> None:
    assert rule in [p.rule for p in wording.problems(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Mrs Day lacks capacity, so the decision is made in her best interests.",
        "Mr Thomas is an unpaid carer for his wife.",
        "Families and carers get regular updates.",
        "The CQC is the regulator. It does not give personal support.",
        "Nurses and doctors work in partnership.",
        "Staff act on a manager's reasonable instructions.",
        "Share on a need-to-know basis, with consent where it is needed.",
        "You may share without consent to protect someone from serious harm.",
    ],
)
def test_wording_rule_leaves_good_practice_alone(text: str) -> None:
    assert wording.problems(text) == []


def test_best_interests_may_take_its_context_from_the_question() -> None:
    text = "The team decides in her best interests."
    assert wording.problems(text)
    assert not wording.problems(text, context="Mrs Day lacks capacity to decide. " + text)


# --------------------------------------------------------------------------- scenario detection


@pytest.mark.parametrize(
    ("prompt", "named"),
    [
        ("Chloe is a care assistant. What should she do?", True),
        ("Mrs Begum's son phones the care home.", True),
        ("Which of these are features of a working relationship?", False),
        ("Under the Care Act 2014, councils in England must co-operate.", False),
    ],
)
def test_names_a_person(prompt: str, named: bool) -> None:
    assert names_a_person(prompt) is named


def test_settings_named() -> None:
    assert settings_named("Ewa moves from a care home to home care.") == [
        "home-care",
        "residential-home",
    ]
    assert settings_named("A hospital ward and a day centre.") == ["hospital-ward", "day-service"]
    assert settings_named("A nursing home.") == ["nursing-home"]


def test_right_option_shortest_in_more_than_half(tmp_path: Path) -> None:
    """A guesser who always picks the shortest option must not pass either."""
    short_right = [
        single(f"s{n}", "Ask", ["Guess what to do", "Leave it for later"]) for n in range(2)
    ]
    middle = single("m", "Ask the nurse", ["Ask", "Leave it for the next shift"])
    found = [w.message for w in quality.review([bank(tmp_path, *short_right, middle)]).warnings]
    hit = [m for m in found if "strictly shortest" in m]
    assert hit and "in 2 of 3 single-choice questions (s0, s1)" in hit[0] and "at most 1" in hit[0]
    fine = quality.review([bank(tmp_path, short_right[0], middle)]).warnings
    assert not [w for w in fine if "strictly shortest" in w.message]
