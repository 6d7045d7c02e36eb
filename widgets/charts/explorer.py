"""The chart explorer: labelled controls for features, relationships and chart type."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from widgets.charts.compare import compare
from widgets.charts.figure import Chart
from widgets.charts.heatmap import heatmap
from widgets.charts.picking import DEFAULT_FEATURES
from widgets.charts.profile import profile

if TYPE_CHECKING:
    import ipywidgets as ipw

    from widgets.dataset import Dataset


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
