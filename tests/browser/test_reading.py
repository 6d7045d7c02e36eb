"""Reading a learner page in Voilà: words that fit where the learner is, text of at least 16 px,
lines of at most about 80 characters, charts with a short text alternative and their numbers in a
real table, tables with plain labels, and the chart explorer's focus ring.

The words check reads each notebook's text as Voilà shows it (the notebook with its code cells
left out, so nothing runs): cells tagged ``lab-only`` are for JupyterLab and Voilà hides them.
"""

from __future__ import annotations

import json
import re

import pytest
from access import focus_ring, longest_lines, overflow, small_text
from browser_support import REPO_ROOT, open_voila, voila_server, write_notebook
from learner import NOTEBOOKS_DIR, norm

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
# Instructions that are right in JupyterLab and wrong on a Voilà page, where there are no cells
# to run, no Run menu and no kernel menu.
WRONG_PLACE = re.compile(
    r"(shift|ctrl|control)\W+(and\W+)?(press\W+)?enter"
    r"|\brun\s+(the|this|that|next|each|every|a|all)\s+(\w+\s+)?cells?\b"
    r"|\brun all cells\b|\brestart kernel\b|\bkernel menu\b|\brun menu\b",
    re.IGNORECASE,
)
MAX_LINE = 80
CHART_NOTEBOOK = "04-comparing-relationships.ipynb"


def markdown_only(source, target) -> None:
    nb = json.loads(source.read_text(encoding="utf-8"))
    nb["cells"] = [c for c in nb["cells"] if c["cell_type"] == "markdown"]
    target.write_text(json.dumps(nb), encoding="utf-8")


@pytest.fixture(scope="module")
def text_pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("text-only")
    for path in NOTEBOOKS:
        markdown_only(path, folder / path.name)
    write_notebook(
        folder / "tagged.ipynb",
        [
            ("markdown", "# Tagged\n\nAnswer the questions below."),
            ("markdown", "Hold down Shift and press Enter to run the next cell."),
        ],
    )
    nb = json.loads((folder / "tagged.ipynb").read_text(encoding="utf-8"))
    nb["cells"][1]["metadata"]["tags"] = ["lab-only"]
    (folder / "lab-only.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    with voila_server(folder) as server:
        yield server


def shown_text(page, server, name: str) -> str:
    open_voila(page, server, name, widget_selector=None)
    return page.locator("#rendered_cells").inner_text()


def test_the_words_check_finds_jupyterlab_words_and_the_lab_only_tag_hides_them(page, text_pages):
    found = WRONG_PLACE.findall(shown_text(page, text_pages, "tagged.ipynb"))
    assert found, "the check missed 'Shift and press Enter' and 'run the next cell'"
    text = shown_text(page, text_pages, "lab-only.ipynb")
    assert "Answer the questions below." in text and not WRONG_PLACE.search(text)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_a_voila_page_never_tells_a_learner_to_run_cells(page, text_pages, notebook):
    text = shown_text(page, text_pages, notebook.name)
    wrong = sorted({m.group(0) for m in WRONG_PLACE.finditer(text)})
    assert not wrong, (
        f"{notebook.name} tells a Voilà learner: {wrong}. Name the action in neutral words "
        "('answer the questions below'), or tag the JupyterLab-only cell 'lab-only'."
    )


# --------------------------------------------------------------------------- a rendered lesson


@pytest.fixture(scope="module")
def lesson(tmp_path_factory):
    answers = tmp_path_factory.mktemp("reading-answers")
    env = {"WR_ANSWERS_DIR": str(answers), "WR_REMEMBER_LEARNER": "0"}
    with voila_server(REPO_ROOT, env=env) as server:
        yield server


def test_text_size_line_length_charts_and_tables(browser, lesson):
    import widgets as wr

    context = browser.new_context(viewport={"width": 1920, "height": 1000})
    page = context.new_page()
    try:
        open_voila(page, lesson, f"notebooks/{CHART_NOTEBOOK}", widget_selector=".wrq")
        page.wait_for_selector(".wr-explorer figure img", timeout=60_000)
        assert not small_text(page), small_text(page)
        blocks = "#rendered_cells .jp-RenderedMarkdown :is(p, li)"
        long = [(n, text) for n, text in longest_lines(page, blocks) if n > MAX_LINE]
        assert not long, f"lines longer than {MAX_LINE} characters on a 1920 px screen: {long[:3]}"

        # Charts: a short text alternative, said once; the numbers in a real table.
        figures = page.locator("#rendered_cells figure.wr-figure")
        assert figures.count() >= 3
        body_text = page.locator("#rendered_cells").inner_text()
        for k in range(figures.count()):
            figure = figures.nth(k)
            alt = figure.locator("img").get_attribute("alt")
            assert 0 < len(alt) <= wr.charts.ALT_LIMIT, alt
            assert alt not in body_text, "the text alternative is given twice"
            summary = figure.locator("details > summary")
            assert summary.count() == 1 and norm(summary.text_content()) == "Show the numbers"
            summary.click()
            table = figure.locator("table")
            assert table.count() == 1 and table.is_visible()
            headers = table.locator("th").all_text_contents()
            assert headers and all(h.strip() for h in headers)
            assert table.locator("thead th[scope=col]").count() >= 2

        # The reasons table: plain labels, full text, a header on every column.
        data = wr.load_dataset()
        reasons = page.locator("#rendered_cells table.wr-table").filter(has_text="Why ")
        assert reasons.count() == 1
        shown = reasons.inner_text()
        for fid in data.feature_ids:
            if fid != data.feature_name(fid):
                assert fid not in shown, f"code name {fid!r} shown"
        for reason in data.ratings["rationale"]:
            if reason in shown:
                break
        else:
            raise AssertionError("no reason shown in full")
        assert "..." not in shown and "…" not in shown
        cells = reasons.locator("tr").first.locator("th")
        assert all(t.strip() for t in cells.all_text_contents())

        # The explorer: every control's focus ring is 2 px at 3:1.
        explorer = page.locator(".wr-explorer")
        explorer.locator("select").first.focus()
        bad, seen = [], 0
        for _ in range(12):
            inside = page.evaluate("() => !!document.activeElement.closest('.wr-explorer')")
            if not inside:
                break
            seen += 1
            ring = focus_ring(page)
            if not ring or ring["style"] == "none" or ring["width"] < 2 or ring["contrast"] < 3:
                bad.append(ring)
            page.keyboard.press("Tab")
        assert seen >= 3 and not bad, bad
    finally:
        context.close()


def test_a_lesson_with_charts_reflows_at_320px(browser, lesson):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        open_voila(page, lesson, f"notebooks/{CHART_NOTEBOOK}", widget_selector=".wrq")
        page.wait_for_selector(".wr-explorer figure img", timeout=60_000)
        for summary in page.locator("#rendered_cells figure details > summary").all():
            summary.click()
        found = overflow(page)
        assert not found["outside"] and not found["scrollers"], found
    finally:
        context.close()
