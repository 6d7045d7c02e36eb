"""A learner's eye on every notebook in Voilà: name box, every question answered (wrong, then
right), feedback, score and progress, axe-core, saved answers restored after a reload, screenshots.
Plus one sample quiz answered by keyboard alone, one question of every type.

One Voilà server serves notebooks/ for the whole module; saved answers go to a temp folder and the
learner's name is never remembered between pages (WR_REMEMBER_LEARNER=0), so every page starts
as this computer's learner until a name is typed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser_support import (
    REPO_ROOT,
    all_violations,
    assert_only_local,
    open_voila,
    readme_image,
    run_axe,
    screenshot,
    serious_or_critical,
    voila_server,
    write_notebook,
)
from learner import (
    NOTEBOOKS_DIR,
    RIGHT_PREFIX,
    WRONG_PREFIXES,
    QuizModel,
    answer,
    expected,
    norm,
    press_retry,
    quizzes_in_notebook,
    right_selection,
    set_learner,
    tab_to,
    texts,
    wait_checked,
    wait_progress,
    wait_summary,
    write_answer,
)

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
SAMPLE_BANK = REPO_ROOT / "tests" / "fixtures" / "sample-bank.yaml"
AXE_DIR = REPO_ROOT / "test-artifacts" / "axe"


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def module_answers(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("voila-answers")


@pytest.fixture(scope="module")
def voila(module_answers):
    env = {"WR_ANSWERS_DIR": str(module_answers), "WR_REMEMBER_LEARNER": "0"}
    with voila_server(NOTEBOOKS_DIR, env=env) as server:
        yield server


# --------------------------------------------------------------------------- helpers


def assert_axe_clean(page, label: str) -> dict:
    """No serious or critical axe-core violation; every finding is kept for docs/accessibility.md
    in test-artifacts/axe/<label>.json and printed in the failure message."""
    results = run_axe(page)
    AXE_DIR.mkdir(parents=True, exist_ok=True)
    found = [
        {
            "id": v["id"],
            "impact": v.get("impact"),
            "help": v.get("help"),
            "targets": [n.get("target") for n in v.get("nodes", [])],
        }
        for v in results.get("violations", [])
    ]
    (AXE_DIR / f"{label}.json").write_text(json.dumps(found, indent=1), encoding="utf-8")
    bad = serious_or_critical(results)
    assert not bad, (
        f"axe-core ({label}): {len(bad)} serious/critical violation(s).\nAll violations:\n  "
        + "\n  ".join(all_violations(results))
    )
    return results


def wait_for_quizzes(page, quizzes: list[QuizModel], timeout_ms: int = 90_000) -> None:
    """Every quiz of the notebook is drawn: its questions, and for a whole quiz (not a
    mini-quiz) its header with one progress bar and its summary."""
    shapes = [[len(q.questions), not q.mini] for q in quizzes]
    page.wait_for_function(
        """(shapes) => {
            const quizzes = [...document.querySelectorAll('.wr-quiz')];
            return quizzes.length === shapes.length && quizzes.every((el, k) =>
                el.querySelectorAll('.wrq').length === shapes[k][0]
                && !!el.querySelector('.wrq-quiz-header [role=progressbar]') === shapes[k][1]
                && !!el.querySelector('.wrq-quiz-summary .wrq-summary') === shapes[k][1]);
        }""",
        arg=shapes,
        timeout=timeout_ms,
    )


def assert_one_header_per_page(page, quizzes: list[QuizModel]) -> None:
    """At most one quiz title, one progress bar and one final score on a page; a mini-quiz shows
    only its questions."""
    whole = sum(not q.mini for q in quizzes)
    assert whole <= 1, f"{whole} whole quizzes on one page: {[q.call for q in quizzes]}"
    for selector in (".wrq-quiz-title", "[role=progressbar]", ".wrq-summary"):
        assert page.locator(f"#rendered_cells {selector}").count() == whole, selector
    mini = page.locator(".wr-quiz-mini")
    assert mini.count() == sum(q.mini for q in quizzes)
    assert mini.locator(".wrq-quiz-header, .wrq-quiz-summary").count() == 0


def page_question_ids(quiz) -> list[tuple[str, str]]:
    return quiz.locator(".wrq").evaluate_all(
        "els => els.map(e => [e.dataset.quizId, e.dataset.questionId])"
    )


def file_stem(name: str) -> str:
    from widgets.quizzes.store import file_stem as stem

    return stem(name)


# --------------------------------------------------------------------------- every notebook


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_a_learner_answers_every_question(page, page_record, voila, module_answers, notebook):
    nn = notebook.name[:2]
    name = f"Test Learner {nn}"
    quizzes = quizzes_in_notebook(notebook)
    assert quizzes, f"{notebook.name} shows no quiz"

    open_voila(page, voila, notebook.name, widget_selector=".wrq")
    wait_for_quizzes(page, quizzes)
    assert_one_header_per_page(page, quizzes)
    assert_axe_clean(page, f"voila-{notebook.stem}-rendered")
    # Every image has alt text; charts come as <figure><img alt><figcaption>.
    no_alt = page.locator("#rendered_cells img").evaluate_all(
        "els => els.filter(e => !(e.getAttribute('alt') || '').trim())"
        ".map(e => e.outerHTML.slice(0, 120))"
    )
    assert not no_alt, f"images without alt text: {no_alt}"
    if "wr.charts." in notebook.read_text(encoding="utf-8"):
        figures = page.locator("#rendered_cells figure:has(> img[alt]):has(> figcaption)")
        assert figures.count() >= 1, "a chart is not shown as <figure><img alt><figcaption>"

    status = set_learner(page, name)
    saved_file = module_answers / f"{file_stem(name)}.json"
    assert status == f"Saving answers for {name}."  # never a server path

    answered_by_axe = False
    records: dict[tuple[str, str], dict] = {}
    for k, quiz_model in enumerate(quizzes):
        quiz = page.locator(".wr-quiz").nth(k)
        total = len(quiz_model.questions)
        assert page_question_ids(quiz) == [
            [quiz_model.quiz_id, q.id] for q in quiz_model.questions
        ], f"quiz {k + 1} ({quiz_model.call}) shows other questions than its call selects"
        whole = not quiz_model.mini
        if whole:
            wait_progress(quiz, 0, total, 0)
            assert quiz.locator(".wrq-summary").text_content() == ""

        for i, model in enumerate(quiz_model.questions):
            q = quiz.locator(".wrq").nth(i)
            q.scroll_into_view_if_needed()
            if model.type == "written":  # no right answer: written, saved as typed, marked later
                text = f"{name} writes about {model.id}.\nA second line <b>kept as text</b>."
                assert write_answer(q, text) == "yes", q.locator(".wrw-status").text_content()
                records[(quiz_model.quiz_id, model.id)] = {"written": text}
                continue
            attempts = 1
            view = not model.scored  # a poll: a view, neither right nor wrong
            if i == 0 and not view:
                # A wrong answer first: the explaining feedback, then Try again.
                want = answer(q, model, right=False)
                verdict, details = wait_checked(q)
                assert verdict.startswith(WRONG_PREFIXES), verdict
                assert verdict == want.verdict
                assert details == want.details
                for line in details:
                    why = line.split(" — ", 1)[1] if " — " in line else ""
                    assert why.strip(), f"no explaining feedback after the dash: {line!r}"
                assert q.get_attribute("data-status") in {"wrong", "partial"}
                if whole:
                    partly = int(0 < want.score < 1)
                    wait_progress(quiz, 1, total, 0, partly)
                if not answered_by_axe:
                    assert_axe_clean(page, f"voila-{notebook.stem}-answered")
                    answered_by_axe = True
                press_retry(q)
                assert q.locator(".wrq-feedback").text_content() == ""
                attempts = 2
            want = answer(q, model, right=True)
            verdict, details = wait_checked(q)
            assert verdict.startswith("✎" if view else RIGHT_PREFIX), f"{model.id}: {verdict}"
            assert verdict == want.verdict and details == want.details
            assert q.get_attribute("data-status") == ("view" if view else "correct")
            # Every question so far is right now (a wrong first try counts no more).
            if whole:
                wait_progress(quiz, i + 1, total, i + 1)
            records[(quiz_model.quiz_id, model.id)] = {
                "selected": want.selection,
                "answer": want.answer_text,
                "attempts": attempts,
                "multiple": model.type == "multiple",
                "view": view,
            }
        if whole:
            wait_summary(
                quiz,
                [
                    f"Final score: {total} of {total} right (100%).",
                    "✓ Nothing to review: every question is right.",
                ],
            )

    screenshot(page, f"voila-{notebook.stem}")
    if nn == "05":
        readme_screenshot(page)

    # The learner's file holds every answer: quiz id, question id, right, with its attempts.
    data = json.loads(saved_file.read_text(encoding="utf-8"))
    assert data["learner"] == name
    for (quiz_id, question_id), want in records.items():
        got = data["answers"].get(quiz_id, {}).get(question_id)
        assert got is not None, f"{quiz_id}/{question_id} missing from {saved_file}"
        if "written" in want:
            assert got["answer"] == want["written"] and got["answered"] is True, got
            continue
        assert got["correct"] is not want["view"] and got["score"] == (0 if want["view"] else 1), (
            got
        )
        selected = sorted(got["selected"]) if want["multiple"] else got["selected"]
        assert selected == want["selected"] and got["answer"] == want["answer"], got
        assert got["attempts"] == want["attempts"], got
        assert got["time"], got
    saved_ids = {(qz, qn) for qz, qs in data["answers"].items() for qn in qs}
    assert saved_ids == set(records)

    # A reload is a new kernel: this computer's learner first, then the same name brings it all back.
    open_voila(page, voila, notebook.name, widget_selector=".wrq")
    wait_for_quizzes(page, quizzes)
    assert page.locator(".wrq[data-state=checked]").count() == 0
    set_learner(page, name)
    for k, quiz_model in enumerate(quizzes):
        quiz = page.locator(".wr-quiz").nth(k)
        total = len(quiz_model.questions)
        if not quiz_model.mini:
            wait_progress(quiz, total, total, total)
        for i, model in enumerate(quiz_model.questions):
            q = quiz.locator(".wrq").nth(i)
            if model.type == "written":  # the saved text is back in the box, as text
                want_text = records[(quiz_model.quiz_id, model.id)]["written"]
                page.wait_for_function(
                    "([el, t]) => el.querySelector('textarea').value === t",
                    arg=[q.element_handle(), want_text],
                )
                continue
            verdict, details = wait_checked(q)
            want = expected(model, right_selection(model))
            assert verdict == want.verdict and details == want.details, model.id
            assert q.get_attribute("data-status") == ("correct" if model.scored else "view")
        if not quiz_model.mini:
            wait_summary(
                quiz,
                [
                    f"Final score: {total} of {total} right (100%).",
                    "✓ Nothing to review: every question is right.",
                ],
            )

    assert_only_local(page_record)
    assert not page_record.page_errors, page_record.page_errors


def readme_screenshot(page) -> None:
    """A tight picture of one answered question for the README (docs/images/quiz-voila.png)."""
    q = page.locator(".wrq[data-question-type=single]").first
    q.scroll_into_view_if_needed()
    assert q.get_attribute("data-status") == "correct"
    q.screenshot(path=str(readme_image("quiz-voila.png")))  # the question's own box: ~870 px wide


# --------------------------------------------------------------------------- keyboard only

SAMPLE_CELL = """\
from widgets.quizzes.bank import read_bank
from widgets.quizzes.quiz import quiz_from_bank

