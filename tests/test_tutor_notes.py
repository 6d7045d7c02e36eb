"""Tutor material: answers generated from the banks are current, and every notebook has a session plan."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import tutor_answers  # noqa: E402
from collection_map import TUTORS, load_banks, notebook_paths, questions  # noqa: E402

RUN_HINT = "run `python scripts/tutor_answers.py`"
TEACHING = [p for p in notebook_paths() if "01" <= p.name[:2] <= "07"]
HEADINGS = (
    "session plan",
    "discussion prompts",
    "activities away from the screen",
    "common misconceptions",
)


@pytest.fixture(scope="module")
def generated() -> dict[Path, str]:
    return tutor_answers.outputs()


def test_answer_files_are_up_to_date(generated: dict[Path, str]) -> None:
    stale = [
        str(p.relative_to(REPO))
        for p, text in generated.items()
        if not p.is_file() or p.read_text(encoding="utf-8") != text
    ]
    assert not stale, f"out of date or missing: {', '.join(stale)}; {RUN_HINT}"


def test_no_answer_file_for_a_bank_that_is_gone(generated: dict[Path, str]) -> None:
    extra = [p.name for p in sorted((TUTORS / "answers").glob("*.md")) if p not in generated]
    assert not extra, f"tutors/answers has files no bank produces: {extra}; delete them"


def test_output_is_deterministic(generated: dict[Path, str]) -> None:
    assert tutor_answers.outputs() == generated


def test_every_question_id_is_in_the_answers() -> None:
    missing = []
    for bank_id, bank in load_banks().items():
        path = TUTORS / "answers" / f"{bank_id}.md"
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        missing += [f"{bank_id}/{q['id']}" for q in questions(bank) if f"`{q['id']}`" not in text]
    assert not missing, f"question ids missing from tutors/answers: {missing}; {RUN_HINT}"


def test_there_are_teaching_notebooks() -> None:
    assert TEACHING


@pytest.mark.parametrize("path", TEACHING, ids=[p.stem for p in TEACHING])
def test_session_plan_for_every_notebook(path: Path) -> None:
    notes = TUTORS / f"{path.stem}.md"
    assert notes.is_file(), f"no tutor notes: write tutors/{path.stem}.md"
    headings = [
        h.lower() for h in re.findall(r"^#{1,6}\s+(.+)$", notes.read_text(encoding="utf-8"), re.M)
    ]
    missing = [want for want in HEADINGS if not any(want in h for h in headings)]
    assert not missing, f"tutors/{path.stem}.md has no heading for: {', '.join(missing)}"
