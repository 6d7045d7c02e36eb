"""One look for every chart: projector-sized fonts, a colour-blind-safe palette, hatching.

Okabe–Ito colours for categories (with hatching and direct labels, so colour is never the only
cue) and ``cividis`` for the heatmap.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"]
HATCHES = ["", "//", "..", "xx", "\\\\", "oo", "--", "++"]
HEATMAP_CMAP = "cividis"
BASE_FONT = 15.0
#: No text on a chart is ever drawn smaller than this (points).
FONT_FLOOR = 9.0
DPI = 100

STYLE = {
    "font.size": BASE_FONT,
    "axes.titlesize": BASE_FONT + 2,
    "axes.titleweight": "bold",
    "axes.labelsize": BASE_FONT,
    "xtick.labelsize": BASE_FONT - 1,
    "ytick.labelsize": BASE_FONT - 1,
    "legend.fontsize": BASE_FONT - 1,
    "figure.titlesize": BASE_FONT + 5,
    "figure.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "hatch.linewidth": 1.2,
    "svg.fonttype": "none",
}


def new_figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=DPI, layout="constrained")


def style():
    """A context in which matplotlib draws in the collection's style."""
    import matplotlib

    return matplotlib.rc_context(STYLE)


def font_for(count: int, *, base: float = BASE_FONT - 1, roomy: int = 10) -> float:
    """Font size for ``count`` labels: full size up to ``roomy``, then shrinking to the floor."""
    if count <= roomy:
        return base
    return max(FONT_FLOOR, base * (roomy / count) ** 0.5)


def wrap(text: str, width: int) -> str:
    """Text broken into lines of at most ``width`` characters (words never split)."""
    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text
