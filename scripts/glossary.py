"""Write the glossary page, notebooks/glossary.ipynb, from data/glossary.csv.

    python scripts/glossary.py           write the page
    python scripts/glossary.py --check   change nothing; exit 1 if the page is out of date

Course designers edit data/glossary.csv (columns `term` and `meaning`) in a spreadsheet or a text
editor, then run this script. The page is plain Markdown, so it reads the same in JupyterLab and in
Voila with nothing to run, and every notebook links to it from its navigation cells.
"""

from __future__ import annotations

import argparse
import csv
import sys
from itertools import groupby
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "data" / "glossary.csv"
PAGE = REPO / "notebooks" / "glossary.ipynb"
NAVIGATION = "[Contents](00-start-here.ipynb)"


def read_terms(path: Path = SOURCE) -> list[tuple[str, str]]:
    """(term, meaning) rows in alphabetical order, ignoring case."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = [
            (" ".join(r["term"].split()), " ".join(r["meaning"].split()))
            for r in csv.DictReader(f)
            if (r.get("term") or "").strip()
        ]
    return sorted(rows, key=lambda row: row[0].casefold())


def _cell(text: str, cell_id: str, navigation: bool = False) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_markdown_cell(text)
    cell.id = cell_id
    meta = {"deletable": False, "editable": False}
    if navigation:
        meta["tags"] = ["navigation"]
    cell.metadata = nbformat.NotebookNode(meta)
    return cell


def _escape(text: str) -> str:
    return text.replace("|", "\\|")


def render(terms: list[tuple[str, str]]) -> str:
    """The page's JSON: a title, one section per first letter, links back to the contents."""
    letters = [(k, list(g)) for k, g in groupby(terms, key=lambda t: t[0][0].upper())]
    intro = (
        "# Glossary\n\n"
        "What the words in this collection mean, in plain English. "
        "Jump to a letter: " + " ".join(f"[{k}](#{k})" for k, _ in letters) + "."
    )
    cells = [_cell(NAVIGATION, "navigation-top", True), _cell(intro, "glossary-intro")]
    for letter, group in letters:
        rows = "\n".join(f"| **{_escape(t)}** | {_escape(m)} |" for t, m in group)
        text = f"## {letter}\n\n| Word | What it means |\n| --- | --- |\n{rows}"
        cells.append(_cell(text, f"glossary-{letter.lower()}"))
    cells.append(_cell(NAVIGATION, "navigation-bottom", True))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = nbformat.NotebookNode(
        {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        }
    )
    nbformat.validate(nb)
    return nbformat.writes(nb) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; fail if out of date")
    args = parser.parse_args(argv)
    text = render(read_terms())
    current = PAGE.read_text(encoding="utf-8") if PAGE.is_file() else ""
    if current == text:
        print("The glossary page is up to date.")
        return 0
    if args.check:
        print(f"out of date: {PAGE.relative_to(REPO)}; run `python scripts/glossary.py`")
        return 1
    with PAGE.open("w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote: {PAGE.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
