"""Every question works for every learner, in Voilà: unique ids, labels that drive their own
controls, Tab through every question in page order, feedback announced once through a live region
that is in Chromium's accessibility tree from the start, a failed save said in the same breath,
reflow at 320 CSS px and 200 % zoom, forced colours, and focus rings of 2 px at 3:1.

Two pages: a sample quiz with one question of every type (and one question whose saving fails),
and a page with every bank of the collection drawn at once (many widgets in the same millisecond).
The every-bank page is loaded ``WR_ACCESS_LOADS`` times (3 by default: each load draws about 90
questions, so 3 loads make some 270 widget draws; more loads add time, not new kinds of failure).
"""

from __future__ import annotations

import os

import pytest
from access import (
    OURS,
    ax_node,
    ax_props,
    ax_text,
    duplicate_ids,
    focus_ring,
    label_targets,
    overflow,
    tab_walk,
)
from browser_support import (
    REPO_ROOT,
    open_voila,
    readme_image,
    run_axe,
    voila_server,
    write_notebook,
)
from learner import (
    RIGHT_PREFIX,
    answer,
    norm,
    press_retry,
    texts,
    wait_checked,
)

LOADS = int(os.environ.get("WR_ACCESS_LOADS", "3"))
SAMPLE_BANK = REPO_ROOT / "tests" / "fixtures" / "sample-bank.yaml"
SAVE_FAILED = (
    "Your answer is shown but was NOT saved: the answers folder is read-only. "
    "It will be tried again."
)

