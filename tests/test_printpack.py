"""The printable pack: made by the real command and WeasyPrint, every PDF read back with pypdf."""

from __future__ import annotations

import csv
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from widgets.dataset import load_dataset
from widgets.errors import DataError
from widgets.exports.banks import load_banks
from widgets.exports.printpack.cards import CardSet, ranking_set, scenario_sets
from widgets.exports.printpack.figures import FEATURES_PER_CHART
from widgets.exports.printpack.glossary import read_glossary
from widgets.exports.printpack.pack import CARDS_PER_PAGE, write_pack
from widgets.exports.printpack.sheet import sheet_questions
from widgets.exports.printpack.templates import FOOTER
from widgets.quizzes.bank import read_bank
from widgets.quizzes.models import Poll

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
A4 = (595.28, 841.89)


def words(text: str) -> str:
    """Text with its line breaks undone: a break after a hyphen ("short-|staffed") joins up."""
    return re.sub(r"\s+", " ", re.sub(r"(?<=\w-)\s+", "", text)).strip()


def pdf_text(path: Path) -> str:
    """The words of every page, with the running footer taken out (a paragraph may cross a page)."""
    pages = [words(page.extract_text()) for page in PdfReader(path).pages]
    return words(" ".join(re.sub(rf"{FOOTER} Page \d+ of \d+", " ", page) for page in pages))


def data_folder(dest: Path, *, glossary: bool) -> Path:
    """A copy of data/ (banks included); the real glossary when there is one, else the fixture."""
    target = dest / "data"
    shutil.copytree(REPO / "data", target)
    if glossary and not (target / "glossary.csv").exists():
        shutil.copy(FIXTURES / "glossary.csv", target / "glossary.csv")
    if not glossary:  # a designer's data folder with no glossary: no file, and none listed
        (target / "glossary.csv").unlink(missing_ok=True)
        package = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
        package["resources"] = [r for r in package["resources"] if r["name"] != "glossary"]
        (target / "datapackage.json").write_text(json.dumps(package, indent=2), encoding="utf-8")
    return target


