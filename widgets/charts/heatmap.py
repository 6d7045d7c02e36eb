"""The heatmap: every relationship (rows) against every feature (columns), coloured by score."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from widgets.charts.cache import chart_key
from widgets.charts.describe import heatmap_alt, scores_table
from widgets.charts.figure import Chart
from widgets.charts.picking import pick
from widgets.charts.style import (
    BASE_FONT,
    FONT_FLOOR,
    HEATMAP_CMAP,
    font_for,
    new_figure,
    style,
    wrap,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from widgets.dataset import Dataset

TITLE = "Every feature, every relationship"


def heatmap(
    ds: Dataset,
    features: Sequence[str] | None = None,
    relationships: Sequence[str] | None = None,
) -> Chart:
    """Every relationship (rows) against every feature (columns), coloured by score (cividis).

    Up to 150 cells each shows its score and scale word, up to 600 only the number, and past that
    the colour alone ("Show the numbers" still gives every score).
    """
    feats, rels = pick(ds, features, relationships)
    table = scores_table(ds, feats, rels, TITLE)
    return Chart(
        lambda: _draw(ds, feats, rels),
        TITLE,
        heatmap_alt(ds, feats, rels),
        table,
        key=lambda: chart_key("heatmap", ds, feats, rels),
    )


def _draw(ds: Dataset, feats: list[str], rels: list[str]) -> Figure:
    import numpy as np
    from matplotlib import colormaps
    from matplotlib.colors import BoundaryNorm

    n_f, n_r = len(feats), len(rels)
    cells = n_f * n_r
    words = cells <= 150
    numbers = cells <= 600
    x_font = font_for(n_f, roomy=10)
    y_font = font_for(n_r, roomy=12)
    cell_w = 1.35 if words else max(0.3, 0.65 * x_font / 14)
    cell_h = 0.75 if words else max(0.22, 0.45 * y_font / 14)
    name_width = max(len(ds.relationship_name(r)) for r in rels)
    feat_len = max(len(ds.feature_name(f)) for f in feats)
    width = 0.11 * name_width * y_font / 14 + n_f * cell_w + 2.2
    height = n_r * cell_h + 0.09 * min(feat_len, 24) * x_font / 14 * 1.2 + 1.8
    grid = np.array([[ds.score(r, f) for f in feats] for r in rels], dtype=float)
    lo, hi = min(ds.scale), max(ds.scale)
    cmap = colormaps[HEATMAP_CMAP].resampled(hi - lo + 1)
    norm = BoundaryNorm(np.arange(lo - 0.5, hi + 1.5), cmap.N)
    with style():
        fig = new_figure(width, height)
        ax = fig.add_subplot()
        image = ax.imshow(grid, cmap=cmap, norm=norm, aspect="auto", interpolation="nearest")
        ax.set_xticks(range(n_f))
        ax.set_xticklabels(
            [wrap(ds.feature_name(f), 16) for f in feats],
            rotation=40,
            ha="right",
            rotation_mode="anchor",
            fontsize=x_font,
        )
        ax.set_yticks(range(n_r))
        ax.set_yticklabels([ds.relationship_name(r) for r in rels], fontsize=y_font)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_xticks(np.arange(-0.5, n_f), minor=True)
        ax.set_yticks(np.arange(-0.5, n_r), minor=True)
        ax.grid(which="minor", color="white", linewidth=2 if numbers else 0.5)
        ax.tick_params(which="minor", length=0)
        if numbers:
            for i in range(n_r):
                for j, f in enumerate(feats):
                    score = int(grid[i, j])
                    red, green, blue, _ = cmap(norm(score))
                    light = 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.45
                    text = f"{score}\n{wrap(ds.label(f, score), 11)}" if words else str(score)
                    ax.text(
                        j,
                        i,
                        text,
                        ha="center",
                        va="center",
                        color="black" if light else "white",
                        fontsize=BASE_FONT - 3 if words else max(FONT_FLOOR, y_font - 1),
                        fontweight="bold",
                        linespacing=1.1,
                    )
        bar = fig.colorbar(
            image,
            ax=ax,
            ticks=ds.scale,
            shrink=min(1.0, 6 / max(n_r, 1) + 0.3),
            fraction=0.05,
            pad=0.02,
        )
        bar.ax.set_yticklabels(
            [
                f"{n} {'lowest' if n == lo else 'highest' if n == hi else ''}".strip()
                for n in ds.scale
            ]
        )
        bar.set_label("Score (each feature's own scale)", fontsize=BASE_FONT - 2)
        ax.set_title(TITLE, fontsize=BASE_FONT + 3, pad=12)
    return fig
