"""Every section of the guide is quizzed in a notebook, and every bank question is used somewhere.

The map is built from the notebooks' code cells, read with ``ast``: ``wr.quiz("bank")`` uses the
whole bank, ``section="..."`` the questions tagged with that guide section, ``ids=[...]`` the named
questions. ``tutors/coverage.md`` shows the same map to tutors (``python scripts/tutor_answers.py``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

from collection_map import coverage, quiz_calls, selected_ids  # noqa: E402


def test_every_guide_section_has_a_question_in_a_notebook() -> None:
    cov = coverage()
    assert not cov.uncovered, (
        "guide sections with no quiz question used in any notebook: "
        + ", ".join(f"{s} ({cov.sections[s]['title']})" for s in cov.uncovered)
    )


def test_every_bank_question_is_used_by_a_notebook() -> None:
    unused = coverage().unused
    assert not unused, "questions no notebook's wr.quiz(...) shows: " + ", ".join(unused)


def test_every_quiz_call_names_a_real_bank_section_and_question() -> None:
    problems = coverage().problems
    assert not problems, "\n".join(problems)


def test_map_lists_notebooks_and_questions() -> None:
    cov = coverage()
    for sid, entry in cov.sections.items():
        if entry["questions"]:
            assert entry["notebooks"], sid
            assert all("/" in q for q in entry["questions"])


def _notebook(tmp_path: Path, *sources: str) -> Path:
    nb = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "id": f"c{n}",
                "metadata": {},
                "outputs": [],
                "source": s,
            }
            for n, s in enumerate(sources)
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = tmp_path / "01-example.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def test_parser_reads_calls_however_they_are_written(tmp_path: Path) -> None:
    path = _notebook(
        tmp_path,
        "import widgets as wr\nwr.start()",
        'wr.quiz(\n    "bank-a",\n    ids=["q1", "q2"],\n)',
        "%matplotlib inline\nwr.quiz('bank-a', section=\"colleagues\")",
        'x = 1  # wr.quiz("not-a-call")\nwr.generated_quiz(kinds=["most"], seed=3)',
        'wr.quiz("bank-b")',
    )
    calls = quiz_calls(path)
    assert [(c.function, c.bank, c.section, c.ids) for c in calls] == [
        ("quiz", "bank-a", None, ("q1", "q2")),
        ("quiz", "bank-a", "colleagues", None),
        ("generated_quiz", None, None, None),
        ("quiz", "bank-b", None, None),
    ]
    assert calls[2].kwargs == {"kinds": ["most"], "seed": 3}


def test_selection_matches_the_quiz_rules(tmp_path: Path) -> None:
    bank = {
        "questions": [
            {"id": "a", "sections": ["colleagues"]},
            {"id": "b", "sections": ["volunteers"]},
            {"id": "c", "sections": ["colleagues", "volunteers"]},
        ]
    }
    path = _notebook(
        tmp_path,
        'wr.quiz("x")',
        'wr.quiz("x", section="volunteers")',
        'wr.quiz("x", ids=["c", "a"], section="colleagues")',
    )
    picked = [selected_ids(c, bank) for c in quiz_calls(path)]
    assert picked == [["a", "b", "c"], ["b", "c"], ["c", "a"]]


def test_coverage_flags_gaps(tmp_path: Path) -> None:
    path = _notebook(
        tmp_path,
        'wr.quiz("x", section="colleagues")',
        'wr.quiz("nope")',
        'wr.quiz("x", ids=["zz"])',
    )
    banks = {
        "x": {
            "questions": [
                {"id": "a", "sections": ["colleagues"]},
                {"id": "b", "sections": ["volunteers"]},
            ]
        }
    }
    sections = [{"id": "colleagues", "title": "C"}, {"id": "volunteers", "title": "V"}]
    cov = coverage([path], banks, sections)
    assert cov.uncovered == ["volunteers"]
    assert cov.unused == ["x/b"]
    assert len(cov.problems) == 3  # unknown bank; unknown id; a call that picks nothing


def test_every_question_type_is_used_in_a_notebook() -> None:
    from collection_map import load_banks, notebook_paths

    banks = load_banks()
    used: set[str] = set()
    for path in notebook_paths():
        for call in quiz_calls(path):
            bank = banks.get(call.bank)
            if bank is None:
                continue
            by_id = {q["id"]: q["type"] for q in bank["questions"]}
            used |= {by_id[i] for i in selected_ids(call, bank)}
    from widgets.quizzes.models import TYPES

    expected = set(TYPES)
    assert used == expected, f"question types no notebook uses: {sorted(expected - used)}"
