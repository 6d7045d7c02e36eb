"""The portfolio document: every written answer under its criterion, in order, with the question,
the tutor's decision and comment, and quiz scores by topic; read back from the Word file
(python-docx) and the PDF (pypdf); hostile text stays literal; the command and the learner's button."""

from __future__ import annotations

import base64
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from writtenhelpers import HOSTILE, write_all, written_refs

import widgets as wr
from widgets.classview.marking import MarkingPanel
from widgets.classview.page import class_view
from widgets.exports.evidence.collect import from_folder, from_session
from widgets.exports.evidence.word import docx_bytes
from widgets.quizzes.bank import load_bank
from widgets.quizzes.session import reset_session
from widgets.written.criteria import load_unit

REFS = written_refs()
UNIT = load_unit()


def answer_text(q) -> str:
    return f"{q.id} in my own words.\n{HOSTILE}"


def docx_text(data: bytes) -> list[str]:
    import docx

    doc = docx.Document(io.BytesIO(data))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        lines += [" | ".join(c.text for c in row.cells) for row in table.rows]
    return lines


def in_order(haystack: str, needles: list[str]) -> None:
    at = 0
    for needle in needles:
        found = haystack.find(needle, at)
        assert found >= 0, f"{needle!r} missing (or out of order) after position {at}"
        at = found + len(needle)


def expected_order() -> list[tuple[str, str]]:
    """(criterion label, question prompt) in the order the document must list them."""
    refs = sorted(enumerate(REFS), key=lambda nr: (UNIT.order(nr[1][1].criterion), nr[0]))
    return [(UNIT.get(q.criterion).label, q.prompt) for _, (_, q) in refs]


@pytest.fixture
def marked_class(answers_dir: Path) -> Path:
    """Ana answered every written question and some boundaries questions; one answer is marked."""
    session = write_all(answers_dir, "Ana <b>=1+1</b>", answer_text)
    reset_session("Ana <b>=1+1</b>", answers_dir)
    quiz = wr.quiz("boundaries")
    for w in quiz.questions[:3]:
        w.choose(0)
        w.press_check()
    view = class_view(answers_dir)
    panel = next(p for p in view.panels if isinstance(p, MarkingPanel))
    panel.set_open(True)
    panel.mark(panel.data["detail"]["answers"][0]["id"], "met", "Clear. " + HOSTILE)
    view.close()
    assert session.store is not None
    return answers_dir


def test_the_word_file_holds_every_answer_under_its_criterion_in_order(marked_class: Path) -> None:
    evidence = from_folder(marked_class, "ana <B>=1+1</b>")  # any spelling of the name
    lines = docx_text(docx_bytes(evidence))
    text = "\n".join(lines)
    assert lines[0] == "Portfolio evidence"
    assert "Learner: Ana <b>=1+1</b>" in lines
    assert f"Unit: {UNIT.title}" in lines and f"Qualification: {UNIT.qualification}" in lines
    # The cover lists every criterion covered, in the unit's order.
    covered = [c.label for c in UNIT.criteria if c.number in {q.criterion for _, q in REFS}]
    in_order(text, ["Criteria covered", *covered])
    # Then each answer under its criterion heading, question first, every line of the answer kept.
    body = text[text.index("Written answers") :]
    needles: list[str] = []
    last = None
    for label, prompt in expected_order():
        if label != last:
            needles.append(label)
            last = label
        q = next(q for _, q in REFS if q.prompt == prompt)
        needles += [f"Question: {prompt}", *answer_text(q).split("\n")]
    in_order(body, needles)
    assert text.count("Tutor's decision: ✓ Met.") == 1
    assert text.count("Tutor's decision: not marked yet.") == len(REFS) - 1
    assert "Tutor's comment: Clear. " + HOSTILE.split("\n")[0] in text
    boundaries = load_bank("boundaries")
    assert any(
        line.startswith(f"{boundaries.title} | 3 of {len(boundaries.questions)}") for line in lines
    )


