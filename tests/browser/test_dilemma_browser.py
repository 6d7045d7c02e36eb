"""A learner works through a branching dilemma with the keyboard alone, in Voilà and JupyterLab.

What is checked is what a learner meets: each choice shows its consequence, focus moves to the
new scene's heading, the consequence is announced once in a live region that was there from the
start, Back and Start again work, the end lists "your path" with a plain score beside the best
path, the path is saved and comes back after a reload, a failed save is shown in words, the page
reflows at 320 px with text of 16 px or more, ids are unique with two dilemmas on one page, and
axe-core finds nothing (violations and "needs review" are both read).

The dilemmas come from data/dilemmas; the route taken is worked out from the file, and choices are
pressed by the text a learner sees (the page shows them in a shuffled order).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser_support import (
    LAB_PANEL,
    assert_only_local,
    format_violation,
    lab_find,
    lab_run_all,
    lab_server,
    open_lab_notebook,
    open_voila,
    run_axe,
    screenshot,
    voila_server,
    write_notebook,
)
from learner import norm, tab_to

from widgets.dilemmas.api import dilemmas_dir, load_dilemma
from widgets.dilemmas.journey import Journey

NAMES = sorted(p.stem for p in dilemmas_dir().glob("*.yaml"))
FIRST, SECOND = NAMES[0], NAMES[-1]
TIMEOUT_MS = 30_000

CELL = "import widgets as wr\nwr.dilemma({name!r})"

# Count the times a live region's words change to something new: one per answer from the kernel.
WATCH_LIVE = """(region) => {
    region.__said = [];
    new MutationObserver(() => {
        const text = [...region.children].map(p => p.textContent).join(' ')
            .replace(/\\s+/g, ' ').trim();
        if (text) region.__said.push(text);
    }).observe(region, { childList: true, subtree: true, characterData: true });
}"""


def only_answers_file(folder: Path) -> Path:
    """The one answers file in a folder (its name comes from the learner: a slug and a hash)."""
    from widgets.quizzes.store import iter_files

    files = iter_files(folder)
    assert len(files) == 1, files
    return files[0]


def notebook(folder: Path, *names: str) -> Path:
    cells = [("markdown", "# Dilemmas")]
    for name in names:
        cells += [("markdown", f"## {name}"), ("code", CELL.format(name=name))]
    return write_notebook(folder / "dilemmas.ipynb", cells)


def detour_route(name: str) -> list[tuple[str, int]]:
    """A way to an end that is not the best one (its first choice differs), in file terms."""
    d = load_dilemma(name)
    j = Journey(d)
    first = j.best.steps[0][1]
    j.choose(next(k for k in range(len(j.current.choices)) if k != first))
    while not j.finished:
        seen = {s.scene for s in j.steps}
        options = [k for k, c in enumerate(j.current.choices) if c.next not in seen]
        j.choose(options[0] if options else 0)
    return [(s.scene, s.choice) for s in j.steps]


def heading_for(d, scene_id: str, number: int) -> str:
    s = d.scene(scene_id)
    if s.is_end:
        return f"The end: {s.title or 'how it turned out'}"
    return f"Decision {number}: {s.title}" if s.title else f"Decision {number}"


def assert_axe_clean(page, context: str, label: str) -> None:
    """No axe-core violation of any impact, and nothing left to review, inside the dilemmas."""
    results = run_axe(page, context, {"resultTypes": ["violations", "incomplete"]})
    found = [format_violation(v) for v in results.get("violations", [])]
    review = [format_violation(v) for v in results.get("incomplete", [])]
    assert not found, f"axe-core ({label}) violations:\n  " + "\n  ".join(found)
    assert not review, f"axe-core ({label}) needs review:\n  " + "\n  ".join(review)


def wait_scene(root, scene_id: str) -> None:
    root.page.wait_for_function(
        "([el, id]) => el.dataset.scene === id",
        arg=[root.element_handle(), scene_id],
        timeout=TIMEOUT_MS,
    )


def wait_heading_focused(root, text: str) -> None:
    root.page.wait_for_function(
        """([el, text]) => {
            const a = document.activeElement;
            return !!a && el.contains(a) && a.matches('h4.wrd-scene-heading')
                && a.textContent.replace(/\\s+/g, ' ').trim() === text;
        }""",
        arg=[root.element_handle(), text],
        timeout=TIMEOUT_MS,
    )


def words(locator) -> str:
    """What a locator's paragraphs say, one after another (as a screen reader reads them)."""
    return norm(
        locator.evaluate("el => [...el.querySelectorAll('p')].map(p => p.textContent).join(' ')")
    )


