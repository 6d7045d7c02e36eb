"""A learner's portfolio document as a Word file, with python-docx.

Every text goes into a run as plain characters: a learner's "<b>", "=SUM(A1)" or "{ PAGE }" is shown
as typed. The document has no fields, links, macros or embedded objects.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from widgets.exports.evidence import words as w
from widgets.exports.evidence.collect import Evidence

MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _labelled(doc, label: str, value: str) -> None:
    p = doc.add_paragraph()
    p.add_run(f"{label}: ").bold = True
    p.add_run(value)


def build(ev: Evidence):
    """The python-docx Document for this evidence."""
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt

    doc = Document()
    doc.styles["Normal"].font.size = Pt(12)
    props = doc.core_properties
    props.title = f"{w.TITLE}: {w.safe(ev.learner)}"
    props.subject = w.safe(ev.unit.title)
    props.author = w.safe(ev.learner)
    props.comments = ""

    doc.add_heading(w.TITLE, level=0)
    for label, value in w.cover(ev):
        _labelled(doc, label, value)
    doc.add_paragraph(w.ABOUT)
    doc.add_heading("Criteria covered", level=1)
    criteria = ev.criteria()
    for c in criteria:
        doc.add_paragraph(w.safe(c.label).strip(), style="List Bullet")
    if not criteria:
        doc.add_paragraph(w.NO_WRITTEN)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    doc.add_heading("Written answers", level=1)
    if not criteria:
        doc.add_paragraph(w.NO_WRITTEN)
    for criterion, answers in ev.by_criterion():
        doc.add_heading(w.safe(criterion.label).strip(), level=2)
        for a in answers:
            doc.add_heading(f"Question: {w.safe(a.prompt)}", level=3)
            doc.add_paragraph(w.saved_line(a)).runs[0].italic = True
            doc.add_paragraph().add_run("Answer:").bold = True
            for line in w.paragraphs(a.text):
                doc.add_paragraph(line)
            doc.add_paragraph().add_run("Self-check:").bold = True
            for item, ticked in a.checks:
                doc.add_paragraph(w.check_line(item, ticked), style="List Bullet")
            if w.model_line(a):
                doc.add_paragraph(w.model_line(a))
            first, *rest = w.decision_lines(a)
            doc.add_paragraph().add_run(first).bold = True
            for line in rest:
                doc.add_paragraph(line)

    doc.add_heading("Quiz scores by topic", level=1)
    if ev.scores:
        table = doc.add_table(rows=1, cols=len(w.SCORE_COLUMNS))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, w.SCORE_COLUMNS, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        for s in ev.scores:
            row = table.add_row().cells
            row[0].text = w.safe(s.title)
            row[1].text = f"{s.answered} of {s.total}"
            row[2].text = s.score_words
    else:
        doc.add_paragraph(w.NO_SCORES)
    return doc


def write_docx(ev: Evidence, target: Path | str | BinaryIO) -> None:
    """Write the Word file to a path or an open binary file."""
    build(ev).save(target)


def docx_bytes(ev: Evidence) -> bytes:
    out = BytesIO()
    write_docx(ev, out)
    return out.getvalue()
