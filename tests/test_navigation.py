"""Navigation cells, links, file names, titles and committed notebooks without outputs."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import navigation  # noqa: E402
from collection_map import (  # noqa: E402
    NOTEBOOK_NAME,
    NOTEBOOKS,
    REFERENCE_NOTEBOOKS,
    is_navigation,
    notebook_paths,
    read_notebook,
    source,
    tags,
)

PATHS = notebook_paths()
IDS = [p.name for p in PATHS]
FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.S | re.M)
CODE_SPAN = re.compile(r"`[^`\n]*`")
INLINE_LINK = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REF_LINK = re.compile(r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s.*)?$", re.M)
RUN_HINT = "run `python scripts/navigation.py`"


def markdown_links(text: str) -> list[str]:
    """Link targets in Markdown, leaving out code blocks and code spans."""
    text = CODE_SPAN.sub("", FENCE.sub("", text))
    return INLINE_LINK.findall(text) + REF_LINK.findall(text)


def broken_links(text: str, base: Path) -> list[str]:
    broken = []
    for target in markdown_links(text):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("#"):
            continue  # http(s), mailto and other schemes; anchors within the page
        path = unquote(target.split("#", 1)[0].split("?", 1)[0])
        if path and not (base / path).exists():
            broken.append(target)
    return broken


def test_there_are_notebooks() -> None:
    assert PATHS, "no notebooks/NN-*.ipynb found"


def test_running_the_script_twice_changes_nothing(tmp_path: Path) -> None:
    copy = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS, copy, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    navigation.main([str(copy)])
    first = {p.name: p.read_bytes() for p in sorted(copy.glob("*.ipynb"))}
    navigation.main([str(copy)])
    second = {p.name: p.read_bytes() for p in sorted(copy.glob("*.ipynb"))}
    assert first == second
    for name in second:
        nb = read_notebook(copy / name)
        assert all(not c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code"), name


def test_navigation_is_up_to_date() -> None:
    stale = [
        p.name for p, text in navigation.plan().items() if p.read_text(encoding="utf-8") != text
    ]
    assert not stale, f"navigation out of date in {', '.join(stale)}: {RUN_HINT}"


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_navigation_top_and_bottom(path: Path) -> None:
    cells = read_notebook(path)["cells"]
    assert len(cells) >= 3
    for where, cell in (("top", cells[0]), ("bottom", cells[-1])):
        assert cell["cell_type"] == "markdown" and is_navigation(cell), (
            f"{path.name}: no navigation cell at the {where}; {RUN_HINT}"
        )
        assert cell["metadata"].get("editable") is False
        assert cell["metadata"].get("deletable") is False
        assert "[Contents](00-start-here.ipynb)" in source(cell)
    assert not any(is_navigation(c) for c in cells[1:-1]), (
        f"{path.name}: navigation cell in the middle"
    )
    position = PATHS.index(path)
    text = source(cells[0])
    assert ("Previous:" in text) == (position > 0)
    assert ("Next:" in text) == (position < len(PATHS) - 1)


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_every_link_points_at_a_file_that_exists(path: Path) -> None:
    nb = read_notebook(path)
    broken = []
    for n, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "markdown":
            broken += [f"cell {n}: {t}" for t in broken_links(source(cell), path.parent)]
    assert not broken, f"{path.name} links to files that do not exist: {'; '.join(broken)}"


def test_tutor_notes_links_exist() -> None:
    broken = []
    for md in sorted((REPO / "tutors").rglob("*.md")):
        broken += [
            f"{md.relative_to(REPO)}: {t}"
            for t in broken_links(md.read_text(encoding="utf-8"), md.parent)
        ]
    assert not broken, "broken links: " + "; ".join(broken)


def test_link_finder() -> None:
    text = (
        'See [a](a.ipynb), ![img](pic.png "t") and [web](https://x.org/y).\n'
        "`[not](code.md)`\n```\n[nor](fenced.md)\n```\n[ref]: ../docs/x.md\n"
    )
    assert markdown_links(text) == ["a.ipynb", "pic.png", "https://x.org/y", "../docs/x.md"]


def test_file_names() -> None:
    names = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb") if p.name not in REFERENCE_NOTEBOOKS)
    bad = [n for n in names if not NOTEBOOK_NAME.match(n)]
    assert not bad, f"notebook names must be NN-lower-case-slug.ipynb with no spaces: {bad}"
    starts = [n for n in names if n.startswith("00-")]
    assert starts == ["00-start-here.ipynb"]
    numbers = [n[:2] for n in names]
    assert len(numbers) == len(set(numbers)), f"two notebooks share a number: {names}"
    assert not list(NOTEBOOKS.rglob("Untitled*.ipynb"))


def _heading_lines(text: str) -> list[str]:
    return [line for line in FENCE.sub("", text).splitlines() if line.startswith("# ")]


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_exactly_one_title(path: Path) -> None:
    titles = [
        line
        for c in read_notebook(path)["cells"]
        if c["cell_type"] == "markdown"
        for line in _heading_lines(source(c))
    ]
    assert len(titles) == 1, f"{path.name}: expected one '# ' title, found {titles}"


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_no_stored_outputs(path: Path) -> None:
    for n, cell in enumerate(read_notebook(path)["cells"]):
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"{path.name}, cell {n} has stored outputs"
            assert cell.get("execution_count") is None, f"{path.name}, cell {n} has a count"


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_setup_cells_are_hidden(path: Path) -> None:
    cells = read_notebook(path)["cells"]
    setup = [
        c
        for c in cells
        if c["cell_type"] == "code" and ("setup" in tags(c) or "wr.start()" in source(c))
    ]
    assert setup, f"{path.name}: no set-up cell (tagged 'setup', calling wr.start())"
    for cell in setup:
        assert cell["metadata"].get("jupyter", {}).get("source_hidden") is True, (
            f"{path.name}: set-up cell needs metadata jupyter.source_hidden = true"
        )
        assert "setup" in tags(cell)
