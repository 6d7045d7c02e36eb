"""A course designer adds a relationship type, a feature and a guide section: everything follows.

The additions are made to a copy of ``data/`` (rows only, no code), then the checker, the charts,
the generated questions and notebooks 04 and 08 run against the copy through ``WR_DATA_DIR``.
The checker reads the copy's own guide sections, never the collection's.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from datahelpers import (
    REPO,
    append_records,
    copy_data,
    extend_data,
    ids,
    read_rows,
    write_rows,
)
from nbclient import NotebookClient

import widgets as wr
from widgets.errors import DataError, count
from widgets.quizzes.bank import read_bank

NOTEBOOKS = REPO / "notebooks"


@pytest.fixture
def extended(tmp_path: Path):
    folder = copy_data(tmp_path, banks=True)
    return folder, extend_data(folder)


def check(*paths: Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "widgets", "check", *map(str, paths)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=180,
    )


def bank_using(section: str) -> str:
    return f"""title: Placements
questions:
  - id: student-asks
    type: true_false
    sections: [{section}]
    prompt: A student may read a care plan when a task needs it.
    answer: true
    feedback_true: Right. Like any worker, they keep it confidential.
    feedback_false: Students may see what a task needs, and keep it confidential.
"""


def test_the_checker_passes_the_extended_copy(extended) -> None:
    folder, ext = extended
    (folder / "quizzes" / "placements.yaml").write_text(bank_using(ext.section), encoding="utf-8")
    run = check(folder)
    assert run.returncode == 0, run.stderr
    tables = len(json.loads((folder / "datapackage.json").read_text("utf-8"))["resources"])
    banks = len(list((folder / "quizzes").glob("*.yaml")))
    dilemmas = len(list((folder / "dilemmas").glob("*.yaml")))
    assert run.stdout.strip().splitlines()[-1] == (
        f"No problems found in {count(tables, 'data table')}, {count(banks, 'question bank')} "
        f"and {count(dilemmas, 'dilemma')}."
    )


def test_the_checker_uses_the_copys_own_guide_sections(extended) -> None:
    folder, ext = extended
    dropped = ids("guide_sections")[0]
    rows = read_rows(folder / "guide_sections.csv")
    write_rows(folder / "guide_sections.csv", [r for r in rows if r[:1] != [dropped]])
    (folder / "quizzes" / "placements.yaml").write_text(bank_using(dropped), encoding="utf-8")
    run = check(folder)
    assert run.returncode == 1
    assert (
        f"placements.yaml, line 5, question 'student-asks', field 'sections[0]': the value "
        f"'{dropped}' is not a section of the guide in data/guide_sections.csv" in run.stderr
    )
    # the new section, which the collection's own data does not have, is accepted in the copy…
    (folder / "quizzes" / "placements.yaml").write_text(bank_using(ext.section), encoding="utf-8")
    assert read_bank(folder / "quizzes" / "placements.yaml").questions[0].sections == [ext.section]
    # …and refused for a bank outside it, which is checked against the collection's data
    outside = folder.parent / "placements.yaml"
    outside.write_text(bank_using(ext.section), encoding="utf-8")
    with pytest.raises(DataError, match=f"the value '{ext.section}' is not a section of the guide"):
        read_bank(outside)


def test_every_problem_in_data_and_banks_comes_at_once(extended) -> None:
    folder, ext = extended
    rows = read_rows(folder / "ratings.csv")
    rows[1][2] = "many"  # a score that is not a number
    rows[2][4] = ext.section + "x"  # a rationale citing a section that does not exist
    write_rows(folder / "ratings.csv", rows)
    append_records(
        folder / "examples.csv",
        [
            {
                "id": "odd-one",
                "other_party": "Someone",
                "relationship": "nobody",
                "situation": "A made-up case.",
                "source": ext.section,
            }
        ],
    )
    (folder / "quizzes" / "placements.yaml").write_text(
        bank_using(ext.section).replace("answer: true", "answer: true\n    answer: false"),
        encoding="utf-8",
    )
    run = check(folder)
    lines = run.stderr.strip().splitlines()
    assert run.returncode == 1
    assert lines[-1] == "4 problems found."
    assert "ratings.csv, line 2, column 'score': the value 'many' is not a whole number" in lines[0]
    assert f"line 3, column 'source': the value '{ext.section}x' is not a guide section" in lines[1]
    assert "examples.csv" in lines[2] and "the value 'nobody' is not a relationship id" in lines[2]
    assert (
        "placements.yaml, line 8, question 'student-asks', field 'answer': the key 'answer'"
        in lines[3]
    )
    assert "(lines 7 and 8)" in lines[3]


def test_one_problem_is_counted_in_the_singular(extended) -> None:
    folder, _ext = extended
    rows = read_rows(folder / "ratings.csv")
    rows[1][2] = "many"
    write_rows(folder / "ratings.csv", rows)
    run = check(folder)
    assert run.stderr.strip().splitlines()[-1] == "1 problem found."


def test_charts_and_generated_questions_follow_wr_data_dir(extended, monkeypatch) -> None:
    folder, ext = extended
    monkeypatch.setenv("WR_DATA_DIR", str(folder))
    chart = wr.charts.heatmap(wr.load_dataset())
    assert ext.relationship_name in chart.table.text() and ext.feature_name in chart.table.columns
    assert chart.png().startswith(b"\x89PNG")
    quiz = wr.generated_quiz(kinds=["most"], features=[ext.feature])
    prompts = [w.question.prompt for w in quiz.questions]
    assert prompts and all("most regulated" in p for p in prompts)
    assert wr.load_dataset().relationship_ids[-1] == ext.relationship


def run_notebook(name: str, data_dir: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    env_before = os.environ.get("WR_DATA_DIR")
    os.environ["WR_DATA_DIR"] = str(data_dir)  # the kernel inherits it, as it would from a shell
    try:
        NotebookClient(
            nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}
        ).execute()
    finally:
        if env_before is None:
            del os.environ["WR_DATA_DIR"]
        else:
            os.environ["WR_DATA_DIR"] = env_before
    return nb


def outputs_text(nb: nbformat.NotebookNode) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", ""))
            for value in out.get("data", {}).values():
                parts.append(value if isinstance(value, str) else "")
    return "\n".join(parts)


@pytest.mark.parametrize("name", ["04-comparing-relationships", "08-extending-the-collection"])
def test_notebooks_run_on_the_extended_copy(extended, name: str) -> None:
    folder, ext = extended
    nb = run_notebook(name, folder)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    assert ext.relationship_name in outputs_text(nb)
