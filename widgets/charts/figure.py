"""A finished chart: the picture, a short text alternative and the numbers as a real table.

In a notebook it shows as::

    <figure>
      <img alt="what the chart shows and its main point (at most about 250 characters)">
      <figcaption>title <details><summary>Show the numbers</summary><table>…</table></details>
    </figure>

Each thing is said once: the alt text does not repeat the table, the table does not repeat the
alt text. Every piece of text from the data is HTML-escaped.
"""

from __future__ import annotations

import base64
import io
from html import escape
from typing import TYPE_CHECKING

from widgets.charts.style import DPI
from widgets.tables import DataTable

if TYPE_CHECKING:
    from matplotlib.figure import Figure


class Chart:
    """A matplotlib ``Figure`` with its ``title``, its short ``alt_text`` and its ``table``."""

    def __init__(self, figure: Figure, title: str, alt_text: str, table: DataTable) -> None:
        self.figure = figure
        self.title = title
        self.alt_text = alt_text
        self.table = table
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
        return (
            '<figure class="wr-figure" style="margin:0 0 1em 0;max-width:100%">'
            f'<img src="data:image/png;base64,{data}" alt="{escape(self.alt_text, quote=True)}" '
            'style="max-width:100%;height:auto">'
            f"<figcaption><strong>{escape(self.title)}</strong>"
            '<details class="wr-show-numbers"><summary>Show the numbers</summary>'
            f"{self.table.boxed()}</details>"
            "</figcaption></figure>"
        )

    def __repr__(self) -> str:
        return f"{self.title}\n{self.alt_text}\n\n{self.table.text()}"
