"""The question-bank checker: every problem at once, each with file:line, question, field, expectation."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from datahelpers import ids
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from widgets.errors import DataError, DataErrors
from widgets.quizzes.bank import check, read_bank

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SECTION, OTHER_SECTION = ids("guide_sections")[0], ids("guide_sections")[-1]


def write(tmp_path: Path, text: str, name: str = "bank.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD_Q = """
  - id: {id}
    type: single
    sections: [SECTION]
    prompt: A question?
    options:
      - text: Sure
        correct: true
        feedback: Because.
      - text: Never
        feedback: Because not.
""".replace("SECTION", SECTION)


def messages(tmp_path: Path, body: str) -> list[str]:
    path = write(tmp_path, "title: T\nquestions:" + body)
    return [e.message for e in check([path])]


def one(tmp_path: Path, body: str) -> str:
    found = messages(tmp_path, body)
    assert len(found) == 1, found
    return found[0]


def test_every_bank_in_the_repository_passes_the_check_command() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "widgets", "check", "data"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().splitlines()[-1].startswith("No problems found in ")


def test_the_check_command_exits_non_zero_and_lists_every_problem(tmp_path: Path) -> None:
    write(
        tmp_path, "title: T\nquestions:" + GOOD_Q.format(id="a") + GOOD_Q.format(id="a"), "one.yaml"
    )
    write(tmp_path, "title: T\nquestions:\n\t- id: x\n", "two.yaml")
    run = subprocess.run(
        [sys.executable, "-m", "widgets", "check", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    assert "one.yaml, line 14, question 'a', field 'id'" in run.stderr
    assert "two.yaml, line 3" in run.stderr and "tabs" in run.stderr
    assert "2 problems found." in run.stderr


def test_duplicate_ids(tmp_path: Path) -> None:
    msg = one(tmp_path, GOOD_Q.format(id="same") + GOOD_Q.format(id="same"))
    assert (
        "line 14, question 'same', field 'id': the value 'same' is used twice (first at line 3)"
        in msg
    )


def test_no_correct_option(tmp_path: Path) -> None:
    msg = one(tmp_path, GOOD_Q.format(id="q").replace("correct: true", "correct: false"))
    assert (
        "question 'q', field 'options': 0 options have 'correct: true'; expected exactly one" in msg
    )


def test_missing_feedback(tmp_path: Path) -> None:
    msg = one(tmp_path, GOOD_Q.format(id="q").replace("        feedback: Because not.\n", ""))
    assert "line 11, question 'q', field 'options[1].feedback': is missing" in msg
    assert "expected a sentence that explains why" in msg


def test_unknown_type(tmp_path: Path) -> None:
    msg = one(tmp_path, GOOD_Q.format(id="q").replace("type: single", "type: essay"))
    assert "line 4, question 'q', field 'type': the value 'essay' is not a question type" in msg
    assert "single, multiple, true_false, matching, ordering, sorting" in msg


def test_empty_prompt(tmp_path: Path) -> None:
    msg = one(tmp_path, GOOD_Q.format(id="q").replace("prompt: A question?", "prompt: '  '"))
    assert "line 6, question 'q', field 'prompt': is empty; expected the question to ask" in msg


def test_matching_pair_missing_its_right_side(tmp_path: Path) -> None:
    body = """
  - id: m
    type: matching
    sections: [OTHER]
    prompt: Match them.
    pairs:
      - left: GP
        right: Medicines
        feedback: A GP is a doctor.
      - left: Occupational therapist
        feedback: OTs help with daily living.
"""
    msg = one(tmp_path, body.replace("OTHER", OTHER_SECTION))
    assert "line 11, question 'm', field 'pairs[1].right': is missing" in msg


def test_sorting_category_that_does_not_exist(tmp_path: Path) -> None:
    body = """
  - id: s
    type: sorting
    sections: [OTHER]
    prompt: Sort them.
    categories:
      - {id: always, label: Always}
      - {id: never, label: Never}
    items:
      - text: A gift of cash
        category: sometimes
        feedback: Cash is never accepted.
      - text: Listening
        category: always
        feedback: Always fine.
