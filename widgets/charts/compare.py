"""Bar charts side by side: one panel per feature, one bar per relationship."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from widgets.charts.cache import chart_key
from widgets.charts.describe import compare_alt, scores_table
from widgets.charts.figure import Chart
from widgets.charts.heatmap import heatmap
from widgets.charts.picking import DEFAULT_FEATURES, names, pick
from widgets.charts.style import (
    BASE_FONT,
    FONT_FLOOR,
    HATCHES,
    OKABE_ITO,
    font_for,
    new_figure,
    style,
    wrap,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from widgets.dataset import Dataset

#: One panel per feature up to this many features and this many bars in all; past either limit
#: the chart falls back to the heatmap, which stays fast and fits on one screen.
MAX_PANELS = 12
MAX_BARS = 160


def compare(
    ds: Dataset,
    features: Sequence[str] | None = DEFAULT_FEATURES,
    relationships: Sequence[str] | None = None,
) -> Chart:
    """Bar charts side by side, one panel per feature, one bar per relationship.

    Each panel's value axis is labelled with that feature's scale words ("0 Informal" …). Bars keep
    one colour and hatch per relationship across panels, and every bar ends in its score number.
    """
    if features is DEFAULT_FEATURES and not set(features) <= set(ds.feature_ids):
        features = ds.feature_ids[:3]
    feats, rels = pick(ds, features, relationships)
    n_f, n_r = len(feats), len(rels)
    if n_f > MAX_PANELS or n_f * n_r > MAX_BARS:
        chart = heatmap(ds, feats, rels)
        chart.title = f"{chart.title} (too many bars to draw one by one: shown as a heatmap)"
        return chart
    title = "How the relationships compare: " + names([ds.feature_name(f) for f in feats])
    if len(title) > 110:
        title = f"How the relationships compare on {n_f} features"
    return Chart(
        lambda: _draw(ds, feats, rels, title),
        title,
        compare_alt(ds, feats, rels),
        scores_table(ds, feats, rels, title),
        key=lambda: chart_key("compare", ds, feats, rels),
    )


def _draw(ds: Dataset, feats: list[str], rels: list[str], title: str) -> Figure:
    n_f, n_r = len(feats), len(rels)
    ncols = min(n_f, 3)
    nrows = math.ceil(n_f / ncols)
    label_font = font_for(n_r, roomy=10)
    row_h = max(0.16, 0.5 * label_font / (BASE_FONT - 1))
    panel_h = n_r * row_h + 1.6
    name_width = max(len(ds.relationship_name(r)) for r in rels)
    width = 0.11 * name_width * label_font / 14 + ncols * 4.7
    annotate = n_r * n_f <= 400
    tick_font = max(FONT_FLOOR, BASE_FONT - 3)
    with style():
        fig = new_figure(width, nrows * panel_h + 0.9)
        axes = fig.subplots(nrows, ncols, sharey=True, squeeze=False)
        ys = list(range(n_r))
        colours = [OKABE_ITO[i % len(OKABE_ITO)] for i in range(n_r)]
        hatches = [HATCHES[(i // len(OKABE_ITO)) % len(HATCHES)] for i in range(n_r)]
        for k, ax in enumerate(axes.flat):
            if k >= n_f:
                ax.set_visible(False)
                continue
            feat = feats[k]
            scores = [ds.score(r, feat) for r in rels]
            bars = ax.barh(
                ys,
                scores,
                color=colours,
                edgecolor="#222222",
                linewidth=1,
                height=0.72,
                label=ds.feature_name(feat),
            )
            for bar, hatch in zip(bars, hatches, strict=True):
                bar.set_hatch(hatch)
            if annotate:
                for y, s in zip(ys, scores, strict=True):
                    ax.text(
                        s + 0.08,
                        y,
                        str(s),
                        va="center",
                        ha="left",
                        fontsize=max(FONT_FLOOR, label_font - 1),
                        fontweight="bold",
                    )
            ax.set_title(wrap(ds.feature_name(feat), 28), fontsize=max(FONT_FLOOR, BASE_FONT))
            ax.set_xlim(0, max(ds.scale) + 0.6)
            ax.set_xticks(ds.scale)
            ax.set_xticklabels(
                [f"{n}\n{wrap(ds.label(feat, n), 9)}" for n in ds.scale], fontsize=tick_font
            )
            ax.grid(axis="x", color="#bbbbbb", linewidth=0.8)
            ax.set_axisbelow(True)
            ax.set_yticks(ys)
            ax.set_yticklabels([ds.relationship_name(r) for r in rels], fontsize=label_font)
            ax.tick_params(axis="y", length=0)
            ax.set_ylim(n_r - 0.5, -0.5)
        fig.suptitle(wrap(title, int(width * 7)))
        fig.supxlabel(
            "Score on each feature's 0–4 scale (a teaching judgement)", fontsize=BASE_FONT - 2
        )
    return fig