# Each page load saves into a folder of its own, so every test starts with no answers.
SETUP = f"""\
import os, tempfile
os.environ["WR_ANSWERS_DIR"] = tempfile.mkdtemp(prefix="wr-access-")
import widgets as wr
from IPython.display import display
from widgets.quizzes.bank import banks_dir, read_bank
from widgets.quizzes.question import QuestionWidget
from widgets.quizzes.quiz import quiz_from_bank

bank = read_bank(r"{SAMPLE_BANK}")
wr.start()
"""
SAMPLE = 'quiz_from_bank(bank, "sample")'
FAILING_SAVE = f"""\
failing = next(q for q in bank.questions if q.type == "true_false")
QuestionWidget(failing, quiz_id="failing", on_check=lambda w: {{"ok": False, "message": {SAVE_FAILED!r}}})
"""
EVERY_BANK = """\
for path in sorted(banks_dir().glob("*.yaml")):
    display(wr.quiz(path.stem))
display(quiz_from_bank(bank, "sample"), quiz_from_bank(bank, "sample", ids=[q.id for q in bank.questions][:3]))
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from widgets.quizzes.bank import banks_dir, load_bank, read_bank

    folder = tmp_path_factory.mktemp("access")
    write_notebook(
        folder / "sample.ipynb",
        [
            ("markdown", "# Sample quiz\n\nOne question of every type."),
            ("code", SETUP),
            ("code", SAMPLE),
            ("markdown", "## A question whose answer cannot be saved"),
            ("code", FAILING_SAVE),
        ],
    )
    write_notebook(
        folder / "every-bank.ipynb",
        [("markdown", "# Every bank"), ("code", SETUP), ("code", EVERY_BANK)],
    )
    sample = read_bank(SAMPLE_BANK)
    total = sum(len(load_bank(p.stem).questions) for p in banks_dir().glob("*.yaml"))
    total += len(sample.questions) + 3
    answers = tmp_path_factory.mktemp("access-answers")
    env = {"WR_ANSWERS_DIR": str(answers), "WR_REMEMBER_LEARNER": "0"}
    with voila_server(folder, env=env) as server:
        yield server, sample, total


def open_page(page, server, name: str, count: int) -> None:
    open_voila(page, server, name, widget_selector=".wrq")
    page.wait_for_function(
        "(n) => document.querySelectorAll('.wrq').length === n", arg=count, timeout=90_000
    )


def sample_questions(sample):
    return list(sample.questions)


# --------------------------------------------------------------------------- ids, labels, Tab


def test_ids_labels_and_tab_order_over_many_loads(page, site):
    server, _sample, total = site
    for load in range(LOADS):
        open_page(page, server, "every-bank.ipynb", total)
        assert page.locator(".wrq").count() == total
        dupes = page.evaluate(
            "() => { const c = {}; for (const e of document.querySelectorAll('[id]'))"
            " c[e.id] = (c[e.id] || 0) + 1; return Object.entries(c).filter(([, n]) => n > 1); }"
        )
        assert not dupes, f"load {load + 1}: duplicate ids on the page: {dupes[:10]}"
        assert not duplicate_ids(page), f"load {load + 1}: {duplicate_ids(page)[:10]}"
        wrong = [
            t for t in label_targets(page) if t["controlIndex"] != t["index"] or not t["inside"]
        ]
        assert not wrong, f"load {load + 1}: labels driving another question's control: {wrong[:5]}"
        names = page.evaluate(
            "() => [...document.querySelectorAll('.wrq')].map(q => [...new Set("
            "[...q.querySelectorAll('input[type=radio]')].map(i => i.name))])"
        )
        radio_names = [n for group in names for n in group]
        assert len(radio_names) == len(set(radio_names)), "two questions share a radio group name"
        if load == 0:
            visited = tab_walk(page)
            assert visited == list(range(total)), (
                f"Tab reached questions {visited[:20]}… (of {total}), not every question in order"
            )


def test_clicking_an_options_text_chooses_that_questions_option(page, site):
    server, sample, _ = site
    open_page(page, server, "sample.ipynb", len(sample.questions) + 1)
    questions = page.locator(".wrq")
    for i in range(questions.count()):
        q = questions.nth(i)
        labels = q.locator("label.wrq-option")
        for k in range(labels.count()):
            before = page.evaluate(
                "() => [...document.querySelectorAll('.wrq input')].map(i => i.checked)"
            )
            labels.nth(k).locator("span").click()
            box = labels.nth(k).locator("input")
            assert box.is_checked(), (
                f"question {i + 1}: clicking {texts(labels)[k]!r} chose nothing"
            )
            after = page.evaluate(
                "() => [...document.querySelectorAll('.wrq input')].map(i => i.checked)"
            )
            changed = page.evaluate(
                "([b, a]) => [...document.querySelectorAll('.wrq input')]"
                ".map((inp, n) => b[n] !== a[n] ? inp.closest('.wrq') : null).filter(Boolean)"
                ".map(qq => [...document.querySelectorAll('.wrq')].indexOf(qq))",
                [before, after],
            )
            assert set(changed) <= {i}, f"clicking question {i + 1}'s option changed {changed}"
        rows = q.locator(".wrq-row")
        for k in range(rows.count()):
            rows.nth(k).locator("label").click()
            assert page.evaluate(
                "(s) => document.activeElement === s",
                rows.nth(k).locator("select").element_handle(),
            ), f"question {i + 1}: a row label does not lead to its own dropdown"


# --------------------------------------------------------------------------- live region


COUNT_MUTATIONS = """() => {
    window.__wrChanges = new Map();
    for (const region of document.querySelectorAll('.wrq-feedback')) {
        window.__wrChanges.set(region, 0);
        new MutationObserver((records) => {
            window.__wrChanges.set(region, window.__wrChanges.get(region) + records.length);
        }).observe(region, {childList: true, subtree: true, characterData: true, attributes: true});
    }
}"""
CHANGES = "(q) => window.__wrChanges.get(q.querySelector('.wrq-feedback'))"


def test_feedback_is_announced_once_from_a_live_region_that_is_there_from_the_start(page, site):
    server, sample, _ = site
    questions = sample_questions(sample)
    open_page(page, server, "sample.ipynb", len(questions) + 1)
    cdp = page.context.new_cdp_session(page)
    regions = page.locator(".wrq-feedback")
    assert regions.count() == len(questions) + 1
    for k in range(regions.count()):
        node = ax_node(page, cdp, regions.nth(k).element_handle())
        assert node is not None and not node.get("ignored"), (
            f"live region {k + 1} is not in the accessibility tree before the first Check: {node}"
        )
        props = ax_props(node)
        assert node["role"]["value"] == "status" and props.get("live") == "polite", node
        assert ax_text(cdp, node) == "" and regions.nth(k).text_content() == ""
    page.evaluate(COUNT_MUTATIONS)

    # Each Check, one change. Checking the next question is a round trip to the kernel: a second
    # update for the one before would have arrived first (the kernel's messages keep their order).
    quiz = page.locator(".wr-quiz")
    for i, model in enumerate(questions):
        q = quiz.locator(".wrq").nth(i)
        want = answer(q, model, right=(i % 2 == 0))
        verdict, _ = wait_checked(q)
        assert verdict == want.verdict
        if i:
            before = quiz.locator(".wrq").nth(i - 1)
            assert page.evaluate(CHANGES, before.element_handle()) == 1, f"question {i}"
    last = quiz.locator(".wrq").nth(len(questions) - 1)
    press_retry(quiz.locator(".wrq").nth(0))  # one more round trip, then the last one is settled
    assert page.evaluate(CHANGES, last.element_handle()) == 1
    node = ax_node(page, cdp, last.locator(".wrq-feedback").element_handle())
    assert norm(ax_text(cdp, node)).startswith(norm(wait_checked(last)[0])), (
        "the accessibility tree does not read the verdict from the live region"
    )


def test_a_failed_save_is_said_beside_the_verdict_in_the_same_announcement(page, site):
    server, sample, _ = site
    open_page(page, server, "sample.ipynb", len(sample.questions) + 1)
    cdp = page.context.new_cdp_session(page)
    page.evaluate(COUNT_MUTATIONS)
    q = page.locator(".wrq[data-quiz-id=failing]")
    model = next(m for m in sample.questions if m.type == "true_false")
    want = answer(q, model, right=True)
    verdict, _ = wait_checked(q)
    assert verdict == want.verdict and verdict.startswith(RIGHT_PREFIX)
    region = q.locator(".wrq-feedback")
    warning = region.locator(".wrq-save-warning")
    assert norm(warning.text_content()) == norm(f"⚠ {SAVE_FAILED}")
    assert page.evaluate(CHANGES, q.element_handle()) == 1
    said = ax_text(cdp, ax_node(page, cdp, region.element_handle()))
    assert verdict in said and SAVE_FAILED in said, said
    # A save that works says nothing more than the verdict.
    ok = page.locator(".wr-quiz .wrq").first
    answer(ok, sample.questions[0], right=True)
    wait_checked(ok)
    assert ok.locator(".wrq-save-warning").count() == 0


# --------------------------------------------------------------------------- reflow


@pytest.mark.parametrize(
    "viewport",
    [(320, 640, 1), (640, 450, 2)],
    ids=["320px", "200pc-zoom"],
)
def test_every_control_fits_and_works_at_320px_and_200pc_zoom(browser, site, viewport):
    """WCAG 1.4.10: at 320 CSS px (and 1280 px at 200 % zoom, which is 640 CSS px) nothing
    scrolls sideways, every control is inside the screen, and every question can be answered."""
    server, sample, _ = site
    width, height, scale = viewport
    context = browser.new_context(
        viewport={"width": width, "height": height}, device_scale_factor=scale
    )
    page = context.new_page()
    try:
        questions = sample_questions(sample)
        open_page(page, server, "sample.ipynb", len(questions) + 1)
        found = overflow(page)
        assert not found["outside"] and not found["scrollers"], found
        controls = page.locator(f":is({OURS}) :is(input, select, button):visible")
        for k in range(controls.count()):
            box = controls.nth(k).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= width + 1, (
                f"control {k} is outside the {width} px screen: {box}"
            )
        quiz = page.locator(".wr-quiz")
        for i, model in enumerate(questions):
            q = quiz.locator(".wrq").nth(i)
            q.scroll_into_view_if_needed()
            want = answer(q, model, right=True)
            verdict, _ = wait_checked(q)
            assert verdict == want.verdict and verdict.startswith(RIGHT_PREFIX), model.id
        # The longest choice of every dropdown, chosen, is shown whole (wrapped, never cut).
        press_retry(quiz.locator(".wrq[data-question-type=matching]"))
        for select in page.locator(".wrq select").all():
            if select.is_disabled():
                continue
            options = texts(select.locator("option"))
            longest = max(range(len(options)), key=lambda n: len(options[n]))
            select.select_option(index=longest)
            cut = select.evaluate("s => s.scrollWidth > s.clientWidth + 1")
            assert not cut, f"{options[longest]!r} is cut in its dropdown at {width} px"
        found = overflow(page)
        assert not found["outside"] and not found["scrollers"], found
        if width == 320:
            shot = quiz.locator(".wrq[data-question-type=matching]")
            model = next(m for m in questions if m.type == "matching")
            answer(shot, model, right=True)
            wait_checked(shot)
            # Tall enough for the whole question: Voilà scrolls inside its own panel, and a
            # picture of an element only shows what is inside the window.
            page.set_viewport_size({"width": width, "height": 1600})
            shot.scroll_into_view_if_needed()
            shot.screenshot(path=str(readme_image("quiz-voila-320.png")))
    finally:
        context.close()


# --------------------------------------------------------------------------- forced colours

FILL = """(bar) => {
    const fill = bar.querySelector('.wrq-bar-fill');
    const f = getComputedStyle(fill), b = getComputedStyle(bar);
    return {fill: f.backgroundColor, bar: b.backgroundColor, width: fill.getBoundingClientRect().width,
            adjust: f.forcedColorAdjust};
}"""


def test_forced_colours_keep_progress_selection_focus_and_symbols(page, site):
    server, sample, _ = site
    page.emulate_media(forced_colors="active")
    questions = sample_questions(sample)
    open_page(page, server, "sample.ipynb", len(questions) + 1)
    assert page.evaluate("() => matchMedia('(forced-colors: active)').matches")
    quiz = page.locator(".wr-quiz")
    first = quiz.locator(".wrq").nth(0)
    answer(first, questions[0], right=False)
    wait_checked(first)
    bar = quiz.locator("[role=progressbar]")
    page.wait_for_function(
        "(b) => b.getAttribute('aria-valuenow') === '1'", arg=bar.element_handle()
    )
    fill = bar.evaluate(FILL)
    assert fill["width"] > 0 and fill["fill"] != fill["bar"], f"progress bar looks empty: {fill}"
    # The pixels agree: the filled part of the bar differs from the empty part.
    from io import BytesIO

    from PIL import Image

    image = Image.open(BytesIO(bar.screenshot())).convert("RGB")
    y = image.height // 2
    assert image.getpixel((3, y)) != image.getpixel((image.width - 4, y)), "bar fill invisible"
    # The learner's choice is marked (an outline in a system colour), the symbols are drawn.
    chosen = first.locator(".wrq-option:has(input:checked)")
    assert chosen.evaluate("e => getComputedStyle(e).outlineStyle") != "none"
    symbols = first.locator(".wrq-feedback .wrq-symbol")
    assert symbols.count() >= 1
    for k in range(symbols.count()):
        colours = symbols.nth(k).evaluate(
            "e => [getComputedStyle(e).color, getComputedStyle(e.closest('.wrq')).backgroundColor]"
        )
        assert colours[0] != colours[1] and symbols.nth(k).is_visible()
    # Focus stays visible.
    press_retry(first, keyboard=True)
    second = quiz.locator(".wrq").nth(1)
    second.locator("input").first.focus()
    page.keyboard.press("Tab")
    ring = focus_ring(page)
    assert ring and ring["style"] != "none" and ring["width"] >= 2, ring


# --------------------------------------------------------------------------- focus and axe


def test_focus_ring_of_every_control_is_2px_with_3_to_1_contrast(page, site):
    server, sample, _ = site
    open_page(page, server, "sample.ipynb", len(sample.questions) + 1)
    for toggle in page.locator(".wrq-hint-toggle").all():
        toggle.click()  # hints open: their buttons are checked too
    page.locator("body").focus()
    seen, bad = 0, []
    for _ in range(400):
        page.keyboard.press("Tab")
        inside = page.evaluate(
            "(sel) => !!document.activeElement.closest(sel)", f"{OURS}, .wr-quiz"
        )
        if page.evaluate("() => document.activeElement === document.body"):
            break
        if not inside:
            continue
        seen += 1
        ring = focus_ring(page)
        if not ring or ring["style"] == "none" or ring["width"] < 2 or ring["contrast"] < 3:
            bad.append(ring)
    assert seen >= len(sample.questions) * 2, f"Tab reached only {seen} controls"
    assert not bad, f"weak focus rings: {bad[:5]}"


def test_axe_finds_nothing_on_our_widgets_violations_or_needs_review(page, site):
    server, sample, _ = site
    open_page(page, server, "sample.ipynb", len(sample.questions) + 1)
    quiz = page.locator(".wr-quiz")
    for i, model in enumerate(sample.questions[:3]):
        q = quiz.locator(".wrq").nth(i)
        answer(q, model, right=(i != 1))
        wait_checked(q)
    results = run_axe(page, options={"resultTypes": ["violations", "incomplete"]})
    assert not [v["id"] for v in results["violations"]], results["violations"]
    watched = [
        (
            v["id"],
            [(n["target"], n["any"][0]["message"] if n.get("any") else "") for n in v["nodes"]],
        )
        for v in results["incomplete"]
        if v["id"].startswith(("duplicate-id", "aria-")) or v["id"] == "color-contrast"
    ]
    assert not watched, f"axe needs review: {watched}"
