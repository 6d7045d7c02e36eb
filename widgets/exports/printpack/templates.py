"""The pack's Jinja2 templates, autoescaped: every text from the data is shown as text."""

from __future__ import annotations

from functools import cache
from importlib import resources

CSS_FILE = "pack.css"
#: Printed at the foot of every page, beside the page number.
FOOTER = "Working relationships in health and social care"


@cache
def environment():
    import jinja2

    folder = resources.files("widgets.exports.printpack") / "templates"
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def stylesheet() -> str:
    return (resources.files("widgets.exports.printpack") / "templates" / CSS_FILE).read_text(
        encoding="utf-8"
    )


def render(name: str, *, large_print: bool, landscape: bool = False, **context) -> str:
    """A template filled in; the stylesheet goes inline so the engine needs no file access."""
    return (
        environment()
        .get_template(name)
        .render(
            css=stylesheet(),
            footer=FOOTER,
            large_print=large_print,
            landscape=landscape,
            **context,
        )
    )
