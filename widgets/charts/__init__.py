"""Charts of the relationship-feature dataset, built only from the data.

One style everywhere (`style`): large fonts for a projector, a colour-blind-safe palette with
hatching and direct labels, ``cividis`` for the heatmap. Every chart is a `Chart` with a short text
alternative (`alt_text`: what it shows and its main point) and its numbers as a table
(`table`, shown behind "Show the numbers"). Nothing names a relationship or feature id in code: a
new row in the CSVs appears on every chart.

    wr.charts.compare(data, ["formality", "hierarchy"])   # bars side by side
    wr.charts.heatmap(data)                               # every feature, every relationship
    wr.charts.profile(data, "service-users", "colleagues")
    wr.charts.explorer(data)                              # pick and redraw
"""

from __future__ import annotations

from widgets.charts.compare import MAX_BARS, MAX_PANELS, compare
from widgets.charts.describe import ALT_LIMIT
from widgets.charts.explorer import KINDS, _explorer_class, explorer
from widgets.charts.figure import Chart
from widgets.charts.heatmap import heatmap
from widgets.charts.picking import DEFAULT_FEATURES
from widgets.charts.profile import profile
from widgets.charts.style import FONT_FLOOR, HATCHES, HEATMAP_CMAP, OKABE_ITO
from widgets.tables import DataTable

__all__ = [
    "ALT_LIMIT",
    "Chart",
    "DataTable",
    "DEFAULT_FEATURES",
    "FONT_FLOOR",
    "HATCHES",
    "HEATMAP_CMAP",
    "KINDS",
    "MAX_BARS",
    "MAX_PANELS",
    "OKABE_ITO",
    "compare",
    "explorer",
    "heatmap",
    "profile",
]


def __getattr__(name: str):
    if name == "Explorer":
        return _explorer_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
