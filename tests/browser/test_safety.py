"""Safety in the learner's page: a bank full of HTML and JavaScript shows as text and runs nothing,
and the answer key stays in the kernel until the learner checks.

The payload bank (tests/fixtures/payload-bank.yaml) is rendered by a temp notebook in Voilà.
Every payload calls alert(): an init script marks `window.__pwned` when alert, confirm or prompt
is called (and still lets the dialog open, so the page fixture records it and fails the test).
"""

from __future__ import annotations

import html

import pytest
from browser_support import (
    REPO_ROOT,
    assert_only_local,
    open_voila,
    voila_server,
    write_notebook,
)
from learner import (
    RIGHT_PREFIX,
    WRONG_PREFIXES,
    answer,
    norm,
    set_learner,
    texts,
    wait_checked,
)

PAYLOAD_BANK = REPO_ROOT / "tests" / "fixtures" / "payload-bank.yaml"
PAYLOAD_CELL = """\
from widgets.quizzes.bank import read_bank
from widgets.quizzes.quiz import quiz_from_bank

quiz_from_bank(read_bank(r"{path}"), "payload")
"""
MARK_DIALOGS = """
for (const name of ['alert', 'confirm', 'prompt']) {
    const original = window[name];
    window[name] = function (...args) { window.__pwned = name; return original.apply(this, args); };
}
"""
INJECTED = (
    ".wr-quiz img, .wr-quiz script, .wr-quiz iframe, .wr-quiz svg, .wr-quiz a, .wr-quiz b, "
    ".wrq-learner img, .wrq-learner script"
)
PROMPT = "<img src=x onerror=alert(1)> Which <b>option</b>?"
NAME = "<img src=x onerror=alert('name')>"


@pytest.fixture(scope="module")
def payload_voila(tmp_path_factory):
    from widgets.quizzes.bank import read_bank

    folder = tmp_path_factory.mktemp("payload-notebook")
    write_notebook(
        folder / "payload.ipynb",
        [
            ("code", "import widgets as wr\nwr.start()"),
            ("code", PAYLOAD_CELL.format(path=PAYLOAD_BANK)),
        ],
    )
    answers = tmp_path_factory.mktemp("payload-answers")
    env = {"WR_ANSWERS_DIR": str(answers), "WR_REMEMBER_LEARNER": "0"}
    with voila_server(folder, env=env) as server:
        yield server, read_bank(PAYLOAD_BANK)


def assert_nothing_ran(page, page_record) -> None:
    assert page.evaluate("() => window.__pwned") is None, "a payload called a dialog function"
    assert page_record.dialogs == []
    injected = page.locator(INJECTED).count()
    assert injected == 0, f"{injected} element(s) from payloads inside the widgets"


def test_payload_bank_shows_as_text_and_runs_nothing(page, page_record, payload_voila):
    server, bank = payload_voila
    single, sorting = bank.questions
    page.add_init_script(MARK_DIALOGS)
    open_voila(page, server, "payload.ipynb", widget_selector=".wrq")
    page.wait_for_function("() => document.querySelectorAll('.wrq').length === 2")

    # Before any Check the page holds no feedback and no answer key.
    content = page.content()
    feedbacks = [o.feedback for o in single.options] + [
        i.feedback for i in sorting.items if len(i.feedback) > 4
    ]
    for text in feedbacks:
        assert text not in content and html.escape(text, quote=False) not in content, text
    for flag in ('"correct"', "correct:", '"category"', "category:", '"answer"'):
        assert flag not in content, f"{flag} found in the page before any Check"
    assert_nothing_ran(page, page_record)

    # Every text shows literally: prompt, title, description, options, hint, categories.
    prompt = page.locator(".wrq[data-question-id=payload-single] legend.wrq-prompt")
    assert prompt.text_content() == PROMPT
    assert page.get_by_text(PROMPT, exact=True).is_visible()
    assert page.locator(".wrq-quiz-title").text_content() == bank.title
    assert page.locator(".wrq-quiz-description").text_content() == bank.description
    q1 = page.locator(".wrq[data-question-id=payload-single]")
    assert sorted(texts(q1.locator("label.wrq-option"))) == sorted(
        norm(o.text) for o in single.options
    )
    q1.locator("button.wrq-hint-toggle").click()
    assert q1.locator(".wrq-hint").text_content() == f"Hint: {single.hint}"
    q2 = page.locator(".wrq[data-question-id=payload-sorting]")
    assert q2.locator("legend").text_content() == sorting.prompt
    for select_options in q2.locator("select").all():
        assert texts(select_options.locator("option"))[1:] == [c.label for c in sorting.categories]

    # A payload as the learner's name is shown as text too.
    status = set_learner(page, NAME)
    assert status == f"Saving answers for {NAME}."

    # After Check the feedback shows the payloads literally.
    want = answer(q1, single, right=True)
    verdict, details = wait_checked(q1)
    assert verdict.startswith(RIGHT_PREFIX) and details == want.details
    assert "<img src=x onerror=alert('feedback')>" in details[0]
    assert q1.locator("ul.wrq-details li strong").text_content() == single.options[0].text
    want = answer(q2, sorting, right=False)
    verdict, details = wait_checked(q2)
    assert verdict.startswith(WRONG_PREFIXES) and details == want.details
    assert any("<script>alert(7)</script>" in line for line in details), details
    assert page.get_by_text("<script>alert(7)</script>").first.is_visible()

    # Hover and focus every control: an onmouseover payload would fire now if it were markup.
    for control in page.locator(".wrq label, .wrq option, .wrq legend, .wrq li").all()[:40]:
        if control.is_visible():
            control.hover()
    assert_nothing_ran(page, page_record)
    assert_only_local(page_record)
