"""The changes this benchmark proposes for ``widgets/``, applied as patches for before/after figures.

Nothing here is used by the collection itself. ``apply()`` patches the running process the way the
proposed code change would behave, so ``python -m benchmarks`` can measure before and after in the
same run (in a kernel, a hidden first cell calls it). Once the changes land in ``widgets/``, these
patches become no-ops and the "after" rows equal the "before" rows.

1. ``widgets/quizzes/bank.py::_read``: parse the YAML once with libyaml (``yaml.CSafeLoader``,
   falling back to ``SafeLoader``), with the cyclic garbage collector paused during the parse, and
   build the node tree used for line numbers only when a problem needs a line (``_Lines`` composes
   lazily). Today the file is parsed twice (``yaml.compose`` + ``yaml.safe_load``) by pure-Python
   PyYAML.
2. ``widgets/charts.py::Chart.png``: drop ``bbox_inches="tight"``; every figure already uses the
   constrained layout, and "tight" makes savefig draw the whole figure twice.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def gc_paused():
    """The same pause the collection's own bank reader uses."""
    from widgets.quizzes.bank import _gc_paused

    return _gc_paused()


def apply() -> None:
    from widgets.quizzes import bank as B

    class LazyLines(B._Lines):
        def __init__(self, text: str) -> None:
            self._text = text
            self._node: Any = None

        @property
        def node(self):  # type: ignore[override]
            if self._node is None:
                with gc_paused():
                    self._node = yaml.compose(self._text, Loader=_LOADER)
            return self._node

        @node.setter
        def node(self, value) -> None:
            self._node = value

    original = B._read

    def _read(path: Path):
        try:
            text = Path(path).read_text(encoding="utf-8")
            with gc_paused():
                data = yaml.load(text, Loader=_LOADER)  # noqa: S506 - CSafeLoader/SafeLoader only
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            return original(path)  # the original reports every read/parse problem with its line
        return data, LazyLines(text)

    B._read = _read

    from widgets import charts

    def png(self) -> bytes:
        if self._png is None:
            buf = io.BytesIO()
            self.figure.savefig(buf, format="png", dpi=charts.DPI, facecolor="white")
            self._png = buf.getvalue()
        return self._png

    charts.Chart.png = png
