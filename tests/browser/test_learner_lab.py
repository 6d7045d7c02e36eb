"""A learner in JupyterLab: open a notebook, Run All, type a name, answer a question.

JupyterLab serves a copy of notebooks/ in a temp folder: its autosave would otherwise write outputs
into the committed notebooks (they are kept without outputs).
"""

from __future__ import annotations

import json
import shutil

import pytest
from browser_support import (
    LAB_PANEL,
    assert_only_local,
    lab_find,
    lab_run_all,
    lab_server,
    open_in_own_workspace,
    screenshot,
)
from learner import (
    NOTEBOOKS_DIR,
    RIGHT_PREFIX,
    answer,
    norm,
    quizzes_in_notebook,
    wait_checked,
    wait_progress,
)

from widgets.quizzes.identity import file_stem


def lab_scroll_top(page) -> None:
    """Back to the top of the notebook (Run All leaves it at the last cell)."""
    page.evaluate(
        f"() => document.querySelector('{LAB_PANEL} .jp-WindowedPanel-outer').scrollTop = 0"
    )


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = tmp_path_factory.mktemp("lab") / "notebooks"
    shutil.copytree(NOTEBOOKS_DIR, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    answers = tmp_path_factory.mktemp("lab-answers")
    env = {"WR_ANSWERS_DIR": str(answers), "WR_REMEMBER_LEARNER": "0"}
    with lab_server(root, env=env) as server:
        yield server, answers


def test_start_here_in_lab_name_box_and_practice_quiz(page, page_record, lab):
    server, answers = lab
    notebook = "00-start-here.ipynb"
    (quiz_model,) = quizzes_in_notebook(NOTEBOOKS_DIR / notebook)
    open_in_own_workspace(page, server, notebook, "start")
    lab_run_all(page)
    lab_scroll_top(page)

    form = lab_find(page, f"{LAB_PANEL} form.wrq-learner")
    form.wait_for(state="visible")
    name = "Test Learner Lab"
    form.locator("input[type=text]").fill(name)
    form.get_by_role("button", name="Save my name").click()
    saved = answers / f"{file_stem(name)}.json"
    status = form.locator(".wrq-learner-status")
    page.wait_for_function(
        "([el, want]) => el.textContent === want",
        arg=[status.element_handle(), f"Saving answers for {name}."],
        timeout=30_000,
    )

    quiz = lab_find(page, f"{LAB_PANEL} .wr-quiz")
    total = len(quiz_model.questions)
    page.wait_for_function(
        "([el, n]) => el.querySelectorAll('.wrq').length === n",
        arg=[quiz.element_handle(), total],
        timeout=30_000,
    )
    q = quiz.locator(".wrq").first
    q.scroll_into_view_if_needed()
    model = quiz_model.questions[0]
    want = answer(q, model, right=True)
    verdict, details = wait_checked(q)
    assert verdict.startswith(RIGHT_PREFIX) and verdict == want.verdict, verdict
    assert details == want.details
    wait_progress(quiz, 1, total, 1)
    screenshot(page, "lab-00-start-here", full_page=False)

    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["answers"][quiz_model.quiz_id][model.id]["correct"] is True
    assert_only_local(page_record)


def test_sorting_question_in_lab(page, page_record, lab):
    server, _ = lab
    notebook = "05-professional-boundaries.ipynb"
    quizzes = quizzes_in_notebook(NOTEBOOKS_DIR / notebook)
    model = next(q for quiz in quizzes for q in quiz.questions if q.type == "sorting")
    open_in_own_workspace(page, server, notebook, "boundaries")
    lab_run_all(page)
    lab_scroll_top(page)

    # The sorting question sits far down the notebook: scroll until it is drawn, then into view.
    q = lab_find(page, f"{LAB_PANEL} .wrq[data-question-type=sorting]")
    q.wait_for(state="visible")
    assert q.get_attribute("data-question-id") == model.id
    want = answer(q, model, right=True)
    verdict, details = wait_checked(q)
    assert verdict.startswith(RIGHT_PREFIX), verdict
    assert verdict == want.verdict and details == want.details
    assert norm(q.locator(".wrq-verdict").text_content()).startswith("✓ Correct")
    screenshot(page, "lab-05-sorting", full_page=False)
    assert_only_local(page_record)
