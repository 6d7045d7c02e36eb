"""The comparison charts as vector graphics (SVG), from the public functions of widgets.charts."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from widgets.dataset import Dataset

#: Features per side-by-side chart: one A4 page each.
FEATURES_PER_CHART = 3


@dataclass(frozen=True)
class Figure:
    title: str
    alt_text: str
    svg: bytes

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg).decode("ascii")


def _cells_as_shapes(figure) -> None:
    """Redraw every image in the figure (a heatmap's grid) as filled squares.

    matplotlib writes an image into an SVG as a bitmap; squares stay sharp at any size.
    """
    import numpy as np

    for ax in figure.axes:
        for image in list(ax.images):
            grid = image.get_array()
            left, right, bottom, top = image.get_extent()
            rows, cols = grid.shape[:2]
            xs = np.linspace(left, right, cols + 1)
            ys = (
                np.linspace(top, bottom, rows + 1)
                if image.origin == "upper"
                else (np.linspace(bottom, top, rows + 1))
            )
            xlim, ylim = ax.get_xlim(), ax.get_ylim()
            ax.pcolormesh(
                xs, ys, grid, cmap=image.get_cmap(), norm=image.norm, edgecolors="face",
                linewidth=0.3, zorder=image.get_zorder(),
            )  # fmt: skip
            image.remove()
            ax.set_xlim(xlim)
            ax.set_ylim(ylim)


def svg(chart) -> bytes:
    """A chart's matplotlib figure as SVG; text stays text, so it prints sharp and can be searched."""
    import matplotlib

    _cells_as_shapes(chart.figure)
    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "wr"}):
        chart.figure.savefig(buf, format="svg", facecolor="white", metadata={"Date": None})
    return buf.getvalue()


def comparison_figures(ds: Dataset) -> list[Figure]:
    """Every relationship against every feature (heatmap), then side-by-side bars, three features
    at a time."""
    from widgets import charts

    made = [charts.heatmap(ds)]
    features = ds.feature_ids
    for start in range(0, len(features), FEATURES_PER_CHART):
        made.append(charts.compare(ds, features[start : start + FEATURES_PER_CHART]))
    return [Figure(c.title, c.alt_text, svg(c)) for c in made]
