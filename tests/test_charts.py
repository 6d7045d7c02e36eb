"""Charts show what a person should see, and pick up new rows in the data with no code change."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from datahelpers import copy_data, read_rows, write_rows
from matplotlib.text import Text

from widgets import charts
from widgets.dataset import load_dataset


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def tick_texts(ax, axis: str = "x") -> list[str]:
    labels = ax.get_xticklabels() if axis == "x" else ax.get_yticklabels()
    return [t.get_text() for t in labels]


def bar_count(chart: charts.Chart) -> int:
    return sum(len(c.patches) for ax in chart.figure.axes for c in ax.containers)


def visible_text(chart: charts.Chart) -> list[Text]:
    return [t for t in chart.figure.findobj(Text) if t.get_text().strip() and t.get_visible()]


# --------------------------------------------------------------------------- what a person sees


def test_compare_bars_ticks_and_title(ds):
    chart = charts.compare(ds)
    assert bar_count(chart) == 7 * 3
    axes = [ax for ax in chart.figure.axes if ax.get_visible()]
    assert [ax.get_title() for ax in axes] == ["Formality", "Hierarchy", "Confidentiality"]
    assert tick_texts(axes[0])[0] == "0\nInformal"
    assert tick_texts(axes[0])[-1] == "4\nVery\nformal"
    assert "Colleague to colleague" in tick_texts(axes[0], "y")
    assert "Formality, Hierarchy and Confidentiality" in chart.figure.get_suptitle()
    assert chart.title.startswith("How the relationships compare")
    assert "Highest on Hierarchy: Manager and staff." in chart.alt_text
    rows = dict(chart.table.rows)
    assert chart.table.columns == ["Formality", "Hierarchy", "Confidentiality"]
    assert rows["Manager and staff"][1] == "4 (Line management)"


def test_compare_bars_differ_without_colour(ds):
    chart = charts.compare(ds, ["formality"])
    (container,) = chart.figure.axes[0].containers
    colours = {tuple(p.get_facecolor()) for p in container.patches}
    assert len(colours) == 7
    numbers = [t.get_text() for t in chart.figure.axes[0].texts]
    assert numbers == [str(ds.score(r, "formality")) for r in ds.relationship_ids]


def test_heatmap_has_one_annotation_per_cell(ds):
    chart = charts.heatmap(ds)
    ax = chart.figure.axes[0]
    n = len(ds.relationship_ids) * len(ds.feature_ids)
    assert len(ax.texts) == n
    assert ax.texts[0].get_text() == f"{ds.score('colleagues', ds.feature_ids[0])}\nFormal"
    assert tick_texts(ax, "y") == [ds.relationship_name(r) for r in ds.relationship_ids]
    assert ax.get_title() == "Every feature, every relationship"
    # text colour follows the cell colour: white on dark (0), black on bright (4)
    colours = {t.get_text().split("\n")[0]: t.get_color() for t in ax.texts}
    assert colours["0"] == "white" and colours["4"] == "black"


def test_profile_pairs_bars_with_scale_words(ds):
    chart = charts.profile(ds, "service-users", "external-agencies")
    assert bar_count(chart) == 2 * len(ds.feature_ids)
    ax = chart.figure.axes[0]
    words = [t.get_text() for t in ax.texts]
    assert "4 Deep" in words and "0 Practical only" in words
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Service users (individuals)",
        "External agencies",
    ]
    hatches = {p.get_hatch() for c in ax.containers for p in c.patches}
    assert hatches == {None, "//"}
    assert "Service users (individuals) scores higher on" in chart.alt_text
    with pytest.raises(ValueError):
        charts.profile(ds, "volunteers", "volunteers")


@pytest.mark.parametrize(
    "make",
    [
        lambda d: charts.compare(d),
        lambda d: charts.heatmap(d),
        lambda d: charts.profile(d, "colleagues", "manager-staff"),
    ],
)
def test_alt_text_and_html(ds, make):
    import html

    chart = make(ds)
    assert 0 < len(chart.alt_text) <= charts.ALT_LIMIT, chart.alt_text
    table = chart.table.text()
    for rid in chart_relationships(chart, ds):
        assert ds.relationship_name(rid) in table
    page = chart._repr_html_()
    assert page.startswith("<figure") and "<figcaption>" in page
    # Said once: the short alt text in the img only; the numbers in one real table.
    assert page.count(html.escape(chart.alt_text, quote=True)) == 1
    assert page.count("<table") == 1 and "<summary>Show the numbers</summary>" in page
    assert page.count('<th scope="col"') == len(chart.table.columns) + 1
    assert page.count('<th scope="row"') == len(chart.table.rows)
    assert 'src="data:image/png;base64,' in page
    assert chart.png().startswith(b"\x89PNG")


def chart_relationships(chart, ds):
    if "compared with" in chart.title:
        return ["colleagues", "manager-staff"]
    return ds.relationship_ids


def test_html_is_escaped(tmp_path):
    folder = copy_data(tmp_path)
    rows = read_rows(folder / "relationships.csv")
    rows[1][1] = "<img src=x onerror=alert(1)>"
    write_rows(folder / "relationships.csv", rows)
    ds = load_dataset(folder)
    for chart in (
        charts.compare(ds),
        charts.heatmap(ds),
        charts.profile(ds, "colleagues", "volunteers"),
    ):
        page = chart._repr_html_()
        assert "<img src=x" not in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_explorer_redraws(ds):
    box = charts.explorer(ds)
    assert box.features.description == "Features:" and box.relationships.description
    assert box.chart is not None and bar_count(box.chart) == 7 * 3
    box.features.value = ("formality",)
    box.relationships.value = ("colleagues", "volunteers")
    assert bar_count(box.chart) == 2
    box.kind.value = "heatmap"
    assert len(box.chart.figure.axes[0].texts) == 2
    box.kind.value = "profile"
    assert box.chart.title == "Colleague to colleague compared with Volunteers"
    box.relationships.value = ("colleagues",)
    assert box.chart is None and "Pick two relationships" in box.message.value
    assert box.output.outputs == ()
    box.relationships.value = ("colleagues", "volunteers")
    assert "text/html" in box.output.outputs[0]["data"]


# --------------------------------------------------------------------------- THE KEY TEST


def add_relationship_and_feature(folder: Path) -> None:
    """An 8th relationship (students) and an 11th feature (regulation), rows only."""

    def append(name: str, rows: list[list[object]]) -> None:
        with open(folder / name, "a", newline="", encoding="utf-8") as f:
            csv.writer(f, lineterminator="\n").writerows(rows)

    features = [r[0] for r in read_rows(folder / "features.csv")[1:]]
    rels = [r[0] for r in read_rows(folder / "relationships.csv")[1:]]
    append(
        "relationships.csv",
        [
            [
                "students",
                "Students on placement",
                "Learners who shadow staff for a few weeks.",
                "colleagues",
            ]
        ],
    )
    append(
        "features.csv",
        [
            [
                "regulation",
                "Outside regulation",
                "most regulated",
                "least regulated",
                "How much outside bodies set rules for it.",
            ]
        ],
    )
    append("scale_levels.csv", [["regulation", n, f"Reg level {n}", "A level."] for n in range(5)])
    append(
        "ratings.csv",
        [["students", f, 2, "Students are guided by staff.", "colleagues"] for f in features]
        + [
            [r, "regulation", 3, "Regulators inspect this.", "agreed-ways"]
            for r in [*rels, "students"]
        ],
    )
    append(
        "examples.csv",
        [
            [
                "nursing-student",
                "Student nurse",
                "students",
                "A student nurse shadows a senior care worker.",
                "colleagues",
                "nursing-home",
                "",
            ]
        ],
    )


def test_new_relationship_and_feature_appear_with_no_code_change(tmp_path):
    folder = copy_data(tmp_path)
    add_relationship_and_feature(folder)
    ds = load_dataset(folder)
    assert ds.relationship_ids[-1] == "students" and ds.feature_ids[-1] == "regulation"

    chart = charts.compare(ds, ["formality", "regulation"])
    assert bar_count(chart) == 8 * 2
    assert "Students on placement" in tick_texts(chart.figure.axes[0], "y")
    assert [ax.get_title() for ax in chart.figure.axes if ax.get_visible()] == [
        "Formality",
        "Outside regulation",
    ]
    assert "0\nReg level\n0" in tick_texts(chart.figure.axes[1])
    assert "Students on placement" in chart.table.text()
    assert "Outside regulation" in chart.table.columns

    chart = charts.heatmap(ds)
    ax = chart.figure.axes[0]
    assert len(ax.texts) == 8 * 11
    assert "Students on placement" in tick_texts(ax, "y")
    assert "Outside\nregulation" in tick_texts(ax, "x")

    chart = charts.profile(ds, "students", "colleagues")
    assert bar_count(chart) == 2 * 11
    assert "Outside regulation" in tick_texts(chart.figure.axes[0], "y")
    assert (
        "Students on placement" in chart.alt_text and "Students on placement" in chart.table.columns
    )

    box = charts.explorer(ds)
    assert ("Students on placement", "students") in box.relationships.options
    assert ("Outside regulation", "regulation") in box.features.options
    box.features.value = ("regulation",)
    assert "students" in box.relationships.value
    assert bar_count(box.chart) == 8


# --------------------------------------------------------------------------- scale


def big_dataset(tmp_path: Path, n_rel: int = 50, n_feat: int = 40):
    folder = copy_data(tmp_path)
    rels = [f"rel-{i}" for i in range(n_rel)]
    feats = [f"feat_{j}" for j in range(n_feat)]
    write_rows(
        folder / "relationships.csv",
        [["id", "name", "description", "guide_section"]]
        + [
            [r, f"Relationship type number {i}", "A made-up type.", "colleagues"]
            for i, r in enumerate(rels)
        ],
    )
    write_rows(
        folder / "features.csv",
        [["id", "name", "question_word_high", "question_word_low", "description"]]
        + [
            [f, f"Made-up feature {j}", "most", "least", "A made-up feature."]
            for j, f in enumerate(feats)
        ],
    )
    write_rows(
        folder / "scale_levels.csv",
        [["feature", "level", "label", "meaning"]]
        + [[f, str(n), f"Word {n}", "A level."] for f in feats for n in range(5)],
    )
    write_rows(
        folder / "ratings.csv",
        [["relationship", "feature", "score", "rationale", "source"]]
        + [
            [r, f, str((i * 7 + j * 3) % 5), "Made up.", "colleagues"]
            for i, r in enumerate(rels)
            for j, f in enumerate(feats)
        ],
    )
    write_rows(
        folder / "examples.csv",
        [
            ["id", "other_party", "relationship", "situation", "source", "setting", "also_fits"],
            ["x", "X", rels[0], "A made-up example.", "colleagues", "any", ""],
        ],
    )
    return load_dataset(folder)


def test_fifty_by_forty_still_draws_readably(tmp_path):
    ds = big_dataset(tmp_path)
    made = [
        charts.heatmap(ds),
        charts.compare(ds, ds.feature_ids[:3]),
        charts.compare(ds, ds.feature_ids),  # too many bars: falls back to the heatmap
        charts.profile(ds, ds.relationship_ids[0], ds.relationship_ids[1]),
    ]
    for chart in made:
        assert chart.png().startswith(b"\x89PNG")
        sizes = [t.get_fontsize() for t in visible_text(chart)]
        assert sizes and min(sizes) >= charts.FONT_FLOOR
        assert len(chart.alt_text) <= charts.ALT_LIMIT
        assert "Relationship type number 49" in chart.table.text() or "compared with" in chart.title
    assert "shown as a heatmap" in made[2].title
    assert bar_count(made[1]) == 50 * 3
    heat = made[0].figure.axes[0]
    assert len(tick_texts(heat, "y")) == 50 and len(tick_texts(heat)) == 40


def test_text_alternatives_stay_short_whatever_the_names(tmp_path):
    folder = copy_data(tmp_path)
    rows = read_rows(folder / "relationships.csv")
    for row in rows[1:]:
        row[1] = f"{row[1]} " + "with a very long name indeed " * 6
    write_rows(folder / "relationships.csv", rows)
    ds = load_dataset(folder)
    a, b = ds.relationship_ids[:2]
    for chart in (charts.compare(ds), charts.heatmap(ds), charts.profile(ds, a, b)):
        assert len(chart.alt_text) <= charts.ALT_LIMIT, chart.alt_text
        assert all(ds.relationship_name(r) in chart.table.text() for r in (a, b))
