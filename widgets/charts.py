"""Charts of the relationship-feature dataset, built only from the data.

One style everywhere: large fonts for a projector, the Okabe–Ito colour-blind-safe palette for
categories (with hatching and direct labels, so colour is never the only cue) and ``cividis``
for the heatmap. Every chart is a :class:`Chart` that carries a data-driven text description
(``alt_text``).
Nothing names a relationship or feature id in code: a new row in the CSVs appears on every chart.
"""

from __future__ import annotations

import base64
import html
import io
import math
import textwrap
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ipywidgets as ipw
    from matplotlib.figure import Figure

    from widgets.dataset import Dataset

__all__ = ["Chart", "compare", "heatmap", "profile", "explorer", "OKABE_ITO"]

#: Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"]
HATCHES = ["", "//", "..", "xx", "\\\\", "oo", "--", "++"]
HEATMAP_CMAP = "cividis"
BASE_FONT = 15.0
#: No text on a chart is ever drawn smaller than this (points).
FONT_FLOOR = 9.0
DEFAULT_FEATURES = ("formality", "hierarchy", "confidentiality")
DPI = 100
#: compare() draws one panel per feature up to this many features and this many bars in all;
#: past either limit it falls back to the heatmap, which stays fast and fits on one screen.
MAX_PANELS = 12
MAX_BARS = 160

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


# --------------------------------------------------------------------------- the Chart object


class Chart:
    """A finished chart: a matplotlib ``Figure``, its ``title`` and its ``alt_text``.

    In a notebook it displays as ``<figure><img alt=…><figcaption>…</figcaption></figure>``; every
    piece of text from the data is HTML-escaped.
    """

    def __init__(self, figure: Figure, title: str, alt_text: str) -> None:
        self.figure = figure
        self.title = title
        self.alt_text = alt_text
        self._png: bytes | None = None

    def png(self) -> bytes:
        """The chart as PNG bytes (rendered once, then cached)."""
        if self._png is None:
            buf = io.BytesIO()
            self.figure.savefig(buf, format="png", dpi=DPI, facecolor="white")
            self._png = buf.getvalue()
        return self._png

    def save(self, path: str) -> None:
        """Write the chart to ``path`` (format from the file name, e.g. ``.png`` or ``.svg``)."""
        self.figure.savefig(path, dpi=DPI, facecolor="white")

    def _repr_html_(self) -> str:
        data = base64.b64encode(self.png()).decode("ascii")
        alt = html.escape(self.alt_text, quote=True)
        title = html.escape(self.title, quote=True)
        return (
            '<figure class="wr-chart" style="margin:0 0 1em 0">'
            f'<img src="data:image/png;base64,{data}" alt="{alt}" '
            'style="max-width:100%;height:auto">'
            f"<figcaption><strong>{title}</strong>"
            f"<details><summary>Text description of the chart</summary><p>{alt}</p></details>"
            "</figcaption></figure>"
        )

    def __repr__(self) -> str:
        return f"{self.title}\n{self.alt_text}"


# --------------------------------------------------------------------------- helpers


def _new_figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=DPI, layout="constrained")


def _style():
    import matplotlib

    return matplotlib.rc_context(STYLE)


def _pick(
    ds: Dataset, features: Iterable[str] | None, relationships: Iterable[str] | None
) -> tuple[list[str], list[str]]:
    feats = list(features) if features is not None else ds.feature_ids
    rels = list(relationships) if relationships is not None else ds.relationship_ids
    for f in feats:
        if f not in ds.feature_ids:
            raise ValueError(f"unknown feature id {f!r}; known: {', '.join(ds.feature_ids)}")
    for r in rels:
        if r not in ds.relationship_ids:
            raise ValueError(
                f"unknown relationship id {r!r}; known: {', '.join(ds.relationship_ids)}"
            )
    if not feats:
        raise ValueError("pick at least one feature")
    if not rels:
        raise ValueError("pick at least one relationship")
    return feats, rels


def _font_for(count: int, *, base: float = BASE_FONT - 1, roomy: int = 10) -> float:
    """Font size for ``count`` labels: full size up to ``roomy``, then shrinking to the floor."""
    if count <= roomy:
        return base
    return max(FONT_FLOOR, base * (roomy / count) ** 0.5)


