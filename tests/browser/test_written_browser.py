"""Written answers in real Chromium: a learner writes by keyboard alone, the draft saves, the model
answer opens only after saving, the learner downloads their evidence; a failed save is said; the
tutor marks in the class view (keyboard alone) and the learner sees the mark on return; axe-core
finds nothing on either page (violations or "needs review")."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from browser_support import (
    REPO_ROOT,
    assert_only_local,
    open_voila,
    run_axe,
    voila_server,
    write_notebook,
)
from learner import norm, set_learner, tab_to, write_answer, written_status

from widgets.quizzes.bank import load_bank
from widgets.quizzes.identity import file_stem
from widgets.written.criteria import load_unit

sys.path.insert(0, str(REPO_ROOT / "tests"))
from writtenhelpers import HOSTILE, write_all, written_refs  # noqa: E402

CLASS_VIEW = REPO_ROOT / "tutors" / "class-view.ipynb"
BANK_ID, QUESTION = next((b, q) for b, q in written_refs() if q.frame and len(q.self_check) >= 2)
TEXT = f"My own words for {QUESTION.criterion}.\n{HOSTILE.splitlines()[0]}"
WATCHED = ("duplicate-id", "aria-", "color-contrast", "label")


def lesson(folder: Path) -> Path:
    return write_notebook(
        folder / "written.ipynb",
        [
            ("markdown", "# Written answer"),
            ("code", "import widgets as wr\n\nwr.start()"),
            ("code", f'wr.quiz("{BANK_ID}", ids=["{QUESTION.id}"])'),
        ],
    )


def axe_clean(page, scope: str) -> None:
    """No axe violation on the page, and nothing "needs review" of the kinds that matter here."""
    results = run_axe(page, options={"resultTypes": ["violations", "incomplete"]})
    assert not [v["id"] for v in results["violations"]], results["violations"]
    watched = [
        (v["id"], [n["target"] for n in v["nodes"]])
        for v in results["incomplete"]
        if v["id"].startswith(WATCHED)
    ]
    assert not watched, f"axe needs review ({scope}): {watched}"


def question(page):
    return page.locator(f".wrq-written[data-question-id='{QUESTION.id}']")


def test_a_learner_writes_by_keyboard_sees_the_model_answer_and_downloads_evidence(
    page, page_record, tmp_path
) -> None:
    answers = tmp_path / "answers"
    lesson(tmp_path / "site")
    env = {"WR_ANSWERS_DIR": str(answers), "WR_REMEMBER_LEARNER": "0"}
    with voila_server(tmp_path / "site", env=env) as server:
        open_voila(page, server, "written.ipynb", widget_selector=".wrq-written")
        q = question(page)
        box = q.locator("textarea.wrw-text")
        assert box.input_value() == "\n\n".join(QUESTION.frame)  # the writing frame
        assert norm(q.locator("label.wrw-prompt").text_content()) == norm(QUESTION.prompt)
        opener = q.locator("button.wrw-model-open")
        assert opener.is_disabled()
        assert QUESTION.model_answer not in page.content()  # the key stays in the kernel
        assert q.locator(".wrw-status").text_content() == ""  # the live region, empty
        axe_clean(page, "written, before")

        name = "Ana Keyboard"
        set_learner(page, name)
        assert write_answer(q, TEXT, keyboard=True) == "yes"
        assert written_status(q) == "✓ Draft saved. You can now open the model answer."
        assert q.locator(".wrw-status[role=status] p").count() == 1
        saved = json.loads((answers / f"{file_stem(name)}.json").read_text(encoding="utf-8"))
        assert saved["answers"][BANK_ID][QUESTION.id]["answer"] == TEXT
        assert QUESTION.model_answer not in page.content()  # saved, but not asked for yet

        # A self-check item ticked with the keyboard is saved with the text.
        tick = q.locator(".wrw-check input").nth(1)
        sent = q.get_attribute("data-sent")
        tab_to(page, tick)
        page.keyboard.press("Space")
        page.wait_for_function(
            "([el, n]) => el.dataset.saves !== n && el.dataset.saves === el.dataset.sent",
            arg=[q.element_handle(), sent],
        )
        saved = json.loads((answers / f"{file_stem(name)}.json").read_text(encoding="utf-8"))
        assert saved["answers"][BANK_ID][QUESTION.id]["selected"] == [1]

        # The model answer opens by keyboard, and focus moves to it.
        tab_to(page, opener)
        page.keyboard.press("Enter")
        page.wait_for_function("el => el.dataset.model === 'open'", arg=q.element_handle())
        assert norm(q.locator(".wrw-model-text").text_content()) == norm(QUESTION.model_answer)
        assert page.evaluate("() => document.activeElement.textContent") == "A model answer"
        axe_clean(page, "written, after")

        # Download my evidence: a Word file with the answer under its criterion.
        button = page.locator("button.wrq-evidence")
        with page.expect_download() as info:
            tab_to(page, button)
            page.keyboard.press("Enter")
        download = info.value
        assert download.suggested_filename == f"evidence-{file_stem(name)}.docx"
        target = tmp_path / download.suggested_filename
        download.save_as(target)
        import docx

        lines = [p.text for p in docx.Document(io.BytesIO(target.read_bytes())).paragraphs]
        criterion = load_unit().get(QUESTION.criterion)
        assert f"Learner: {name}" in lines and criterion.label in lines
        assert lines.index(criterion.label) < lines.index(f"Question: {QUESTION.prompt}")
        for line in TEXT.split("\n"):
            assert line in lines
        page.wait_for_function(
            "() => document.querySelector('.wrq-learner-status').textContent.includes('.docx')"
        )

        # Back again (a new kernel): the text returns as text, and the ticks with it.
        open_voila(page, server, "written.ipynb", widget_selector=".wrq-written")
        set_learner(page, name)
        page.wait_for_function(
            "([el, t]) => el.querySelector('textarea').value === t",
            arg=[question(page).element_handle(), TEXT],
        )
        assert question(page).locator(".wrw-check input").nth(1).is_checked()
        assert question(page).locator("b").count() == 0  # the <b> typed is not markup
    assert_only_local(page_record)
    assert not page_record.page_errors, page_record.page_errors


def test_a_failed_save_is_said_in_the_live_region_and_the_model_stays_closed(
    page, tmp_path
) -> None:
    lesson(tmp_path / "site")
    blocked = tmp_path / "answers-is-a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    env = {"WR_ANSWERS_DIR": str(blocked), "WR_REMEMBER_LEARNER": "0"}
    with voila_server(tmp_path / "site", env=env) as server:
        open_voila(page, server, "written.ipynb", widget_selector=".wrq-written")
        q = question(page)
        assert write_answer(q, "Words that cannot be saved.") == "no"
        words = written_status(q)
        assert words.startswith("⚠ Your answer is shown but was NOT saved:"), words
        assert words.endswith("It will be tried again.")
        assert q.locator(".wrw-status[role=status] .wrq-save-warning").count() == 1
        assert q.locator("button.wrw-model-open").is_disabled()
        assert QUESTION.model_answer not in page.content()


@pytest.fixture
def marked_setup(tmp_path):
    answers = tmp_path / "answers"
    write_all(answers, "Ben Tutored", lambda q: f"Ben's answer to {q.id}. {HOSTILE}")
    write_all(answers, "Cara Other", lambda q: f"Cara's answer to {q.id}.")
    lesson(tmp_path / "site")
    return answers, tmp_path / "site"


def test_the_tutor_marks_by_keyboard_and_the_learner_sees_it_on_return(
    browser, marked_setup, tmp_path
) -> None:
    answers, site = marked_setup
    env = {"WR_ANSWERS_DIR": str(answers), "WR_REMEMBER_LEARNER": "0", "WR_CLASS_VIEW_REFRESH": "2"}
    first = next(r for r in sorted(written_refs(), key=lambda r: load_unit().order(r[1].criterion)))
    tutor = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    with voila_server(CLASS_VIEW, env=env) as server:
        open_voila(tutor, server, widget_selector=".wrc-marking")
        panel = tutor.locator(".wrc-marking")
        assert "Ben Tutored" not in panel.text_content()  # closed: counts only
        n = len(written_refs())
        assert (
            norm(panel.locator(".wrm-counts").text_content())
            == f"{2 * n} written answers from the class, 0 marked."
        )
        tab_to(tutor, panel.locator("button.wrm-open"))
        tutor.keyboard.press("Enter")
        tutor.wait_for_function("el => el.dataset.open === 'yes'", arg=panel.element_handle())
        assert "names and answers are showing" in panel.text_content()
        card = panel.locator(".wrm-answer").first
        card.wait_for()
        assert norm(card.locator("h3").text_content()) == "Ben Tutored"  # one at a time, by name
        assert norm(panel.locator(".wrm-prompt").text_content()) == norm(first[1].prompt)
        assert card.locator("b").count() == 0 and "<b" in card.locator(".wrm-text").text_content()
        assert card.locator(".wrm-checks li").count() == len(first[1].self_check)
        axe_clean(tutor, "marking panel")

        tab_to(tutor, card.locator("input[value=met]"))
        tutor.keyboard.press("Space")
        comment = "Clear and in your own words. <i>Well done</i>."
        tab_to(tutor, card.locator("textarea.wrm-comment"))
        tutor.keyboard.type(comment)
        tab_to(tutor, card.locator("button.wrm-save"))
        tutor.keyboard.press("Enter")
        tutor.wait_for_function("el => el.dataset.saved === 'yes'", arg=panel.element_handle())
        assert (
            norm(panel.locator(".wrm-status").text_content())
            == "✓ Mark saved for Ben Tutored: ✓ Met."
        )
        # Focus stays on the button the tutor pressed, although the panel was drawn again.
        assert tutor.evaluate("() => document.activeElement.classList.contains('wrm-save')")
        tutor.wait_for_function(
            "el => (el.querySelector('.wrm-current') || {}).textContent?.includes('Met')",
            arg=panel.element_handle(),
        )

        # Side by side: both learners' answers at once.
        tab_to(tutor, panel.locator(".wrm-modes"), inside=True)  # a radio group: one Tab stop
        tutor.keyboard.press("ArrowDown")
        tutor.wait_for_function("() => document.querySelectorAll('.wrm-answer').length === 2")
        tutor.context.close()

    # The learner comes back to the lesson: the decision and comment are beside the answer.
    learner = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    lesson_env = {"WR_ANSWERS_DIR": str(answers), "WR_REMEMBER_LEARNER": "0"}
    with voila_server(site, env=lesson_env) as server:
        site_nb = site / "written.ipynb"
        site_nb.write_text(
            site_nb.read_text(encoding="utf-8")
            .replace(QUESTION.id, first[1].id)
            .replace(BANK_ID, first[0]),
            encoding="utf-8",
        )
        open_voila(learner, server, "written.ipynb", widget_selector=".wrq-written")
        set_learner(learner, "Ben Tutored")
        q = learner.locator(".wrq-written")
        learner.wait_for_function("el => el.dataset.mark === 'met'", arg=q.element_handle())
        mark = norm(q.locator(".wrw-mark").text_content())
        assert "✓ Met" in mark and comment in mark
        axe_clean(learner, "written, marked")
        set_learner(learner, "Cara Other")  # another learner on the same page: no mark of Ben's
        learner.wait_for_function("el => el.dataset.mark === ''", arg=q.element_handle())
        learner.context.close()
    assert load_bank(first[0]).get(first[1].id)
