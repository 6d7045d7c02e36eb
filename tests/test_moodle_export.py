"""Moodle XML export: every rule Moodle's importer sets, read back into the question models."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from moodle_reader import OWN_TAGS, banks, html_tags, parse

from widgets.exports import grades
from widgets.exports.banks import load_banks
from widgets.exports.moodle import MIN_MATCH_ANSWERS, PADDING, idnumber, moodle_xml
from widgets.quizzes.bank import banks_dir, read_bank
from widgets.quizzes.models import Bank, Matching, Option, Poll, Sorting

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
MOODLE_TYPE = {
    "single": "multichoice",
    "multiple": "multichoice",
    "true_false": "truefalse",
    "matching": "matching",
    "sorting": "matching",
    "ordering": "ordering",
    "written": "essay",
}
PAYLOAD = "<script>alert(1)</script> ]]> <b onmouseover=x>bold</b> &amp; & \"q\" 'a' <!-- c -->"
TEXT_FIELDS = {
    "title", "description", "prompt", "hint", "text", "feedback", "feedback_true",
    "feedback_false", "left", "right", "label", "self_check", "model_answer",
}  # fmt: skip


def all_banks() -> list[tuple[str, Bank]]:
    return load_banks()


def in_moodle(source: list[tuple[str, Bank]]) -> list[tuple[str, Bank]]:
    """The banks as Moodle holds them: questions of a type with a Moodle home, no empty banks."""
    out = []
    for bank_id, bank in source:
        kept = [q for q in bank.questions if q.type in MOODLE_TYPE]
        if kept:
            out.append((bank_id, bank.model_copy(update={"questions": kept})))
    return out


def left_out(source: list[tuple[str, Bank]]) -> list[str]:
    return [
        f"{b}:{q.id}" for b, bank in source for q in bank.questions if q.type not in MOODLE_TYPE
    ]


def fractions(q) -> list[float]:
    return [float(a.get("fraction")) for a in q.findall("answer")]


@pytest.fixture(scope="module")
def exported():
    source = all_banks()
    out = moodle_xml(source)
    return source, out, parse(out.xml)


# ---------------------------------------------------------------------------- file structure


def test_one_category_per_bank_then_its_questions(exported) -> None:
    everything, out, root = exported
    source = in_moodle(everything)
    assert root.tag == "quiz"
    cats = root.findall("question[@type='category']")
    assert [c.findtext("idnumber") for c in cats] == [bank_id for bank_id, _ in source]
    for cat, (_, bank) in zip(cats, source, strict=True):
        assert cat.findtext("category/text").startswith("$course$/top/")
        assert bank.title in cat.findtext("category/text")
    total = sum(len(b.questions) for _, b in source)
    assert out.written == total
    missing = left_out(everything)
    for where in missing:
        assert sum(where + " " in note for note in out.notes) == 1, where
    empty = {b for b, _ in everything} - {b for b, _ in source}
    assert len(out.notes) == len(missing) + len(empty)
    assert len(root.findall("question")) == total + len(source)


def test_types_idnumbers_and_feedback(exported) -> None:
    everything, _, root = exported
    source = in_moodle(everything)
    read = {bank_id: elements for bank_id, _, elements in banks(root)}
    seen = set()
    for bank_id, bank in source:
        for q, el in zip(bank.questions, read[bank_id], strict=True):
            assert el.get("type") == MOODLE_TYPE[q.type], q.id
            ident = el.findtext("idnumber")
            assert ident == idnumber(bank_id, q.id) and bank_id in ident and q.id in ident
            assert ident not in seen
            seen.add(ident)
            assert (el.find("hint") is not None) == bool(q.hint), q.id
            for answer in el.findall("answer"):
                assert answer.findtext("feedback/text").strip(), f"{ident}: empty feedback"


def test_grades_only_from_moodles_list(exported) -> None:
    _, _, root = exported
    checked = 0
    for q in root.iterfind("question"):
        if q.get("type") in ("multichoice", "truefalse"):
            for value in fractions(q):
                assert grades.is_grade(value), (q.findtext("idnumber"), value)
                checked += 1
    assert checked > 0


def test_single_answer_has_exactly_one_hundred(exported) -> None:
    _, _, root = exported
    singles = root.findall("question[@type='multichoice'][single='true']")
    assert singles
    for q in singles:
        values = fractions(q)
        assert values.count(100.0) == 1 and set(values) <= {100.0, 0.0}, q.findtext("idnumber")


def _multiple_rules(q) -> None:
    values = fractions(q)
    positive = [v for v in values if v > 0]
    negative = [v for v in values if v < 0]
    assert sum(positive) == pytest.approx(100, abs=grades.TOLERANCE * len(positive))
    assert len(positive) + len(negative) == len(values), "no option may be worth 0"
    if negative:
        assert sum(values) <= grades.TOLERANCE, "ticking every box must not score"


def test_multiple_select_shares_100_and_ticking_everything_scores_nothing(exported) -> None:
    _, _, root = exported
    multis = root.findall("question[@type='multichoice'][single='false']")
    assert multis
    for q in multis:
        _multiple_rules(q)


def moodle_score(values: list[float], ticked: tuple[int, ...]) -> float:
    """How Moodle marks a multiple-answer multichoice: the ticked fractions added, kept in 0..1."""
    return min(1.0, max(0.0, sum(values[i] for i in ticked) / 100))


@pytest.mark.parametrize("right,wrong", [(1, 1), (1, 4), (2, 2), (2, 3), (3, 1), (3, 4), (4, 2)])
def test_moodle_marks_like_the_collection(right: int, wrong: int) -> None:
    """Every way of ticking: the same score as the notebooks, or lower where ticking all would pay."""
    options = [Option(text=f"right {n}", correct=True, feedback="r") for n in range(right)]
    options += [Option(text=f"wrong {n}", feedback="w") for n in range(wrong)]
    q = Bank.model_validate(
        {
            "title": "t",
            "questions": [
                {
                    "id": "m",
                    "type": "multiple",
                    "sections": ["boundaries"],
                    "prompt": "p",
                    "options": [o.model_dump() for o in options],
                }
            ],
        }
    )
    el = parse(moodle_xml([("b", q)]).xml).find("question[@type='multichoice']")
    _multiple_rules(el)
    values = fractions(el)
    n = right + wrong
    for size in range(1, n + 1):
        for ticked in itertools.combinations(range(n), size):
            ours = q.questions[0].grade(list(ticked)).score
            theirs = moodle_score(values, ticked)
            if wrong >= right:
                assert theirs == pytest.approx(ours, abs=1e-4), ticked
            else:
                assert theirs <= ours + 1e-4, ticked
    assert moodle_score(values, tuple(range(n))) == 0.0


def test_grade_shares_for_every_count() -> None:
    for n in range(1, grades.MAX_RIGHT + 1):
        values = grades.shares(n)
        assert len(values) == n and all(grades.is_grade(v) for v in values)
        assert sum(values) == pytest.approx(100, abs=grades.TOLERANCE * n)
    with pytest.raises(ValueError):
        grades.shares(grades.MAX_RIGHT + 1)


def test_true_false_has_both_answers_with_feedback(exported) -> None:
    source, _, root = exported
    tfs = root.findall("question[@type='truefalse']")
    assert len(tfs) == sum(q.type == "true_false" for _, b in source for q in b.questions)
    for q in tfs:
        words = sorted(a.findtext("text") for a in q.findall("answer"))
        assert words == ["false", "true"]
        assert sorted(fractions(q)) == [0.0, 100.0]


def test_matching_has_two_subquestions_and_three_answers(exported) -> None:
    _, _, root = exported
    matches = root.findall("question[@type='matching']")
    assert matches
    for q in matches:
        subs = q.findall("subquestion")
        asked = [s for s in subs if (s.findtext("text") or "").strip()]
        answers = {s.findtext("answer/text") for s in subs}
        assert len(asked) >= 2 and len(answers) >= MIN_MATCH_ANSWERS, q.findtext("idnumber")


def test_small_matching_and_two_way_sorts_are_padded() -> None:
    small = Matching(
        id="two",
        type="matching",
        sections=["boundaries"],
        prompt="Match",
        pairs=[
            {"left": "a", "right": "None of these", "feedback": "f"},
            {"left": "b", "right": "B", "feedback": "g"},
        ],
    )
    two_way = Sorting(
        id="sort",
        type="sorting",
        sections=["boundaries"],
        prompt="Sort",
        categories=[
            {"id": "x", "label": "X"},
            {"id": "y", "label": "Y"},
            {"id": "z", "label": "Z"},
        ],
        items=[
            {"text": "1", "category": "x", "feedback": "f"},
            {"text": "2", "category": "x", "feedback": "f"},
        ],
    )
    bank = Bank.model_construct(title="t", description="", questions=[small, two_way])
    root = parse(moodle_xml([("b", bank)]).xml)
    first, second = root.findall("question[@type='matching']")
    answers = [s.findtext("answer/text") for s in first.findall("subquestion")]
    assert len(set(answers)) == MIN_MATCH_ANSWERS and answers.count("None of these") == 1
    assert PADDING[1] in answers  # the first padding word was taken by a real answer
    # the unused categories (Y, Z) stay as choices, so no padding is needed
    answers = [s.findtext("answer/text") for s in second.findall("subquestion")]
    assert set(answers) == {"X", "Y", "Z"}


def test_ordering_answers_hold_positions(exported) -> None:
    source, _, root = exported
    orderings = root.findall("question[@type='ordering']")
    assert len(orderings) == sum(q.type == "ordering" for _, b in source for q in b.questions)
    for q in orderings:
        values = fractions(q)
        assert values == list(range(1, len(values) + 1))
        assert q.findtext("selecttype") == "ALL" and q.findtext("selectcount") == str(len(values))
        assert q.findtext("gradingtype") == "ABSOLUTE_POSITION"


# ---------------------------------------------------------------------------- read back


def comparable(q: Any) -> dict:
    """A question with what Moodle keeps: sorting and matching both become item → answer slots."""
    data = q.model_dump()
    if q.type in ("matching", "sorting"):
        if q.type == "matching":
            slots = [(p.left, p.right, p.feedback) for p in q.pairs]
            extra = set(q.distractors)
        else:
            labels = {c.id: c.label for c in q.categories}
            slots = [(i.text, labels[i.category], i.feedback) for i in q.items]
            extra = set(labels.values())
        choices = ({right for _, right, _ in slots} | extra) - set(PADDING)
        data = {k: data[k] for k in ("id", "sections", "prompt", "hint")}
        data.update(slots=slots, choices=sorted(choices))
    return data


def assert_same_banks(source: list[tuple[str, Bank]], xml: bytes) -> None:
    read = list(banks(parse(xml)))
    assert [bank_id for bank_id, _, _ in read] == [bank_id for bank_id, _ in source]
    for (bank_id, want), (_, got, _) in zip(source, read, strict=True):
        assert got.title == " ".join(want.title.split()), "the category name is one line"
        assert got.description == want.description
        assert len(got.questions) == len(want.questions)
        for a, b in zip(want.questions, got.questions, strict=True):
            assert comparable(b) == comparable(a), f"{bank_id}:{a.id}"


def test_read_back_into_the_models_equals_the_banks(exported) -> None:
    source, out, _ = exported
    assert_same_banks(in_moodle(source), out.xml)


def _hostile(value: Any, key: str = "", counter: list[int] | None = None) -> Any:
    counter = counter if counter is not None else [0]
    if isinstance(value, dict):
        return {k: _hostile(v, k, counter) for k, v in value.items()}
    if isinstance(value, list):
        return [_hostile(v, key, counter) for v in value]
    if isinstance(value, str) and (key in TEXT_FIELDS or key == "distractors"):
        counter[0] += 1
        return f"{PAYLOAD} {value}\nsecond line {counter[0]}"
    return value


def hostile_banks() -> list[tuple[str, Bank]]:
    out = [("payload-bank", read_bank(FIXTURES / "payload-bank.yaml"))]
    for bank_id, bank in all_banks():
        out.append((f"hostile-{bank_id}", Bank.model_validate(_hostile(bank.model_dump()))))
    return out


def test_hostile_text_stays_text() -> None:
    source = in_moodle(hostile_banks())
    xml = moodle_xml(source).xml
    root = parse(xml)
    texts = 0
    for node in root.iter("text"):
        fragment = node.text or ""
        assert html_tags(fragment) <= OWN_TAGS, fragment
        assert "<script" not in fragment and "onmouseover=" not in fragment.split("&lt;")[0]
        texts += 1
    assert texts > 100
    assert_same_banks(source, xml)


# ---------------------------------------------------------------------------- types with no home


def test_types_without_a_moodle_home_are_left_out_and_named() -> None:
    bank = read_bank(banks_dir() / "boundaries.yaml")
    poll = Poll(
        id="gift-views",
        type="poll",
        sections=["boundaries"],
        prompt="Would you?",
        options=[{"text": "Yes"}, {"text": "No"}],
    )
    mixed = Bank.model_construct(
        title=bank.title, description="", questions=[poll, *bank.questions]
    )
    out = moodle_xml([("boundaries", mixed)])
    assert out.written == len(bank.questions)
    assert (
        len(out.notes) == 1 and "boundaries:gift-views" in out.notes[0] and "poll" in out.notes[0]
    )
    root = parse(out.xml)
    assert "gift-views" not in [q.findtext("idnumber") for q in root.iter("question")]
    assert any("gift-views" in c.text for c in root.iter(tag=etree.Comment))


# ---------------------------------------------------------------------------- the command


def run_cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "widgets", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_command_writes_every_bank(tmp_path: Path) -> None:
    target = tmp_path / "out" / "bank.xml"
    done = run_cli("moodle", "-o", str(target))
    assert done.returncode == 0, done.stderr
    source = in_moodle(all_banks())
    assert_same_banks(source, target.read_bytes())
    assert f"{sum(len(b.questions) for _, b in source)} questions" in done.stdout
    assert "Import" in done.stdout


def test_command_writes_chosen_banks_and_files(tmp_path: Path) -> None:
    target = tmp_path / "two.xml"
    names = [p.stem for p in sorted(banks_dir().glob("*.yaml"))][:2]
    done = run_cli("moodle", names[0], str(FIXTURES / "payload-bank.yaml"), "-o", str(target))
    assert done.returncode == 0, done.stderr
    cats = parse(target.read_bytes()).findall("question[@type='category']")
    assert [c.findtext("idnumber") for c in cats] == [names[0], "payload-bank"]


def test_command_names_an_unknown_bank(tmp_path: Path) -> None:
    target = tmp_path / "x.xml"
    done = run_cli("moodle", "no-such-bank", "-o", str(target))
    assert done.returncode == 1
    assert "no-such-bank" in done.stderr and "expected one of" in done.stderr
    assert "Traceback" not in done.stderr and not target.exists()


def test_command_reports_a_broken_bank_without_a_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: x\nquestions:\n  - id: a\n    type: single\n", encoding="utf-8")
    done = run_cli("moodle", str(broken), "-o", str(tmp_path / "x.xml"))
    assert done.returncode == 1 and "broken.yaml" in done.stderr and "line" in done.stderr
    assert "Traceback" not in done.stderr


def test_heavy_libraries_stay_off_the_notebooks_import_path() -> None:
    code = (
        "import sys, widgets, widgets.quizzes.api, widgets.cli.moodle, widgets.cli.printing;"
        "import widgets.__main__;"
        "print(sorted({'lxml', 'weasyprint', 'jinja2'} & {m.split('.')[0] for m in sys.modules}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
