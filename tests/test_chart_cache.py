"""Chart pictures come from the cache only when nothing they show has changed."""

from __future__ import annotations

import base64
from pathlib import Path

import matplotlib
import pytest
from datahelpers import copy_data, read_rows, write_rows

from widgets import charts
from widgets.charts import cache
from widgets.dataset import load_dataset


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    place = tmp_path / "chart-cache"
    monkeypatch.setenv("WR_CHART_CACHE", str(place))
    return place


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def makers(ds):
    a, b = ds.relationship_ids[:2]
    return {
        "compare": lambda d: charts.compare(d),
        "heatmap": lambda d: charts.heatmap(d),
        "profile": lambda d: charts.profile(d, a, b),
    }


def stored(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.png"))


@pytest.mark.parametrize("kind", ["compare", "heatmap", "profile"])
def test_a_chart_drawn_once_is_taken_from_the_cache(ds, folder, kind):
    make = makers(ds)[kind]
    first = make(ds).png()
    (picture,) = stored(folder)
    assert picture.read_bytes() == first
    # Put another real picture in its place: a new chart with the same inputs shows it, so the
    # cache was read and nothing was drawn.
    other = next(m for k, m in makers(ds).items() if k != kind)(ds)
    assert other.figure is not None  # handed out: rendered from the figure, not stored
    planted = other.png()
    assert len(stored(folder)) == 1
    picture.write_bytes(planted)
    assert make(ds).png() == planted
    assert base64.b64encode(planted).decode() in make(ds)._repr_html_()


def test_the_same_chart_reached_another_way_shares_one_picture(ds, folder):
    charts.compare(ds, list(charts.DEFAULT_FEATURES)).png()
    charts.compare(ds, charts.DEFAULT_FEATURES, ds.relationship_ids).png()
    box = charts.explorer(ds)  # draws the default comparison
    assert box.chart is not None and box.chart.png()
    assert len(stored(folder)) == 1


def edited(tmp_path: Path, change) -> object:
    data = copy_data(tmp_path / "copy")
    change(data)
    return load_dataset(data)


def test_any_change_to_what_a_chart_shows_draws_it_again(ds, folder, tmp_path):
    rel, feat = ds.relationship_ids[0], ds.feature_ids[0]

    def new_score(data: Path) -> None:
        rows = read_rows(data / "ratings.csv")
        head = rows[0]
        for row in rows[1:]:
            if row[head.index("relationship")] == rel and row[head.index("feature")] == feat:
                old = int(row[head.index("score")])
                row[head.index("score")] = str(ds.scale[0] if old != ds.scale[0] else ds.scale[-1])
        write_rows(data / "ratings.csv", rows)

    def new_name(data: Path) -> None:
        rows = read_rows(data / "relationships.csv")
        rows[1][1] = rows[1][1] + " (renamed)"
        write_rows(data / "relationships.csv", rows)

    def new_word(data: Path) -> None:
        rows = read_rows(data / "scale_levels.csv")
        head = rows[0]
        shown = str(ds.score(rel, feat))  # a word the heatmap shows in a cell
        row = next(
            r
            for r in rows[1:]
            if r[head.index("feature")] == feat and r[head.index("level")] == shown
        )
        row[head.index("label")] = row[head.index("label")] + " indeed"
        write_rows(data / "scale_levels.csv", rows)

    base = charts.heatmap(ds)
    before = base.png()
    for n, change in enumerate((new_score, new_name, new_word)):
        other = edited(tmp_path / str(n), change)
        chart = charts.heatmap(other)
        assert chart.key != base.key
        assert chart.png() != before
    assert len(stored(folder)) == 4


def test_matplotlib_settings_are_part_of_the_key(ds, folder):
    plain = charts.profile(ds, *ds.relationship_ids[:2])
    plain_key = plain.key
    with matplotlib.rc_context({"font.family": "serif"}):
        # The settings in force when the picture is made count, not those when the chart was made.
        assert plain.key != plain_key
        serif = charts.profile(ds, *ds.relationship_ids[:2]).png()
    assert plain.key == plain_key
    assert plain.png() != serif
    assert len(stored(folder)) == 2


def test_a_damaged_picture_is_drawn_again_and_replaced(ds, folder):
    good = charts.heatmap(ds).png()
    (picture,) = stored(folder)
    picture.write_bytes(good[: len(good) // 2])  # cut short, as by a full disk
    assert charts.heatmap(ds).png() == good
    assert picture.read_bytes() == good
    picture.write_bytes(b"not a picture at all")
    assert charts.heatmap(ds).png() == good


def test_a_figure_handed_out_is_shown_as_it_is_now(ds, folder):
    charts.compare(ds).png()
    chart = charts.compare(ds)
    chart.figure.suptitle("Changed by hand")
    changed = chart.png()
    assert changed != charts.compare(ds).png()
    assert len(stored(folder)) == 1  # the changed picture is not stored under the chart's key


def test_a_cache_that_cannot_be_written_only_means_drawing_each_time(ds, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("WR_CHART_CACHE", str(blocker / "charts"))
    assert charts.profile(ds, *ds.relationship_ids[:2]).png().startswith(b"\x89PNG")
    assert blocker.read_text(encoding="utf-8").startswith("a file")


def test_the_oldest_pictures_go_past_the_limit(ds, folder, monkeypatch):
    monkeypatch.setattr(cache, "KEEP", 2)
    made = [charts.compare(ds, [feature]) for feature in ds.feature_ids[:4]]
    for chart in made:
        chart.png()
    assert stored(folder) == sorted(folder / f"{chart.key}.png" for chart in made[-2:])
    assert not list(folder.glob(".part-*"))