def said(root) -> list[str]:
    return root.locator(".wrd-consequence").evaluate("el => el.__said.slice()")


def press_by_keyboard(page, button) -> None:
    tab_to(page, button)
    page.keyboard.press("Enter")


def choose_by_keyboard(root, d, steps, start_number: int = 1) -> None:
    """Take ``steps`` with Tab and Enter, checking focus and the one announcement after each."""
    page = root.page
    for n, (scene_id, index) in enumerate(steps, start=start_number):
        choice = d.scene(scene_id).choices[index]
        before = len(said(root))
        button = root.locator("button.wrd-choice", has_text=choice.text)
        assert button.count() == 1, f"{choice.text!r} not on the page"
        press_by_keyboard(page, button)
        wait_scene(root, choice.next)
        wait_heading_focused(root, heading_for(d, choice.next, n + 1))
        live = words(root.locator(".wrd-consequence"))
        assert live == norm(f"You chose: {choice.text} What happened: {choice.consequence}")
        root.page.wait_for_function(
            "([el, n]) => el.__said.length >= n",
            arg=[root.locator(".wrd-consequence").element_handle(), before + 1],
        )
        assert said(root)[before:] == [live], "the consequence must be announced exactly once"


# --------------------------------------------------------------------------- Voilà


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dilemma-notebook")
    notebook(folder, FIRST, SECOND)
    answers = tmp_path_factory.mktemp("dilemma-answers")
    env = {"WR_ANSWERS_DIR": str(answers), "WR_REMEMBER_LEARNER": "0"}
    with voila_server(folder, env=env) as server:
        yield server, answers


def open_page(page, server) -> None:
    open_voila(page, server, "dilemmas.ipynb", widget_selector=".wrd")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.wrd')].length === 2 "
        "&& [...document.querySelectorAll('.wrd')].every(el => !!el.dataset.scene)",
        timeout=TIMEOUT_MS,
    )


