"""The page side of every widget: JavaScript and CSS files in `widgets/static/`, joined into one bundle.

Each widget kind has its own file (`question.js`, `progress.js`, `learner.js`, ...) that defines a
render function and adds it to `RENDERERS`; `dom.js` holds what they share. `esm()` joins the files
in order and ends the module with one dispatcher, so a new kind is a new file and one name in
`KINDS`, and no file has to be edited by two people at once.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

STATIC = Path(__file__).resolve().parent / "static"

# The files of the bundle, in load order (dom.js first: it defines h, uid and RENDERERS).
KINDS: tuple[str, ...] = (
    "question",
    "progress",
    "learner",
    "dilemma",
    "classview",
    "marking",
    "written",
)
STYLES: tuple[str, ...] = ("quiz", "saving", "dilemma", "poll", "classview", "written")

_DISPATCH = """
function render({ model, el }) {
  const draw = RENDERERS[model.get("kind")];
  if (draw) return draw(model, el);
  el.textContent = `Unknown widget kind: ${model.get("kind")}`;
}

export default { render };
"""


def _read(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


@cache
def esm() -> str:
    """One ES module: dom.js, every kind's file, then the dispatcher."""
    parts = [_read("dom.js"), *(_read(f"{kind}.js") for kind in KINDS), _DISPATCH]
    return "\n".join(parts)


@cache
def css() -> str:
    """Every stylesheet, joined."""
    return "\n".join(_read(f"{name}.css") for name in STYLES)


def sources() -> list[Path]:
    """Every JavaScript file of the bundle (for tests that read the page code)."""
    return [STATIC / "dom.js", *(STATIC / f"{kind}.js" for kind in KINDS)]
