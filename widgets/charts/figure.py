"""A finished chart: the picture, a short text alternative and the numbers as a real table.

In a notebook it shows as::

    <figure>
      <img alt="what the chart shows and its main point (at most about 250 characters)">
      <figcaption>title <details><summary>Show the numbers</summary><table>…</table></details>
    </figure>

Each thing is said once: the alt text does not repeat the table, the table does not repeat the
alt text. Every piece of text from the data is HTML-escaped.

The figure is drawn only when it is needed: a chart shown as it was made takes its picture from the
chart cache (`widgets.charts.cache`) when the same chart was drawn before.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from widgets.charts.cache import read_picture, store_picture
from widgets.charts.style import DPI
from widgets.tables import DataTable

if TYPE_CHECKING:
    from matplotlib.figure import Figure


class Chart:
    """A matplotlib ``Figure`` with its ``title``, its short ``alt_text`` and its ``table``.

    ``draw`` makes the figure; ``key`` names its picture in the chart cache (None: never cached).
    """

    def __init__(
        self,
        draw: Callable[[], Figure],
        title: str,
        alt_text: str,
        table: DataTable,
        key: Callable[[], str] | None = None,
    ) -> None:
        self._draw = draw
        self._key = key
        self._figure: Figure | None = None
        self._handed_out = False
        self.title = title
        self.alt_text = alt_text
        self.table = table
        self._png: bytes | None = None

    @property
    def key(self) -> str | None:
        """The picture's name in the chart cache, made from what the chart shows and matplotlib's
        settings now; None once the figure was handed out (it may have been changed)."""
        return None if self._handed_out or self._key is None else self._key()

    @property
    def figure(self) -> Figure:
        """The matplotlib figure, drawn on first use."""
        self._handed_out = True
        return self._made()

    def _made(self) -> Figure:
        if self._figure is None:
            self._figure = self._draw()
        return self._figure

    def png(self) -> bytes:
        """The chart as PNG bytes: from the chart cache, else rendered once (and then stored)."""
        if self._png is None:
            key = self.key
            self._png = read_picture(key) if key else None
            if self._png is None:
                buf = io.BytesIO()
                self._made().savefig(buf, format="png", dpi=DPI, facecolor="white")
                self._png = buf.getvalue()
                if key:
                    store_picture(key, self._png)
        return self._png

    def save(self, path: str) -> None:
        """Write the chart to ``path`` (format from the file name, e.g. ``.png`` or ``.svg``)."""
        self._made().savefig(path, dpi=DPI, facecolor="white")

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