quiz_from_bank(read_bank(r"{path}"), "sample")
"""

ACTIVE_IN = (
    "([q, sel]) => !!document.activeElement && document.activeElement.matches(sel) "
    "&& q.contains(document.activeElement)"
)


@pytest.fixture(scope="module")
def sample_voila(tmp_path_factory):
    from widgets.quizzes.bank import read_bank

    folder = tmp_path_factory.mktemp("sample-notebook")
    write_notebook(
        folder / "sample.ipynb",
        [("markdown", "# Sample quiz"), ("code", SAMPLE_CELL.format(path=SAMPLE_BANK))],
    )
    answers = tmp_path_factory.mktemp("sample-answers")
    env = {"WR_ANSWERS_DIR": str(answers), "WR_REMEMBER_LEARNER": "0"}
    with voila_server(folder, env=env) as server:
        yield server, read_bank(SAMPLE_BANK)


def test_every_question_type_by_keyboard_alone(page, page_record, sample_voila):
    server, bank = sample_voila
    questions = list(bank.questions)
    assert {q.type for q in questions} == {
        "single",
        "multiple",
        "true_false",
        "matching",
        "ordering",
        "sorting",
    }
    open_voila(page, server, "sample.ipynb", widget_selector=".wrq")
    quiz = page.locator(".wr-quiz")
    wait_for_quizzes(page, [QuizModel("sample", questions)])
    assert_axe_clean(page, "voila-sample-rendered")

    # What a screen reader needs: each question is a named group, the feedback a live region.
    for model in questions:
        q = page.locator(f".wrq[data-question-id={model.id}]")
        assert q.get_by_role("group", name=model.prompt).count() == 1, model.id
        feedback = q.locator(".wrq-feedback")
        assert feedback.get_attribute("role") == "status"
        assert feedback.get_attribute("aria-live") == "polite"
        names = q.locator("input").evaluate_all("els => [...new Set(els.map(e => e.name))]")
        if model.type in ("single", "true_false", "multiple"):
            assert len(names) == 1 and names[0], f"{model.id}: options share no name: {names}"

    # From the top of the page, with the keyboard only (a mouse press anywhere would be noted).
    page.evaluate(
        "() => document.addEventListener('mousedown', () => { window.__mouse = true; }, true)"
    )
    page.locator("body").focus()
    for i, model in enumerate(questions):
        q = quiz.locator(".wrq").nth(i)
        if i == 0:
            want = answer(q, model, right=False, keyboard=True)
            verdict, details = wait_checked(q)
            assert verdict == want.verdict and verdict.startswith(WRONG_PREFIXES)
            assert details == want.details
            # Check moves focus to Try again, and Try again gives it back to the options.
            page.wait_for_function(ACTIVE_IN, arg=[q.element_handle(), "button.wrq-retry"])
            page.keyboard.press("Enter")
            page.wait_for_function(
                "el => el.dataset.state === 'open'", arg=q.element_handle(), timeout=30_000
            )
            page.wait_for_function(ACTIVE_IN, arg=[q.element_handle(), "input[type=radio]"])
        want = answer(q, model, right=True, keyboard=True)
        verdict, details = wait_checked(q)
        assert verdict.startswith(RIGHT_PREFIX), f"{model.type}: {verdict}"
        assert verdict == want.verdict and details == want.details
        page.wait_for_function(ACTIVE_IN, arg=[q.element_handle(), "button.wrq-retry"])
        assert q.locator(".wrq-feedback[aria-live=polite]").count() == 1
    wait_progress(quiz, len(questions), len(questions), len(questions))
    assert not page.evaluate("() => window.__mouse === true"), "a mouse button was pressed"
    assert_axe_clean(page, "voila-sample-answered")
    screenshot(page, "voila-sample-keyboard")
    assert_only_local(page_record)


def test_hint_toggle_by_keyboard(page, sample_voila):
    server, bank = sample_voila
    open_voila(page, server, "sample.ipynb", widget_selector=".wrq")
    q = page.locator(".wrq[data-question-id=single-gift]")
    toggle = q.locator("button.wrq-hint-toggle")
    hint = q.locator(".wrq-hint")
    assert hint.is_hidden() and toggle.get_attribute("aria-expanded") == "false"
    tab_to(page, toggle)
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert norm(hint.text_content()) == norm(f"Hint: {bank.get('single-gift').hint}")
    assert hint.is_visible()
    assert texts(q.locator("label.wrq-option"))  # options still there
