"""Charts show what a person should see, and pick up new rows in the data with no code change."""

from __future__ import annotations

from pathlib import Path

import pytest
from datahelpers import copy_data, extend_data, ids, read_rows, scale_range, write_rows
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


def flat(text: str) -> str:
    return " ".join(text.split())


def test_compare_bars_ticks_and_title(ds):
    feats = list(charts.DEFAULT_FEATURES)
    names = [ds.feature_name(f) for f in feats]
    chart = charts.compare(ds)
    assert bar_count(chart) == len(ds.relationship_ids) * len(feats)
    axes = [ax for ax in chart.figure.axes if ax.get_visible()]
    assert [ax.get_title() for ax in axes] == names
    low, high = ds.scale[0], ds.scale[-1]
    assert flat(tick_texts(axes[0])[0]) == f"{low} {ds.label(feats[0], low)}"
    assert flat(tick_texts(axes[0])[-1]) == f"{high} {ds.label(feats[0], high)}"
    assert ds.relationship_name(ds.relationship_ids[0]) in tick_texts(axes[0], "y")
    assert f"{', '.join(names[:-1])} and {names[-1]}" in chart.figure.get_suptitle()
    assert chart.title.startswith("How the relationships compare")
    scores = {r: ds.score(r, feats[1]) for r in ds.relationship_ids}
    top = max(scores.values())
    leaders = [ds.relationship_name(r) for r, s in scores.items() if s == top]
    if len(leaders) < len(scores):
        assert f"Highest on {names[1]}: " in chart.alt_text
        assert len(leaders) > 2 or all(name in chart.alt_text for name in leaders)
    rows = dict(chart.table.rows)
    assert chart.table.columns == names
    assert rows[leaders[0]][1] == f"{top} ({ds.label(feats[1], top)})"


def test_compare_bars_differ_without_colour(ds):
    feat = ds.feature_ids[0]
    chart = charts.compare(ds, [feat])
    (container,) = chart.figure.axes[0].containers
    colours = {tuple(p.get_facecolor()) for p in container.patches}
    assert len(colours) == min(len(ds.relationship_ids), len(charts.OKABE_ITO))
    numbers = [t.get_text() for t in chart.figure.axes[0].texts]
    assert numbers == [str(ds.score(r, feat)) for r in ds.relationship_ids]


def test_heatmap_has_one_annotation_per_cell(ds):
    chart = charts.heatmap(ds)
    ax = chart.figure.axes[0]
    n = len(ds.relationship_ids) * len(ds.feature_ids)
    assert len(ax.texts) == n
    first = ds.score(ds.relationship_ids[0], ds.feature_ids[0])
    assert flat(ax.texts[0].get_text()) == f"{first} {ds.label(ds.feature_ids[0], first)}"
    assert tick_texts(ax, "y") == [ds.relationship_name(r) for r in ds.relationship_ids]
    assert ax.get_title() == "Every feature, every relationship"
    # text colour follows the cell colour: white on dark (0), black on bright (4)
    colours = {t.get_text().split("\n")[0]: t.get_color() for t in ax.texts}
    low, high = str(ds.scale[0]), str(ds.scale[-1])
    assert colours.get(low, "white") == "white" and colours.get(high, "black") == "black"


def test_profile_pairs_bars_with_scale_words(ds):
    a, b = ds.relationship_ids[0], ds.relationship_ids[-1]
    chart = charts.profile(ds, a, b)
    assert bar_count(chart) == 2 * len(ds.feature_ids)
    ax = chart.figure.axes[0]
    words = [flat(t.get_text()) for t in ax.texts]
    for f in ds.feature_ids:
        for r in (a, b):
            assert f"{ds.score(r, f)} {ds.label(f, ds.score(r, f))}" in words
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [ds.relationship_name(a), ds.relationship_name(b)]
    hatches = {p.get_hatch() for c in ax.containers for p in c.patches}
    assert hatches == {None, "//"}
    assert ds.relationship_name(a) in chart.alt_text and ds.relationship_name(b) in chart.alt_text
    with pytest.raises(ValueError):
        charts.profile(ds, a, a)