"""
    msg = one(tmp_path, body.replace("OTHER", OTHER_SECTION))
    assert "line 12, question 's', field 'items[0].category': 'sometimes' is not one of" in msg
    assert "expected one of: always, never" in msg


def test_no_and_yes_stay_text_numbers_need_quotes(tmp_path: Path) -> None:
    body = GOOD_Q.format(id="q").replace("text: Never", "text: No")
    bank = read_bank(write(tmp_path, "title: T\nquestions:" + body))
    assert [o.text for o in bank.questions[0].options] == ["Sure", "No"]
    msg = one(tmp_path, GOOD_Q.format(id="q").replace("text: Never", "text: 10"))
    assert "field 'options[1].text': the value '10' is not text" in msg
    assert "put them in quotes" in msg


def test_unknown_guide_section(tmp_path: Path) -> None:
    msg = one(tmp_path, GOOD_Q.format(id="q").replace(f"[{SECTION}]", f"[{SECTION}x]"))
    assert f"field 'sections[0]': the value '{SECTION}x' is not a section of the guide" in msg


def test_tabs_and_unparsable_files(tmp_path: Path) -> None:
    tab = write(tmp_path, "title: T\nquestions:\n\t- id: a\n", "tab.yaml")
    with pytest.raises(DataError, match=r"tab.yaml, line 3: a tab is used .*use spaces"):
        read_bank(tab)
    broken = write(tmp_path, "title: T\nquestions: [\n  - id: a\n", "broken.yaml")
    with pytest.raises(DataError, match=r"broken.yaml, line \d+: the file cannot be read"):
        read_bank(broken)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"title: Caf\xe9\n")
    with pytest.raises(DataError, match="latin.yaml, line 1: the file is not UTF-8 text"):
        read_bank(latin)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    body = (
        GOOD_Q.format(id="a")
        + GOOD_Q.format(id="a").replace("prompt: A question?", "prompt: ''")
        + GOOD_Q.format(id="b").replace("type: single", "type: essay")
    )
    found = messages(tmp_path, body)
    assert len(found) == 3
    assert [m.split(",")[1].strip() for m in found] == ["line 14", "line 17", "line 26"]


def test_only_safe_load_is_used(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = f"title: !!python/object/apply:os.system ['touch {marker}']\nquestions: []\n"
    with pytest.raises(DataError) as info:
        read_bank(write(tmp_path, text))
    assert "line 1, field 'title': the tag '!!python/object/apply:os.system' is not allowed" in str(
        info.value
    )
    assert not marker.exists()


def test_the_json_schema_for_editors_is_current() -> None:
    from widgets.quizzes.schema import schema_text

    committed = (ROOT / "data" / "quizzes" / "schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), (
        "run: python -m widgets.quizzes.schema > data/quizzes/schema.json"
    )


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda c: (
        st.lists(c, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "type",
                    "prompt",
                    "options",
                    "text",
                    "correct",
                    "feedback",
                    "pairs",
                    "items",
                    "categories",
                    "sections",
                    "title",
                    "questions",
                    "answer",
                    "x",
                ]
            ),
            c,
            max_size=5,
        )
    ),
    max_leaves=25,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(doc=yaml_values)
def test_random_banks_give_our_own_error_never_a_crash(tmp_path: Path, doc: object) -> None:
    path = write(tmp_path, yaml.safe_dump(doc, allow_unicode=True))
    try:
        read_bank(path)
    except DataErrors as exc:
        assert exc.errors and all(
            e.message.startswith(str(path)) or "bank.yaml" in e.message for e in exc.errors
        )
    except DataError as exc:
        assert "bank.yaml" in exc.message


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=200))
def test_random_text_gives_our_own_error_never_a_crash(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    try:
        read_bank(path)
    except DataError as exc:
        assert "bank.yaml" in exc.message


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cut=st.integers(min_value=0, max_value=2000),
    junk=st.sampled_from(["\t", ":", "- ", "[", "'", "&a", "*b"]),
)
def test_corrupted_real_banks_give_our_own_error(tmp_path: Path, cut: int, junk: str) -> None:
    text = (FIXTURES / "sample-bank.yaml").read_text(encoding="utf-8")
    cut = cut % len(text)
    path = write(tmp_path, text[:cut] + junk + text[cut:])
    try:
        read_bank(path)
    except DataError as exc:
        assert "bank.yaml" in exc.message


def test_the_check_command_names_paths_it_cannot_check(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    run = subprocess.run(
        [sys.executable, "-m", "widgets", "check", str(tmp_path / "empty"), str(tmp_path / "gone")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    lines = run.stderr.strip().splitlines()
    assert lines[0].endswith(
        "empty: the folder holds no datapackage.json and no question banks; "
        "expected a data folder, a folder of .yaml banks or one .yaml file."
    )
    assert lines[1].endswith(
        "gone: does not exist; expected a data folder, a folder of banks or a .yaml file."
    )
    assert lines[2] == "2 problems found."
