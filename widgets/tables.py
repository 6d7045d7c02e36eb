"""Tables a learner reads: plain labels (never ids), every column with a header, full text.

A `DataTable` shows as a real HTML table (a caption, `<th scope="col">` on every column,
`<th scope="row">` on every row) with long text wrapped, not cut. Charts use it for their numbers.

    wr.tables.scores(data)                     # every relationship's score on every feature
    wr.tables.reasons(data, "service-users")   # the reason for each of one relationship's scores
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from widgets.dataset import Dataset

_CELL = "text-align:left;vertical-align:top;white-space:normal;overflow-wrap:anywhere"


@dataclass(frozen=True)
class DataTable:
    """A caption, the row headers' column name, the other columns' names, and the rows."""

    caption: str
    row_header: str
    columns: list[str]
    rows: list[tuple[str, list[str]]] = field(default_factory=list)

    def to_html(self) -> str:
        head = "".join(
            f'<th scope="col" style="{_CELL}">{escape(c)}</th>'
            for c in [self.row_header, *self.columns]
        )
        body = "".join(
            f'<tr><th scope="row" style="{_CELL}">{escape(name)}</th>'
            + "".join(f'<td style="{_CELL}">{escape(cell)}</td>' for cell in cells)
            + "</tr>"
            for name, cells in self.rows
        )
        return (
            '<table class="wr-table">'
            f'<caption style="text-align:left;font-weight:700">{escape(self.caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )

    def boxed(self) -> str:
        """The table in a box of its own that scrolls sideways when the table is wider than the
        screen (two-dimensional data may; the page itself does not). The box takes keyboard
        focus, so a keyboard user can scroll it, and is named by the caption."""
        label = escape(self.caption, quote=True)
        return (
            f'<div class="wr-table-box" role="region" tabindex="0" aria-label="{label}" '
            f'style="overflow-x:auto;max-width:100%">{self.to_html()}</div>'
        )

    def _repr_html_(self) -> str:
        return self.boxed()

    def text(self) -> str:
        lines = [self.caption, " | ".join([self.row_header, *self.columns])]
        lines += [" | ".join([name, *cells]) for name, cells in self.rows]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.text()


def scores(
    ds: Dataset,
    features: Sequence[str] | None = None,
    relationships: Sequence[str] | None = None,
) -> DataTable:
    """Every relationship (rows) scored on every feature (columns), 0 to the top of the scale."""
    feats = list(features) if features is not None else ds.feature_ids
    rels = list(relationships) if relationships is not None else ds.relationship_ids
    return DataTable(
        caption=f"Scores from {min(ds.scale)} (lowest) to {max(ds.scale)} (highest)",
        row_header="Relationship",
        columns=[ds.feature_name(f) for f in feats],
        rows=[(ds.relationship_name(r), [str(ds.score(r, f)) for f in feats]) for r in rels],
    )


def reasons(ds: Dataset, relationship: str) -> DataTable:
    """One relationship's score on each feature, its scale word, and the reason for it."""
    name = ds.relationship_name(relationship)
    ratings = ds.ratings[ds.ratings["relationship"] == relationship]
    why = {str(f): str(r) for f, r in zip(ratings["feature"], ratings["rationale"], strict=True)}
    return DataTable(
        caption=f"Why {name} has these scores",
        row_header="Feature",
        columns=["Score", "Reason"],
        rows=[
            (
                ds.feature_name(f),
                [f"{ds.score(relationship, f)} ({ds.label(f, ds.score(relationship, f))})", why[f]],
            )
            for f in ds.feature_ids
            if f in why
        ],
    )