@pytest.mark.parametrize(
    "make",
    [
        lambda d: charts.compare(d),
        lambda d: charts.heatmap(d),
        lambda d: charts.profile(d, d.relationship_ids[0], d.relationship_ids[1]),
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
        return ds.relationship_ids[:2]
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
        charts.profile(ds, ds.relationship_ids[0], ds.relationship_ids[-1]),
    ):
        page = chart._repr_html_()
        assert "<img src=x" not in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_explorer_redraws(ds):
    first, last = ds.relationship_ids[0], ds.relationship_ids[-1]
    box = charts.explorer(ds)
    assert box.features.description == "Features:" and box.relationships.description
    n_default = len(ds.relationship_ids) * len(charts.DEFAULT_FEATURES)
    assert box.chart is not None and bar_count(box.chart) == n_default
    box.features.value = (ds.feature_ids[0],)
    box.relationships.value = (first, last)
    assert bar_count(box.chart) == 2
    box.kind.value = "heatmap"
    assert len(box.chart.figure.axes[0].texts) == 2
    box.kind.value = "profile"
    names = ds.relationship_name(first), ds.relationship_name(last)
    assert box.chart.title == f"{names[0]} compared with {names[1]}"
    box.relationships.value = (first,)
    assert box.chart is None and "Pick two relationships" in box.message.value
    assert box.output.outputs == ()
    box.relationships.value = (first, last)
    assert "text/html" in box.output.outputs[0]["data"]


# --------------------------------------------------------------------------- THE KEY TEST


def test_new_relationship_and_feature_appear_with_no_code_change(tmp_path):
    folder = copy_data(tmp_path)
    n_rel, n_feat = len(ids("relationships")) + 1, len(ids("features")) + 1
    ext = extend_data(folder)
    ds = load_dataset(folder)
    assert ds.relationship_ids[-1] == ext.relationship and ds.feature_ids[-1] == ext.feature

    chart = charts.compare(ds, [ds.feature_ids[0], ext.feature])
    assert bar_count(chart) == n_rel * 2
    assert ext.relationship_name in tick_texts(chart.figure.axes[0], "y")
    titles = [ax.get_title() for ax in chart.figure.axes if ax.get_visible()]
    assert titles == [ds.feature_name(ds.feature_ids[0]), ext.feature_name]
    assert f"{ds.scale[0]} {ds.label(ext.feature, ds.scale[0])}" in map(
        flat, tick_texts(chart.figure.axes[1])
    )
    assert ext.relationship_name in chart.alt_text and ext.feature_name in chart.alt_text
    assert ext.relationship_name in chart.table.text() and ext.feature_name in chart.table.columns

    chart = charts.heatmap(ds)
    ax = chart.figure.axes[0]
    assert len(ax.texts) == n_rel * n_feat
    assert ext.relationship_name in tick_texts(ax, "y")
    assert ext.feature_name in map(flat, tick_texts(ax, "x"))

    chart = charts.profile(ds, ext.relationship, ds.relationship_ids[0])
    assert bar_count(chart) == 2 * n_feat
    assert ext.feature_name in map(flat, tick_texts(chart.figure.axes[0], "y"))
    assert ext.relationship_name in chart.alt_text
    assert ext.relationship_name in chart.table.columns

    box = charts.explorer(ds)
    assert (ext.relationship_name, ext.relationship) in box.relationships.options
    assert (ext.feature_name, ext.feature) in box.features.options
    box.features.value = (ext.feature,)
    assert ext.relationship in box.relationships.value
    assert bar_count(box.chart) == n_rel


# --------------------------------------------------------------------------- scale


def big_dataset(tmp_path: Path, n_rel: int = 50, n_feat: int = 40):
    folder = copy_data(tmp_path)
    section = ids("guide_sections")[0]
    rels = [f"rel-{i}" for i in range(n_rel)]
    feats = [f"feat_{j}" for j in range(n_feat)]
    write_rows(
        folder / "relationships.csv",
        [["id", "name", "description", "guide_section"]]
        + [
            [r, f"Relationship type number {i}", "A made-up type.", section]
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
        + [[f, str(n), f"Word {n}", "A level."] for f in feats for n in scale_range()],
    )
    write_rows(
        folder / "ratings.csv",
        [["relationship", "feature", "score", "rationale", "source"]]
        + [
            [r, f, str(scale_range()[(i * 7 + j * 3) % len(scale_range())]), "Made up.", section]
            for i, r in enumerate(rels)
            for j, f in enumerate(feats)
        ],
    )
    write_rows(
        folder / "examples.csv",
        [
            ["id", "other_party", "relationship", "situation", "source", "setting", "also_fits"],
            ["x", "X", rels[0], "A made-up example.", section, "any", ""],
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
