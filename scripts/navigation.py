"""Write the previous / contents / next links at the top and bottom of every notebook.

    python scripts/navigation.py                 every notebooks/NN-*.ipynb
    python scripts/navigation.py --check         exit 1 (and name the files) if any would change
    python scripts/navigation.py path/to/folder  the notebooks in another folder

Every notebook links to the glossary too. Each link cell is a Markdown cell tagged "navigation"
(locked: not editable, not deletable). Any old navigation cell is removed first, so running the
script again changes nothing. Titles are read from each notebook's ``# `` heading. Outputs are
never added; a notebook is only written when its text would change.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))

from collection_map import (  # noqa: E402
    NAVIGATION_TAG,
    NOTEBOOKS,
    is_navigation,
    notebook_paths,
    notebook_title,
)

CONTENTS = "00-start-here.ipynb"
GLOSSARY = "glossary.ipynb"  # written from data/glossary.csv by scripts/glossary.py
CELL_IDS = ("navigation-top", "navigation-bottom")


def _title(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    return notebook_title(nb) or path.stem.split("-", 1)[-1].replace("-", " ").capitalize()


def links(prev: tuple[str, str] | None, nxt: tuple[str, str] | None) -> str:
    parts = []
    if prev:
        parts.append(f"[← Previous: {prev[1]}]({prev[0]})")
    parts.append(f"[Contents]({CONTENTS})")
    parts.append(f"[Glossary]({GLOSSARY})")
    if nxt:
        parts.append(f"[Next: {nxt[1]} →]({nxt[0]})")
    return " | ".join(parts)


def _cell(text: str, cell_id: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_markdown_cell(text)
    cell.id = cell_id
    cell.metadata = nbformat.NotebookNode(
        {"deletable": False, "editable": False, "tags": [NAVIGATION_TAG]}
    )
    return cell


def render(path: Path, text: str) -> str:
    """The notebook's JSON with fresh navigation cells at the top and the bottom."""
    nb = nbformat.read(path, as_version=4)
    nb.cells = [c for c in nb.cells if not is_navigation(c)]
    nb.cells = [_cell(text, CELL_IDS[0]), *nb.cells, _cell(text, CELL_IDS[1])]
    if nb.get("nbformat_minor", 0) < 5:
        nb.nbformat_minor = 5  # cell ids need nbformat 4.5
    nbformat.validate(nb)
    return nbformat.writes(nb) + "\n"  # what nbformat.write puts in a file


def plan(folder: Path = NOTEBOOKS) -> dict[Path, str]:
    """Every notebook in ``folder`` and the text it should have."""
    paths = notebook_paths(folder)
    titles = [(p.name, _title(p)) for p in paths]
    out = {}
    for n, path in enumerate(paths):
        prev = titles[n - 1] if n > 0 else None
        nxt = titles[n + 1] if n + 1 < len(paths) else None
        out[path] = render(path, links(prev, nxt))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(NOTEBOOKS))
    parser.add_argument(
        "--check",
        action="store_true",
        help="change nothing; fail if a notebook's navigation is out of date",
    )
    args = parser.parse_args(argv)
    stale = []
    for path, text in plan(Path(args.folder)).items():
        if path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path)
        if not args.check:
            with path.open("w", encoding="utf-8", newline="\n") as f:
                f.write(text)
    verb = "out of date" if args.check else "updated"
    for path in stale:
        print(f"{verb}: {path}")
    if not stale:
        print("Navigation is up to date.")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