def test_a_dilemma_by_keyboard_alone_in_voila(page, page_record, voila) -> None:
    server, answers = voila
    d = load_dilemma(FIRST)
    route = detour_route(FIRST)
    best = Journey(d).best
    open_page(page, server)
    root = page.locator(f".wrd[data-dilemma-id={FIRST}]")
    region = root.locator(".wrd-consequence")
    assert (
        region.get_attribute("role") == "status" and region.get_attribute("aria-live") == "polite"
    )
    assert norm(region.text_content()) == ""
    assert (
        region.evaluate("el => getComputedStyle(el).display") != "none"
    )  # in the tree from the start
    region.evaluate(WATCH_LIVE)
    # Chromium's accessibility tree: a named region, headings, a named group of buttons.
    tree = root.aria_snapshot()
    start = d.scene(d.start_id)
    assert f'heading "Dilemma: {d.title}" [level=3]' in tree
    assert f'heading "{heading_for(d, d.start_id, 1)}" [level=4]' in tree
    assert 'group "What do you do? Choose one."' in tree
    for c in start.choices:
        assert f'button "{c.text}"' in tree, tree
    assert_axe_clean(page, ".wrd", "voila-dilemma-start")
    ids = page.evaluate("() => [...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids)), "ids must be unique on the page"
    # Each choice is a button inside a group named by its question.
    assert root.get_by_role("group", name="What do you do? Choose one.").count() == 1
    assert (
        root.get_by_role("button").filter(has_text=d.scene(d.start_id).choices[0].text).count() == 1
    )

    page.evaluate(
        "() => document.addEventListener('mousedown', () => { window.__mouse = true; }, true)"
    )
    page.locator("body").focus()
    choose_by_keyboard(root, d, route)

    # The end: "your path" with each decision, its consequence and points, beside the best path.
    assert root.get_attribute("data-state") == "ended"
    steps = root.locator("ol.wrd-mine > li")
    assert steps.count() == len(route)
    points = 0
    for k, (scene_id, index) in enumerate(route):
        c = d.scene(scene_id).choices[index]
        points += c.score
        text = words(steps.nth(k))
        assert text == norm(
            f"Decision {k + 1}, you chose: {c.text} What happened: {c.consequence} "
            f"{c.score} point{'' if c.score == 1 else 's'}"
        )
    assert norm(root.locator(".wrd-score").text_content()) == (
        f"You scored {points} point{'' if points == 1 else 's'} out of a possible {best.points}."
    )
    best_items = root.locator("ol.wrd-best > li")
    assert best_items.count() == len(best.steps)
    for k, (scene_id, index) in enumerate(best.steps):
        assert d.scene(scene_id).choices[index].text in words(best_items.nth(k))
    end = d.scene(route[-1][0]).choices[route[-1][1]].next
    assert norm(root.locator(".wrd-good-practice").text_content()) == norm(
        f"Good practice: {d.scene(end).good_practice}"
    )
    assert_axe_clean(page, ".wrd", "voila-dilemma-end")
    screenshot(page, "voila-dilemma-end")

    # Saved for this learner, with times.
    saved = json.loads(only_answers_file(answers).read_text(encoding="utf-8"))
    record = saved["answers"]["dilemmas"][FIRST]
    assert [(s["scene"], s["choice"]) for s in record["path"]] == route
    assert all(s["time"] for s in record["path"]) and record["answered"] is True

    # Back one step, then Start again, by keyboard; focus goes to the scene heading each time.
    before = len(said(root))
    press_by_keyboard(page, root.locator("button.wrd-back"))
    wait_scene(root, route[-1][0])
    wait_heading_focused(root, heading_for(d, route[-1][0], len(route)))
    assert (
        norm(region.text_content())
        == f"You went back one step. You are at decision {len(route)} again."
    )
    assert root.locator(".wrd-ending").evaluate("el => el.children.length") == 0
    press_by_keyboard(page, root.locator("button.wrd-restart"))
    wait_scene(root, d.start_id)
    wait_heading_focused(root, heading_for(d, d.start_id, 1))
    assert words(region) == "You are at the start again."
    assert len(said(root)) == before + 2
    assert (
        root.locator("button.wrd-back").is_hidden()
        and root.locator("button.wrd-restart").is_hidden()
    )
    assert not page.evaluate("() => window.__mouse === true"), "a mouse button was pressed"
    assert_only_local(page_record)


def test_the_path_comes_back_after_a_reload(page, voila) -> None:
    server, _ = voila
    d = load_dilemma(SECOND)
    steps = list(Journey(d).best.steps)[:2]
    open_page(page, server)
    root = page.locator(f".wrd[data-dilemma-id={SECOND}]")
    root.locator(".wrd-consequence").evaluate(WATCH_LIVE)
    page.locator("body").focus()
    choose_by_keyboard(root, d, steps)
    where = root.get_attribute("data-scene")
    page.reload()
    open_page(page, server)
    root = page.locator(f".wrd[data-dilemma-id={SECOND}]")
    assert root.get_attribute("data-scene") == where
    mine = root.locator("details.wrd-sofar ol > li")
    assert mine.count() == len(steps)
    last = d.scene(steps[-1][0]).choices[steps[-1][1]]
    assert words(root.locator(".wrd-consequence")) == norm(
        f"You chose: {last.text} What happened: {last.consequence}"
    )
    # Restored quietly: focus is not pulled to the dilemma when the page opens.
    assert not page.evaluate("(el) => el.contains(document.activeElement)", root.element_handle())


def test_reflows_at_320_px_with_readable_text(page, voila) -> None:
    server, _ = voila
    page.set_viewport_size({"width": 320, "height": 800})
    open_page(page, server)
    for root in page.locator(".wrd").all():
        assert root.evaluate("el => el.scrollWidth <= el.clientWidth + 1"), (
            "content wider than the box"
        )
        assert root.evaluate("el => el.getBoundingClientRect().right <= window.innerWidth + 1")
        sizes = root.evaluate(
            """el => [...el.querySelectorAll('*')]
                .filter(n => [...n.childNodes].some(c => c.nodeType === 3 && c.textContent.trim()))
                .map(n => parseFloat(getComputedStyle(n).fontSize))"""
        )
        assert sizes and min(sizes) >= 16, f"text smaller than 16 px: {min(sizes)}"
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
    screenshot(page, "voila-dilemma-320px")
    # Forced colours (Windows high contrast): every choice keeps a visible border of its own.
    page.emulate_media(forced_colors="active")
    borders = page.locator("button.wrd-choice").evaluate_all(
        "els => els.map(b => [getComputedStyle(b).borderTopStyle, parseFloat(getComputedStyle(b).borderTopWidth)])"
    )
    assert borders and all(style != "none" and width >= 1 for style, width in borders), borders


def test_a_failed_save_is_shown_to_the_learner(page, tmp_path) -> None:
    folder = tmp_path / "nb"
    notebook(folder, FIRST)
    blocked = tmp_path / "answers-is-a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    env = {"WR_ANSWERS_DIR": str(blocked), "WR_REMEMBER_LEARNER": "0"}
    d = load_dilemma(FIRST)
    with voila_server(folder, env=env) as server:
        open_voila(page, server, "dilemmas.ipynb", widget_selector=".wrd")
        root = page.locator(".wrd")
        choice = d.scene(d.start_id).choices[0]
        root.locator("button.wrd-choice", has_text=choice.text).click()
        wait_scene(root, choice.next)
        warning = root.locator(".wrd-consequence .wrd-save-warning")
        said = norm(warning.text_content())
        assert said.startswith("⚠ ") and "was NOT saved:" in said and "tried again" in said
        assert root.locator(".wrd-consequence[role=status] .wrd-save-warning").count() == 1


# --------------------------------------------------------------------------- JupyterLab


def test_a_dilemma_by_keyboard_in_jupyterlab(page, page_record, tmp_path) -> None:
    folder = tmp_path / "lab"
    notebook(folder, FIRST, SECOND)
    answers = tmp_path / "answers"
    answers.mkdir()
    d = load_dilemma(FIRST)
    route = detour_route(FIRST)
    with lab_server(
        folder, env={"WR_ANSWERS_DIR": str(answers), "WR_REMEMBER_LEARNER": "0"}
    ) as server:
        open_lab_notebook(page, server, "dilemmas.ipynb")
        lab_run_all(page)
        root = lab_find(page, f"{LAB_PANEL} .wrd[data-dilemma-id={FIRST}]")
        root.wait_for(state="visible")
        root.locator(".wrd-consequence").evaluate(WATCH_LIVE)
        assert_axe_clean(page, f"{LAB_PANEL} .wrd", "lab-dilemma-start")
        # Into the dilemma from its first choice; from then on, the keyboard alone.
        first = d.scene(route[0][0]).choices[route[0][1]]
        root.locator("button.wrd-choice", has_text=first.text).focus()
        choose_by_keyboard(root, d, route)
        assert root.get_attribute("data-state") == "ended"
        assert root.locator("ol.wrd-mine > li").count() == len(route)
        assert_axe_clean(page, f"{LAB_PANEL} .wrd", "lab-dilemma-end")
        ids = page.evaluate("() => [...document.querySelectorAll('.wrd [id]')].map(e => e.id)")
        assert len(ids) == len(set(ids))
        screenshot(page, "lab-dilemma-end", full_page=False)
    saved = json.loads(only_answers_file(answers).read_text(encoding="utf-8"))
    assert [(s["scene"], s["choice"]) for s in saved["answers"]["dilemmas"][FIRST]["path"]] == route
    assert_only_local(page_record)