def _names(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _extremes(ds: Dataset, feature: str, rels: Sequence[str]) -> str:
    """'Formality: highest External agencies (4, Very formal); lowest … (2, Partly formal).'"""
    scores = {r: ds.score(r, feature) for r in rels}
    hi, lo = max(scores.values()), min(scores.values())

    def who(value: int) -> str:
        names = [ds.relationship_name(r) for r in rels if scores[r] == value]
        if len(names) > 4:
            names = names[:3] + [f"{len(names) - 3} more"]
        return f"{_names(names)} ({value}, {ds.label(feature, value)})"

    name = ds.feature_name(feature)
    if hi == lo:
        return f"{name}: every relationship scores {who(hi)}."
    return f"{name}: highest {who(hi)}; lowest {who(lo)}."


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text


# --------------------------------------------------------------------------- compare


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
    feats, rels = _pick(ds, features, relationships)
    n_f, n_r = len(feats), len(rels)
    if n_f > MAX_PANELS or n_f * n_r > MAX_BARS:
        chart = heatmap(ds, feats, rels)
        chart.title = f"{chart.title} (too many bars to draw one by one: shown as a heatmap)"
        chart.alt_text = (
            "There were too many features and relationships for side-by-side bars, "
            "so this is a heatmap. " + chart.alt_text
        )
        return chart
    ncols = min(n_f, 3)
    nrows = math.ceil(n_f / ncols)
    label_font = _font_for(n_r, roomy=10)
    row_h = max(0.16, 0.5 * label_font / (BASE_FONT - 1))
    panel_h = n_r * row_h + 1.6
    name_width = max(len(ds.relationship_name(r)) for r in rels)
    width = 0.11 * name_width * label_font / 14 + ncols * 4.7
    annotate = n_r * n_f <= 400
    tick_font = max(FONT_FLOOR, BASE_FONT - 3)
    with _style():
        fig = _new_figure(width, nrows * panel_h + 0.9)
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
            ax.set_title(_wrap(ds.feature_name(feat), 28), fontsize=max(FONT_FLOOR, BASE_FONT))
            ax.set_xlim(0, max(ds.scale) + 0.6)
            ax.set_xticks(ds.scale)
            ax.set_xticklabels(
                [f"{n}\n{_wrap(ds.label(feat, n), 9)}" for n in ds.scale], fontsize=tick_font
            )
            ax.grid(axis="x", color="#bbbbbb", linewidth=0.8)
            ax.set_axisbelow(True)
            ax.set_yticks(ys)
            ax.set_yticklabels([ds.relationship_name(r) for r in rels], fontsize=label_font)
            ax.tick_params(axis="y", length=0)
            ax.set_ylim(n_r - 0.5, -0.5)
        title = "How the relationships compare: " + _names([ds.feature_name(f) for f in feats])
        if len(title) > 110:
            title = f"How the relationships compare on {n_f} features"
        fig.suptitle(_wrap(title, int(width * 7)))
        fig.supxlabel(
            "Score on each feature's 0–4 scale (a teaching judgement)", fontsize=BASE_FONT - 2
        )
    alt = (
        f"Bar charts, one for each of {n_f} features "
        f"({_names([ds.feature_name(f) for f in feats])}), "
        f"showing the score from 0 to {max(ds.scale)} of {n_r} relationships: "
        f"{_names([ds.relationship_name(r) for r in rels])}. "
        + " ".join(_extremes(ds, f, rels) for f in feats)
    )
    return Chart(fig, title, alt)


# --------------------------------------------------------------------------- heatmap


def heatmap(
    ds: Dataset,
    features: Sequence[str] | None = None,
    relationships: Sequence[str] | None = None,
) -> Chart:
    """Every relationship (rows) against every feature (columns), coloured by score (cividis).

    Up to 150 cells each shows its score and scale word, up to 600 only the number, and past that
    the colour alone (the alt text still gives every feature's highest and lowest).
    """
    import numpy as np
    from matplotlib import colormaps
    from matplotlib.colors import BoundaryNorm

    feats, rels = _pick(ds, features, relationships)
    n_f, n_r = len(feats), len(rels)
    cells = n_f * n_r
    words = cells <= 150
    numbers = cells <= 600
    x_font = _font_for(n_f, roomy=10)
    y_font = _font_for(n_r, roomy=12)
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
    with _style():
        fig = _new_figure(width, height)
        ax = fig.add_subplot()
        image = ax.imshow(grid, cmap=cmap, norm=norm, aspect="auto", interpolation="nearest")
        ax.set_xticks(range(n_f))
        ax.set_xticklabels(
            [_wrap(ds.feature_name(f), 16) for f in feats],
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
                    text = f"{score}\n{_wrap(ds.label(f, score), 11)}" if words else str(score)
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
        title = "Every feature, every relationship"
        ax.set_title(title, fontsize=BASE_FONT + 3, pad=12)
    alt = (
        f"Heatmap of scores from {lo} (dark blue) to {hi} (bright yellow) for {n_r} relationships "
        f"(rows: {_names([ds.relationship_name(r) for r in rels])}) on {n_f} features "
        f"(columns: {_names([ds.feature_name(f) for f in feats])})"
        + (", with the score written in each cell. " if numbers else ". ")
        + " ".join(_extremes(ds, f, rels) for f in feats)
    )
    return Chart(fig, title, alt)


# --------------------------------------------------------------------------- profile


def profile(ds: Dataset, a: str, b: str, features: Sequence[str] | None = None) -> Chart:
    """One relationship against another on every feature: paired bars ending in the scale word.

    ``a`` is plain blue, ``b`` orange with diagonal hatching, so they differ without colour too.
    """
    feats, _ = _pick(ds, features, [a, b])
    if a == b:
        raise ValueError("pick two different relationships to compare")
    n_f = len(feats)
    name_a, name_b = ds.relationship_name(a), ds.relationship_name(b)
    label_font = _font_for(n_f, roomy=10)
    annotate_font = max(FONT_FLOOR, label_font - 2)
    row_h = max(0.42, 0.85 * label_font / (BASE_FONT - 1))
    feat_len = max(len(ds.feature_name(f)) for f in feats)
    width = 0.11 * min(feat_len, 34) * label_font / 14 + 9.5
    top = max(ds.scale)
    with _style():
        fig = _new_figure(width, n_f * row_h + 2.2)
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
        ax.set_yticklabels([_wrap(ds.feature_name(f), 34) for f in feats], fontsize=label_font)
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
        title = f"{name_a} compared with {name_b}"
        fig.suptitle(_wrap(title, int(width * 6)))
    higher_a = [ds.feature_name(f) for f, x, y in zip(feats, sa, sb, strict=True) if x > y]
    higher_b = [ds.feature_name(f) for f, x, y in zip(feats, sa, sb, strict=True) if y > x]
    same = [ds.feature_name(f) for f, x, y in zip(feats, sa, sb, strict=True) if x == y]
    parts = [
        f"Paired bars comparing {name_a} (blue, plain) with {name_b} (orange, striped) "
        f"on {n_f} features."
    ]
    if higher_a:
        parts.append(f"{name_a} scores higher on {_names(higher_a)}.")
    if higher_b:
        parts.append(f"{name_b} scores higher on {_names(higher_b)}.")
    if same:
        parts.append(f"They score the same on {_names(same)}.")
    parts += [
        f"{ds.feature_name(f)}: {name_a} {x} ({ds.label(f, x)}), {name_b} {y} ({ds.label(f, y)})."
        for f, x, y in zip(feats, sa, sb, strict=True)
    ]
    return Chart(fig, title, " ".join(parts))


# --------------------------------------------------------------------------- explorer


KINDS = (("Side by side", "compare"), ("Heatmap", "heatmap"), ("Profile of two", "profile"))


def _explorer_class():
    import ipywidgets as ipw

    class Explorer(ipw.VBox):
        """Pick features, relationships and a chart type; the chart below redraws."""

        def __init__(self, ds: Dataset) -> None:
            self.ds = ds
            self.chart: Chart | None = None
            style = {"description_width": "initial"}
            feats = [f for f in DEFAULT_FEATURES if f in ds.feature_ids] or ds.feature_ids[:3]
            self.features = ipw.SelectMultiple(
                options=[(ds.feature_name(f), f) for f in ds.feature_ids],
                value=feats,
                rows=min(10, len(ds.feature_ids)),
                description="Features:",
                style=style,
                layout=ipw.Layout(width="auto"),
            )
            self.relationships = ipw.SelectMultiple(
                options=[(ds.relationship_name(r), r) for r in ds.relationship_ids],
                value=ds.relationship_ids,
                rows=min(10, len(ds.relationship_ids)),
                description="Relationships:",
                style=style,
                layout=ipw.Layout(width="auto"),
            )
            self.kind = ipw.ToggleButtons(
                options=KINDS, value="compare", description="Chart:", style=style
            )
            self.help = ipw.HTML(
                "<p>Hold <kbd>Ctrl</kbd> (<kbd>Cmd</kbd> on a Mac) or <kbd>Shift</kbd> "
                "to pick more than one.</p>"
            )
            self.message = ipw.HTML()
            self.output = ipw.Output()
            for control in (self.features, self.relationships, self.kind):
                control.observe(self._redraw, names="value")
            super().__init__(
                [
                    self.help,
                    ipw.HBox([self.features, self.relationships]),
                    self.kind,
                    self.message,
                    self.output,
                ]
            )
            self.add_class("wr-explorer")
            self._redraw()

        def _redraw(self, _change: object = None) -> None:
            feats = list(self.features.value)
            rels = list(self.relationships.value)
            kind = self.kind.value
            chart: Chart | None = None
            note = ""
            if not feats or not rels:
                note = "Pick at least one feature and one relationship."
            elif kind == "profile":
                if len(rels) < 2:
                    note = "Pick two relationships to compare their profiles."
                else:
                    a, b = rels[:2]
                    if len(rels) > 2:
                        note = (
                            "Showing the first two you picked: "
                            f"{self.ds.relationship_name(a)} and "
                            f"{self.ds.relationship_name(b)}."
                        )
                    chart = profile(self.ds, a, b, feats)
            elif kind == "heatmap":
                chart = heatmap(self.ds, feats, rels)
            else:
                chart = compare(self.ds, feats, rels)
            self.message.value = f'<p role="status">{html.escape(note)}</p>' if note else ""
            self.chart = chart
            if chart is None:
                self.output.outputs = ()
            else:
                self.output.outputs = (
                    {
                        "output_type": "display_data",
                        "data": {"text/html": chart._repr_html_(), "text/plain": repr(chart)},
                        "metadata": {},
                    },
                )

    return Explorer


def explorer(ds: Dataset) -> ipw.VBox:
    """An interactive explorer: labelled controls for features, relationships and chart type."""
    return _explorer_class()(ds)


def __getattr__(name: str):
    if name == "Explorer":
        return _explorer_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
