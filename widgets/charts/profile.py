"""One relationship against another on every feature: paired bars ending in the scale word."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from widgets.charts.cache import chart_key
from widgets.charts.describe import profile_alt, profile_table
from widgets.charts.figure import Chart
from widgets.charts.picking import pick
from widgets.charts.style import BASE_FONT, FONT_FLOOR, OKABE_ITO, font_for, new_figure, style, wrap

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from widgets.dataset import Dataset


def profile(ds: Dataset, a: str, b: str, features: Sequence[str] | None = None) -> Chart:
    """One relationship against another on every feature: paired bars ending in the scale word.

    ``a`` is plain blue, ``b`` orange with diagonal hatching, so they differ without colour too.
    """
    feats, _ = pick(ds, features, [a, b])
    if a == b:
        raise ValueError("pick two different relationships to compare")
    title = f"{ds.relationship_name(a)} compared with {ds.relationship_name(b)}"
    return Chart(
        lambda: _draw(ds, a, b, feats, title),
        title,
        profile_alt(ds, a, b, feats),
        profile_table(ds, a, b, feats, title),
        key=lambda: chart_key("profile", ds, feats, [a, b]),
    )


def _draw(ds: Dataset, a: str, b: str, feats: list[str], title: str) -> Figure:
    n_f = len(feats)
    name_a, name_b = ds.relationship_name(a), ds.relationship_name(b)
    label_font = font_for(n_f, roomy=10)
    annotate_font = max(FONT_FLOOR, label_font - 2)
    row_h = max(0.42, 0.85 * label_font / (BASE_FONT - 1))
    feat_len = max(len(ds.feature_name(f)) for f in feats)
    width = 0.11 * min(feat_len, 34) * label_font / 14 + 9.5
    top = max(ds.scale)
    with style():
        fig = new_figure(width, n_f * row_h + 2.2)
        ax = fig.add_subplot()
        ys = list(range(n_f))
        h = 0.38
        sa = [ds.score(a, f) for f in feats]
        sb = [ds.score(b, f) for f in feats]
        ax.barh(
            [y - h / 2 for y in ys],
            sa,
            height=h,
            color=OKABE_ITO[4],
            edgecolor="#222222",
            label=name_a,
        )
        ax.barh(
            [y + h / 2 for y in ys],
            sb,
            height=h,
            color=OKABE_ITO[0],
            edgecolor="#222222",
            hatch="//",
            label=name_b,
        )
        for y, f, s1, s2 in zip(ys, feats, sa, sb, strict=True):
            for dy, s in ((-h / 2, s1), (h / 2, s2)):
                ax.text(
                    s + 0.06,
                    y + dy,
                    f"{s} {ds.label(f, s)}",
                    va="center",
                    ha="left",
                    fontsize=annotate_font,
                )
        ax.set_yticks(ys)
        ax.set_yticklabels([wrap(ds.feature_name(f), 34) for f in feats], fontsize=label_font)
        ax.tick_params(axis="y", length=0)
        ax.set_ylim(n_f - 0.5, -0.5)
        ax.set_xlim(0, top + 2.4)
        ax.spines["bottom"].set_bounds(0, top)
        ax.set_xticks(ds.scale)
        ax.set_xticklabels(
            [f"{n}\n{'lowest' if n == 0 else 'highest' if n == top else ''}" for n in ds.scale]
        )
        ax.set_xlabel("Score on each feature's 0–4 scale")
        ax.grid(axis="x", color="#bbbbbb", linewidth=0.8)
        ax.set_axisbelow(True)
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2, frameon=False)
        fig.suptitle(wrap(title, int(width * 6)))
    return fig