def test_nothing_in_the_word_file_is_a_field_link_or_markup(marked_class: Path) -> None:
    data = docx_bytes(from_folder(marked_class, "Ana <b>=1+1</b>"))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        xml = z.read("word/document.xml").decode("utf-8")
    for tag in ("w:fldSimple", "w:instrText", "w:fldChar", "w:hyperlink", "w:object", "w:altChunk"):
        assert tag not in xml, tag
    assert not [n for n in names if n.endswith((".bin", "vbaProject.bin")) or "embeddings" in n]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in xml and "<script>" not in xml
    assert "{ DDEAUTO" in xml  # kept as plain text, never an instruction


def test_the_pdf_says_the_same_in_the_same_order(marked_class: Path, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    from pypdf import PdfReader

    target = tmp_path / "ana.pdf"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "widgets",
            "evidence",
            str(marked_class),
            "--learner",
            "Ana <b>=1+1</b>",
            "-o",
            str(target),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(f"Wrote {target}: {len(REFS)} written answers (1 marked)")
    text = "\n".join(page.extract_text() for page in PdfReader(target).pages)
    flat = " ".join(text.split())
    needles = []
    for _label, prompt in expected_order():
        needles += [" ".join(f"Question: {prompt}".split())]
    in_order(flat, ["Learner: Ana <b>=1+1</b>", "Criteria covered", *needles])
    assert flat.count("<script>alert(1)</script>") == len(REFS) + 1  # answers and the comment
    assert "Tutor's decision: ✓ Met." in flat


def test_the_command_says_what_is_wrong_without_a_traceback(
    tmp_path: Path, marked_class: Path
) -> None:
    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "widgets", "evidence", *args],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=tmp_path,
        )

    missing = run(str(tmp_path / "nowhere"), "--learner", "Ana")
    assert missing.returncode == 2 and "There is no folder" in missing.stderr
    nobody = run(str(marked_class), "--learner", "Nobody")
    assert nobody.returncode == 1 and "Learners there: Ana <b>=1+1</b>." in nobody.stderr
    wrong = run(str(marked_class), "--learner", "Ana <b>=1+1</b>", "-o", "x.txt")
    assert wrong.returncode == 1 and ".docx (Word) or .pdf" in wrong.stderr
    default = run(str(marked_class), "--learner", "Ana <b>=1+1</b>")
    assert default.returncode == 0, default.stderr
    made = list(tmp_path.glob("evidence-*.docx"))
    assert len(made) == 1 and "Traceback" not in (missing.stderr + nobody.stderr + wrong.stderr)


def test_the_learners_button_sends_their_own_document(marked_class: Path) -> None:
    session = reset_session("Ana <b>=1+1</b>", marked_class)
    panel = wr.start()
    sent: list[dict] = []
    panel.send = lambda content, buffers=None: sent.append(content)
    panel._handle_message(panel, {"event": "evidence"}, [])
    (message,) = sent
    assert message["event"] == "download" and message["name"].endswith(".docx")
    assert message["name"] == f"evidence-{session.identity.stem}.docx"
    text = "\n".join(docx_text(base64.b64decode(message["base64"])))
    assert "Learner: Ana <b>=1+1</b>" in text and "Tutor's decision: ✓ Met." in text
    assert message["name"] in panel.status and not panel.problem
    assert from_session(session).written == from_folder(marked_class, "Ana <b>=1+1</b>").written


def test_a_learner_with_nothing_written_gets_a_short_document(answers_dir: Path) -> None:
    session = reset_session("New Learner", answers_dir)
    lines = docx_text(docx_bytes(from_session(session)))
    assert lines.count("No written answers yet.") == 2 and "No quiz answers yet." in lines


def test_python_docx_stays_off_the_notebooks_import_path() -> None:
    code = (
        "import sys, widgets as wr; wr.start; wr.quiz; import widgets.quizzes.api, "
        "widgets.classview.page; print('docx' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr
    assert re.search(
        r"python-docx", (Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    )
