"""Words for charts: a short text alternative (what the chart shows and its main point) and the
full numbers as a table. Everything comes from the data; nothing names an id in code.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from widgets.charts.picking import names
from widgets.tables import DataTable

if TYPE_CHECKING:
    from widgets.dataset import Dataset

#: A text alternative a screen reader reads in one go; the numbers are in the table.
ALT_LIMIT = 250


def fit(sentences: Sequence[str], limit: int = ALT_LIMIT) -> str:
    """The first sentence (cut with … if it alone is too long), then as many of the others, in
    order, as fit within ``limit`` characters."""
    first, *rest = sentences
    text = first if len(first) <= limit else first[: limit - 1].rstrip() + "…"
    for sentence in rest:
        if len(text) + 1 + len(sentence) <= limit:
            text += " " + sentence
    return text


def listed(items: Sequence[str], noun: str, most: int = 3) -> str:
    """Up to ``most`` names, else a count: 'A and B' or '7 relationships'."""
    return names(items) if len(items) <= most else f"{len(items)} {noun}"


def _top(ds: Dataset, feature: str, rels: Sequence[str], highest: bool = True) -> list[str]:
    scores = {r: ds.score(r, feature) for r in rels}
    best = max(scores.values()) if highest else min(scores.values())
    return [ds.relationship_name(r) for r in rels if scores[r] == best]


def scores_table(ds: Dataset, feats: Sequence[str], rels: Sequence[str], caption: str) -> DataTable:
    """Relationships (rows) by features (columns); each cell the score and its scale word."""
    return DataTable(
        caption=caption,
        row_header="Relationship",
        columns=[ds.feature_name(f) for f in feats],
        rows=[
            (
                ds.relationship_name(r),
                [f"{ds.score(r, f)} ({ds.label(f, ds.score(r, f))})" for f in feats],
            )
            for r in rels
        ],
    )


def compare_alt(ds: Dataset, feats: Sequence[str], rels: Sequence[str]) -> str:
    feature_words = listed([ds.feature_name(f) for f in feats], "features")
    sentences = [
        f"Bar charts: {len(rels)} relationships scored 0 to {max(ds.scale)} on {feature_words}."
    ]
    for f in feats:
        top = _top(ds, f, rels)
        if len(top) < len(rels):
            sentences.append(f"Highest on {ds.feature_name(f)}: {listed(top, 'relationships', 2)}.")
    return fit(sentences)


def heatmap_alt(ds: Dataset, feats: Sequence[str], rels: Sequence[str]) -> str:
    lo, hi = min(ds.scale), max(ds.scale)
    totals = {r: sum(ds.score(r, f) for f in feats) for r in rels}
    most = [ds.relationship_name(r) for r in rels if totals[r] == max(totals.values())]
    least = [ds.relationship_name(r) for r in rels if totals[r] == min(totals.values())]
    sentences = [
        f"Heatmap: {len(rels)} relationships (rows) by {len(feats)} features (columns), "
        f"scores {lo} (dark blue) to {hi} (yellow)."
    ]
    if totals and max(totals.values()) != min(totals.values()):
        sentences.append(f"Highest scores overall: {listed(most, 'relationships', 2)}.")
        sentences.append(f"Lowest overall: {listed(least, 'relationships', 2)}.")
    return fit(sentences)


def profile_alt(ds: Dataset, a: str, b: str, feats: Sequence[str]) -> str:
    name_a, name_b = ds.relationship_name(a), ds.relationship_name(b)
    higher_a = [f for f in feats if ds.score(a, f) > ds.score(b, f)]
    higher_b = [f for f in feats if ds.score(b, f) > ds.score(a, f)]
    same = len(feats) - len(higher_a) - len(higher_b)
    sentences = [
        f"Paired bars: {name_a} (blue, plain) and {name_b} (orange, striped) "
        f"on {len(feats)} features.",
        f"{name_a} scores higher on {len(higher_a)}, {name_b} on {len(higher_b)}; "
        f"the same on {same}.",
    ]
    if feats:
        gap = max(feats, key=lambda f: abs(ds.score(a, f) - ds.score(b, f)))
        if ds.score(a, gap) != ds.score(b, gap):
            sentences.append(f"Biggest gap: {ds.feature_name(gap)}.")
    return fit(sentences)


def profile_table(ds: Dataset, a: str, b: str, feats: Sequence[str], caption: str) -> DataTable:
    """Features (rows) by the two relationships (columns)."""
    return DataTable(
        caption=caption,
        row_header="Feature",
        columns=[ds.relationship_name(a), ds.relationship_name(b)],
        rows=[
            (
                ds.feature_name(f),
                [f"{ds.score(r, f)} ({ds.label(f, ds.score(r, f))})" for r in (a, b)],
            )
            for f in feats
        ],
    )
