"""A learner's portfolio document as a PDF, through the printable pack's engine (WeasyPrint) and
its page style; the template is autoescaped, so every text is shown as text."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from widgets.exports.evidence import words
from widgets.exports.evidence.collect import Evidence
from widgets.exports.printpack.engine import write_pdf
from widgets.exports.printpack.templates import FOOTER, stylesheet


@cache
def _environment():
    import jinja2

    mine = resources.files("widgets.exports.evidence") / "templates"
    pack = resources.files("widgets.exports.printpack") / "templates"
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [jinja2.FileSystemLoader(str(mine)), jinja2.FileSystemLoader(str(pack))]
        ),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def html(ev: Evidence) -> str:
    """The document as one HTML page (what the engine renders)."""
    return (
        _environment()
        .get_template("evidence.html.j2")
        .render(
            css=stylesheet(),
            footer=FOOTER,
            large_print=False,
            landscape=False,
            doc_title=f"{words.TITLE}: {words.safe(ev.learner)}",
            title=words.TITLE,
            cover=words.cover(ev),
            about=words.ABOUT,
            criteria=ev.criteria(),
            groups=ev.by_criterion(),
            words=words,
            scores=list(ev.scores),
            columns=words.SCORE_COLUMNS,
            no_written=words.NO_WRITTEN,
            no_scores=words.NO_SCORES,
        )
    )


def write_evidence_pdf(ev: Evidence, target: Path) -> Path:
    return write_pdf(html(ev), target)
