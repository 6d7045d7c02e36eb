"""Tables a learner reads: plain labels, a header on every column, full text, escaped."""

from __future__ import annotations

import re

from datahelpers import copy_data, read_rows, write_rows

import widgets as wr
from widgets.dataset import load_dataset


def cells(html: str, tag: str) -> list[str]:
    return re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", html, flags=re.S)


def test_reasons_show_names_scale_words_and_every_reason_in_full() -> None:
    ds = load_dataset()
    rel = ds.relationship_ids[0]
    table = wr.tables.reasons(ds, rel)
    html = table._repr_html_()
    assert ds.relationship_name(rel) in table.caption
    assert [name for name, _ in table.rows] == [ds.feature_name(f) for f in ds.feature_ids]
    for fid in ds.feature_ids:
        assert fid not in html or fid == ds.feature_name(fid)  # no code names such as a_b
    ratings = ds.ratings[ds.ratings["relationship"] == rel]
    for reason in ratings["rationale"]:
        assert reason in table.text()  # never cut with "..."
    headers = cells(html, "th")
    assert all(h.strip() for h in headers), "a header cell is empty"
    assert html.count('scope="col"') == 1 + len(table.columns)
    assert html.count('scope="row"') == len(ds.feature_ids)
    assert "white-space:normal" in html and "<caption" in html


def test_scores_table_has_a_header_on_every_column() -> None:
    ds = load_dataset()
    table = wr.tables.scores(ds)
    html = table._repr_html_()
    assert table.columns == [ds.feature_name(f) for f in ds.feature_ids]
    assert [name for name, _ in table.rows] == [
        ds.relationship_name(r) for r in ds.relationship_ids
    ]
    assert all(h.strip() for h in cells(html, "th"))
    assert 'role="region" tabindex="0"' in html  # a wide table scrolls in its own named box


def test_table_text_from_the_data_is_escaped(tmp_path) -> None:
    folder = copy_data(tmp_path)
    rows = read_rows(folder / "ratings.csv")
    rows[1][3] = "<script>alert(1)</script>"
    write_rows(folder / "ratings.csv", rows)
    ds = load_dataset(folder)
    html = wr.tables.reasons(ds, rows[1][0])._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
