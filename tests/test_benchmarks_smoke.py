"""The benchmark harness imports, and its pure-Python scale benchmarks work on tiny sizes.

No timing is asserted: the benchmarks print figures, they never fail on a slow machine.
"""

from __future__ import annotations

import benchmarks
from benchmarks import checking, classview, scale
from benchmarks.common import Row, percentile
from benchmarks.imports import parse_importtime
from benchmarks.notebooks import floor_imports, parse_imports


def test_package_imports():
    assert "python -m benchmarks" in benchmarks.__doc__


def test_bank_check_on_a_small_generated_bank(tmp_path):
    bank = scale.make_bank(tmp_path / "bank.yaml", 100)
    seconds, problems = scale.run_bank_check(bank)
    assert problems == 0
    assert seconds >= 0
    text = bank.read_text(encoding="utf-8")
    for kind in scale.TYPES:
        assert f"type: {kind}\n" in text


def test_class_csv_from_ten_learners(tmp_path):
    folder = scale.make_answers(tmp_path / "answers", 10, quizzes=2, questions=3)
    seconds, rows, skipped = scale.run_export(folder)
    assert (rows, skipped) == (10 * 2 * 3, 0)
    assert seconds >= 0


def test_charts_of_a_small_synthetic_dataset(tmp_path):
    folder = scale.make_dataset(tmp_path / "data", relationships=8, features=10)
    out = scale.run_charts(folder)
    assert set(out) == {"load", "compare", "heatmap", "profile"}
    for name in ("compare", "heatmap", "profile"):
        seconds, size, title = out[name]
        assert seconds > 0 and size > 1000 and title


def test_row_statistics_and_verdicts():
    row = Row("x", [1.0, 2.0, 3.0, 4.0, 5.0], floor=[2.0, 2.0, 2.0], max_ratio=1.3)
    assert row.stat("median") == 3.0
    assert row.ratio == 1.5
    assert row.verdict() == "MISS"
    assert Row("y", [10.0, 20.0], unit="ms", limits={"median": 50, "p95": 150}).verdict() == "pass"
    assert Row("z", [1.0]).verdict() == "—"
    assert percentile([0, 10], 50) == 5


def test_import_parsing():
    assert parse_imports(
        ["import widgets as wr\n%matplotlib inline", "from pathlib import Path"]
    ) == [
        "widgets",
        "pathlib",
    ]
    rows = parse_importtime(
        "import time: self [us] | cumulative | imported package\n"
        "import time:       100 |        100 |   child\n"
        "import time:       200 |        300 | parent\n"
    )
    assert rows == [(100, 100, 1, "child"), (200, 300, 0, "parent")]


def test_floor_of_a_chart_notebook():
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("import widgets as wr\nwr.charts.heatmap(wr.load_dataset())")
    ]
    assert floor_imports(nb) == ["pandas", "matplotlib", "ipywidgets"]
    # Run with an empty chart cache, it draws: its floor imports what drawing any chart needs.
    assert floor_imports(nb, drawing=True) == [
        "pandas",
        "matplotlib.figure",
        "matplotlib.backends.backend_agg",
        "ipywidgets",
    ]


def test_class_view_benchmark_on_a_small_class(tmp_path):
    bank_ids = classview.make_class(tmp_path / "class", 6)
    assert "polls" in bank_ids
    assert len(list((tmp_path / "class").rglob("learner-*.json"))) == 6
    seconds, counted = classview.run_aggregate(tmp_path / "class", bank_ids)
    from widgets.quizzes.bank import load_bank

    assert counted == 6 * sum(len(load_bank(b).questions) for b in bank_ids)
    assert seconds > 0
    from widgets.classview.page import ClassView

    view = ClassView(tmp_path / "class", quiz="boundaries")
    before = [c.data["answered"] for c in view.questions_panel.children]
    assert classview.run_refresh(view, tmp_path / "class", 3, seed=1) > 0
    assert [c.data["answered"] for c in view.questions_panel.children] == before
    view.close()


def test_fuzz_runner_counts_inputs_and_finds_no_crash():
    tallies = checking.fuzz(8)
    assert set(tallies) == {
        "question banks",
        "CSV files",
        "datapackage.json",
        "datapackage.json + Frictionless",
    }
    assert tallies["question banks"]["inputs"] == 8
    assert all(t["crashes"] == 0 for t in tallies.values())
    assert tallies["question banks"]["DataError"] > 0


def test_import_time_of_a_module():
    assert checking._import_ms("json") > 0