def run_print(*args: str, data: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "WR_DATA_DIR": str(data)}
    return subprocess.run(
        [sys.executable, "-m", "widgets", "print", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Every bank, standard print, written by `python -m widgets print`."""
    base = tmp_path_factory.mktemp("pack")
    data = data_folder(base, glossary=True)
    out = base / "out"
    done = run_print("-o", str(out), data=data)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return out, data


@pytest.fixture(scope="module")
def banks():
    return load_banks()


def test_every_file_is_an_a4_pdf_that_says_what_it_is(pack) -> None:
    out, _ = pack
    files = sorted(out.glob("*.pdf"))
    assert files
    for path in files:
        reader = PdfReader(path)
        assert len(reader.pages) >= 1, path.name
        for page in reader.pages:
            size = sorted((float(page.mediabox.width), float(page.mediabox.height)))
            assert size == pytest.approx(sorted(A4), abs=1), path.name
        assert reader.metadata.title, path.name
        root = reader.trailer["/Root"]
        assert root["/Lang"] == "en-GB" and "/StructTreeRoot" in root, f"{path.name} is not tagged"


def _shown(q) -> list[str]:
    """Every text a learner must see on the worksheet for this question."""
    texts = [q.prompt]
    for name in ("options", "items"):
        texts += [getattr(o, "text", o) for o in getattr(q, name, []) or []]
    if q.type == "matching":
        texts += [p.left for p in q.pairs] + q.choices()
    if q.type == "sorting":
        texts += [c.label for c in q.categories]
    if q.type == "written":
        texts += [*q.frame, *q.self_check]
    if q.hint:
        texts.append(q.hint)
    return [words(t) for t in texts]


def _feedback(q) -> list[str]:
    texts = []
    for name in ("options", "pairs", "items"):
        texts += [x.feedback for x in getattr(q, name, []) or []]
    texts += [getattr(q, n) for n in ("feedback_true", "feedback_false") if hasattr(q, n)]
    if q.type == "written":
        texts.append(q.model_answer)
    return [words(t) for t in texts]


def test_worksheets_show_every_question_and_no_answers(pack, banks) -> None:
    out, _ = pack
    for bank_id, bank in banks:
        text = pdf_text(out / f"{bank_id}-worksheet.pdf")
        assert f"Question {len(bank.questions)} of {len(bank.questions)}" in text
        shown = [t for q in bank.questions for t in _shown(q)]
        for q in bank.questions:
            for piece in _shown(q):
                assert piece in text, f"{bank_id}:{q.id}: missing {piece!r}"
            for why in _feedback(q):
                if not any(why in s for s in shown):
                    assert why not in text, f"{bank_id}:{q.id}: the worksheet shows feedback"
            if q.type == "ordering":
                where = [text.index(words(i.text)) for i in q.items]
                assert where != sorted(where), f"{bank_id}:{q.id}: printed in the right order"
        assert "✓" not in text and "Right:" not in text


def test_answer_keys_hold_every_answer_and_its_feedback(pack, banks) -> None:
    out, _ = pack
    for bank_id, bank in banks:
        text = pdf_text(out / f"{bank_id}-answer-key.pdf")
        for q, laid in zip(
            bank.questions, sheet_questions(bank_id, list(bank.questions)), strict=True
        ):
            assert words(q.prompt) in text
            for why in _feedback(q):
                assert why in text, f"{bank_id}:{q.id}: feedback missing"
            for c in laid.choices:
                if c.right:
                    assert words(f"✓ Right: {c.text}") in text, f"{bank_id}:{q.id}"
            for s in laid.slots:
                if laid.kind == "letters":
                    assert words(f"{s.answer}: {s.answer_text}") in text, f"{bank_id}:{q.id}"


def test_worksheet_letters_and_boxes_match_the_key(banks) -> None:
    for bank_id, bank in banks:
        for q, laid in zip(
            bank.questions, sheet_questions(bank_id, list(bank.questions)), strict=True
        ):
            letters = dict(laid.letters)
            for slot in laid.slots:
                if laid.kind == "letters":
                    assert letters[slot.answer] == slot.answer_text
            if q.type == "ordering":
                assert [s.text for s in laid.in_order] == [i.text for i in q.items]
            if q.type == "matching":
                assert {p.right for p in q.pairs} | set(q.distractors) == set(letters.values())


def expected_count(card_set: CardSet, text: str) -> int:
    """How often ``text`` is printed: on each card (text and detail) and on the cover page."""
    printed = [card_set.title, card_set.how_to]
    printed += [t for c in card_set.cards for t in (c.text, c.detail)]
    return sum(words(s).count(words(text)) for s in printed)


def check_cards(path: Path, card_set: CardSet, per_page: int) -> None:
    text = re.sub(rf"{FOOTER} Page \d+ of \d+", " ", pdf_text(path))
    assert len(PdfReader(path).pages) == 1 + math.ceil(len(card_set.cards) / per_page)
    for card in card_set.cards:
        if card.text:
            assert text.count(words(card.text)) == expected_count(card_set, card.text), card.text


def test_a_card_set_for_every_sort_with_each_card_once(pack, banks) -> None:
    out, _ = pack
    sets = scenario_sets(banks)
    sorts = [(b, q) for b, bank in banks for q in bank.questions if q.type == "sorting"]
    assert len(sets) == len(sorts) > 0
    for card_set, (bank_id, q) in zip(sets, sorts, strict=True):
        assert card_set.slug == f"{bank_id}-{q.id}"
        headers = [c.text for c in card_set.cards if c.group == "header"]
        assert headers == [c.label for c in q.categories]
        assert [c.text for c in card_set.cards if c.group == "card"] == [i.text for i in q.items]
        check_cards(out / f"cards-{card_set.slug}.pdf", card_set, CARDS_PER_PAGE[False])


def test_relationship_and_feature_cards_come_from_the_data(pack) -> None:
    out, data = pack
    ds = load_dataset(data)
    card_set = ranking_set(ds)
    with (data / "relationships.csv").open(encoding="utf-8") as f:
        relationships = [row["name"] for row in csv.DictReader(f)]
    with (data / "features.csv").open(encoding="utf-8") as f:
        features = [row["name"] for row in csv.DictReader(f)]
    assert [c.text for c in card_set.cards if c.group == "relationship"] == relationships
    assert [c.text for c in card_set.cards if c.group == "feature"] == features
    check_cards(out / "cards-relationships-and-features.pdf", card_set, CARDS_PER_PAGE[False])


def test_comparison_charts_are_vector_graphics(pack) -> None:
    out, data = pack
    ds = load_dataset(data)
    reader = PdfReader(out / "comparison-charts.pdf")
    charts = 1 + math.ceil(len(ds.feature_ids) / FEATURES_PER_CHART)
    assert len(reader.pages) >= 1 + charts
    text = pdf_text(out / "comparison-charts.pdf")
    assert text.count("What the chart shows:") == charts
    for page in reader.pages:
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        for name in xobjects:
            assert xobjects[name].get_object().get("/Subtype") != "/Image", "a raster image"
    # the charts' own labels are text in the PDF, not pictures of text
    for name in ds.relationship_ids:
        assert ds.relationship_name(name) in text
    for fid in ds.feature_ids:
        assert ds.feature_name(fid) in text


def test_glossary_has_every_term(pack) -> None:
    out, data = pack
    text = pdf_text(out / "glossary.pdf")
    with (data / "glossary.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert rows
    for row in rows:
        assert words(row["term"]) in text and words(row["meaning"]) in text


def test_without_a_glossary_the_pack_says_so(tmp_path: Path) -> None:
    data = data_folder(tmp_path, glossary=False)
    done = run_print("start-here", "-o", str(tmp_path / "out"), data=data)
    assert done.returncode == 0, done.stderr
    assert "glossary.csv was not found" in done.stderr and "term and meaning" in done.stderr
    assert not (tmp_path / "out" / "glossary.pdf").exists()
    assert (tmp_path / "out" / "start-here-worksheet.pdf").exists()


def test_a_broken_glossary_is_named(tmp_path: Path) -> None:
    path = tmp_path / "glossary.csv"
    path.write_text("term,meaning\nAdvocate,Someone who speaks up\nBoundary,\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        read_glossary(path)
    assert "line 3" in str(err.value) and "'meaning'" in str(err.value)
    path.write_text("word,meaning\nA,B\n", encoding="utf-8")
    with pytest.raises(DataError, match="'term'"):
        read_glossary(path)


def font_sizes(path: Path) -> list[float]:
    sizes: list[float] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = math.sqrt(abs(tm[0] * tm[3] - tm[1] * tm[2]))
            scale *= math.sqrt(abs(cm[0] * cm[3] - cm[1] * cm[2]))
            sizes.append(size * scale)

    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def test_large_print_is_really_larger(pack, tmp_path: Path) -> None:
    out, data = pack
    bank_id = "boundaries" if (data / "quizzes" / "boundaries.yaml").exists() else None
    bank_id = bank_id or sorted((data / "quizzes").glob("*.yaml"))[0].stem
    done = run_print(bank_id, "--large-print", "-o", str(tmp_path), data=data)
    assert done.returncode == 0, done.stderr
    for stem in (
        f"{bank_id}-worksheet",
        f"{bank_id}-answer-key",
        "cards-relationships-and-features",
    ):
        standard, large = out / f"{stem}.pdf", tmp_path / f"{stem}-large-print.pdf"
        ratio = statistics.median(font_sizes(large)) / statistics.median(font_sizes(standard))
        assert ratio >= 1.3, f"{stem}: large print is only {ratio:.2f} times the size"
        assert len(PdfReader(large).pages) > len(PdfReader(standard).pages)
        raw = " ".join(page.extract_text() for page in PdfReader(large).pages)
        assert raw.count("Page 1 of") == 1
    assert min(font_sizes(tmp_path / f"{bank_id}-worksheet-large-print.pdf")) >= 13.5


def test_hostile_text_prints_as_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WR_DATA_DIR", str(data_folder(tmp_path, glossary=False)))
    bank = FIXTURES / "payload-bank.yaml"
    result = write_pack([str(bank)], tmp_path / "out")
    text = pdf_text(tmp_path / "out" / "payload-bank-worksheet.pdf")
    parsed = read_bank(bank)
    assert words(parsed.questions[0].prompt) in text  # "<img src=x onerror=...>" shown as written
    assert words(parsed.questions[0].options[0].text) in text
    key = pdf_text(tmp_path / "out" / "payload-bank-answer-key.pdf")
    assert words(parsed.questions[0].options[0].feedback) in key
    assert any(p.name.startswith("cards-payload-bank") for p in result.files)


def test_an_unknown_quiz_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    done = run_print("no-such-quiz", "-o", str(tmp_path / "out"), data=REPO / "data")
    assert done.returncode == 1
    assert "no-such-quiz" in done.stderr and "expected one of" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "out").exists()


def test_types_with_no_paper_layout_print_as_open_questions(tmp_path: Path) -> None:
    """A poll (no right answer) prints its options to tick; the key says there is no one answer."""
    from widgets.exports.printpack.engine import write_pdf
    from widgets.exports.printpack.templates import render

    poll = Poll(
        id="gift-views",
        type="poll",
        sections=["boundaries"],
        prompt="Would you accept a box of chocolates from a resident's family?",
        options=[{"text": "Yes"}, {"text": "No"}, {"text": "It depends"}],
    )
    laid = sheet_questions("boundaries", [poll])
    for template, stem in (("worksheet.html.j2", "w"), ("answer-key.html.j2", "k")):
        html = render(
            template,
            large_print=False,
            doc_title="Polls",
            description="",
            questions=laid,
            hints=[],
            lines=3,
        )
        write_pdf(html, tmp_path / f"{stem}.pdf")
    sheet, key = pdf_text(tmp_path / "w.pdf"), pdf_text(tmp_path / "k.pdf")
    for text in (poll.prompt, *(o.text for o in poll.options)):
        assert words(text) in sheet
    assert "no single right answer" in key and "no single right answer" not in sheet


def test_a_missing_pdf_engine_is_explained(tmp_path: Path) -> None:
    """When WeasyPrint cannot be imported the command says how to install it, with no traceback."""
    code = (
        "import sys; sys.modules['weasyprint'] = None;"
        "from widgets.__main__ import main;"
        f"sys.exit(main(['print', 'start-here', '-o', {str(tmp_path / 'out')!r}]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 1
    assert "WeasyPrint" in done.stderr and "install" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "out").exists()


def test_long_lists_get_letters_that_never_repeat() -> None:
    from widgets.exports.printpack.sheet import letter

    made = [letter(n) for n in range(800)]
    assert len(set(made)) == len(made) and made[:3] == ["A", "B", "C"] and made[26] == "AA"
