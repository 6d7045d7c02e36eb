"""datapackage.json and every file it lists follow the Frictionless Data Package standard.

The Frictionless library is the reference validator: the real data passes it with no error, and
what it finds that the collection's own checks do not is reported in the same sentence shape.
It is slow to import, so the notebooks' path (``import widgets``, ``load_dataset``) never imports it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import frictionless
from datahelpers import DATA, copy_data

from widgets.dataset import check_dataset
from widgets.dataset.spec import spec_problems


def test_the_real_data_follows_the_standard() -> None:
    report = frictionless.validate(str(DATA / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])
    assert len(report.tasks) == len(
        json.loads((DATA / "datapackage.json").read_text())["resources"]
    )
    checked = check_dataset(DATA)
    assert checked.problems == [] and spec_problems(checked) == []


def edit_package(folder: Path, change) -> None:
    path = folder / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    change(package)
    path.write_text(json.dumps(package, indent=2), encoding="utf-8")


def test_what_only_the_standard_forbids_is_reported(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    edit_package(folder, lambda p: p.update(created="yesterday"))
    checked = check_dataset(folder)
    assert checked.problems == []  # the collection itself does not read "created"
    (problem,) = spec_problems(checked)
    assert problem.message == (
        "data/datapackage.json: does not follow the Data Package standard "
        '(https://specs.frictionlessdata.io): property "created" is not valid "datetime"; '
        "expected the fields and values the standard allows."
    )


def test_a_file_that_does_not_match_its_description_is_reported(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    edit_package(folder, lambda p: p["resources"][-1].update(bytes=5))
    found = spec_problems(check_dataset(folder))
    name = json.loads((folder / "datapackage.json").read_text())["resources"][-1]["path"]
    assert [p.file for p in found] == [f"data/{name}"]
    assert found[0].problem.startswith("does not match its description in datapackage.json (")


def test_a_problem_both_find_is_reported_once(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    text = (folder / "ratings.csv").read_text(encoding="utf-8").splitlines()
    head = text[0].split(",")
    cells = text[1].split(",")
    cells[head.index("score")] = "lots"
    text[1] = ",".join(cells)
    (folder / "ratings.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    checked = check_dataset(folder)
    assert [(p.line, p.column) for p in checked.problems] == [(2, "score")]
    assert spec_problems(checked) == []  # frictionless finds it too; it is not repeated


def test_notebooks_never_import_frictionless() -> None:
    code = (
        "import sys, widgets; widgets.load_dataset(); widgets.charts; "
        "print('frictionless' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"
