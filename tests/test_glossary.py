"""The glossary: one data file, a page made from it, a link from every notebook, plain English."""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import glossary  # noqa: E402
import readability  # noqa: E402
from collection_map import (  # noqa: E402
    learner_notebooks,
    load_banks,
    notebook_paths,
    read_notebook,
    source,
)

SOURCE = REPO / "data" / "glossary.csv"


def rows() -> list[dict[str, str]]:
    with SOURCE.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def norm(phrase: str) -> str:
    """Lower case, with a plural last word made singular ('district nurses' -> 'district nurse')."""
    words = phrase.lower().strip(" .:;").split()
    if words:
        last = words[-1]
        if last.endswith("ies"):
            last = last[:-3] + "y"
        elif last.endswith("s") and not last.endswith("ss"):
            last = last[:-1]
        words[-1] = last
    return " ".join(words)


def test_the_data_file_has_term_and_meaning_for_every_row() -> None:
    data = rows()
    assert data and {"term", "meaning"} <= set(data[0])
    terms = [r["term"].strip().lower() for r in data]
    assert len(terms) == len(set(terms)), "a term is listed twice"
    assert all(r["term"].strip() and r["meaning"].strip() for r in data)


def test_the_page_is_made_from_the_data_file() -> None:
    assert glossary.main(["--check"]) == 0, "run `make pages` (python scripts/glossary.py)"


def test_a_new_term_appears_on_the_page_in_order(tmp_path: Path) -> None:
    path = tmp_path / "glossary.csv"
    path.write_text(
        'term,meaning\nzebra crossing,"A place to cross."\nadvocate,"Helps | speaks up."\n',
        encoding="utf-8",
    )
    page = glossary.render(glossary.read_terms(path))
    assert page.index("advocate") < page.index("zebra crossing")
    assert "Helps \\\\| speaks up." in page  # a pipe cannot break the table


@pytest.mark.parametrize("path", notebook_paths(), ids=[p.name for p in notebook_paths()])
def test_every_notebook_links_to_the_glossary_at_top_and_bottom(path: Path) -> None:
    cells = read_notebook(path)["cells"]
    for cell in (cells[0], cells[-1]):
        assert "](glossary.ipynb)" in source(cell), (
            f"{path.name}: no glossary link; run `make pages`"
        )


def test_the_glossary_is_plain_english() -> None:
    text = readability.notebook_text(REPO / "notebooks" / "glossary.ipynb")
    assert readability.score(text) >= readability.TARGET


def test_every_term_in_bold_in_a_lesson_is_in_the_glossary() -> None:
    """A bold word in the middle of a sentence (it starts in lower case) is a glossary word."""
    terms = [norm(r["term"]) for r in rows()]
    missing = []
    for path in learner_notebooks():
        for cell in read_notebook(path)["cells"]:
            if cell["cell_type"] != "markdown":
                continue
            for phrase in re.findall(r"\*\*([^*]+)\*\*", source(cell)):
                if phrase[:1].islower() and not any(
                    re.search(rf"\b{re.escape(t)}\b", norm(phrase)) for t in terms
                ):
                    missing.append(f"{path.name}: {phrase}")
    assert not missing, "add these to data/glossary.csv: " + "; ".join(missing)


def test_every_glossary_term_is_met_somewhere() -> None:
    text = " ".join(readability.notebook_text(p) for p in learner_notebooks())
    text += " ".join(readability.bank_text(b) for b in load_banks().values())
    text = text.lower()
    unused = [r["term"] for r in rows() if norm(r["term"]).rstrip("y") not in text]
    assert not unused, f"glossary terms no learner meets: {unused}"
