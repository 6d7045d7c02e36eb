"""A learner's work is theirs, in a real browser on a real Voilà server.

- Two learners on a class server started by scripts/classroom.sh (token, preheated kernels):
  learner B cannot read or change learner A's answers, not even by typing A's name in other
  capitals with a wrong PIN.
- A save that fails is shown beside the feedback and read out in the same live region, and the
  next action saves it.
"""

from __future__ import annotations

import contextlib
import csv
import io
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import (
    REPO_ROOT,
    Server,
    _run_server,
    assert_only_local,
    free_port,
    open_voila,
    run_axe,
    screenshot,
    serious_or_critical,
    voila_server,
    wait_for_voila,
    write_notebook,
)
from faults import lock_held_elsewhere
from learner import (
    RIGHT_PREFIX,
    WRONG_PREFIXES,
    answer,
    norm,
    press_retry,
    set_learner,
    wait_checked,
)

from widgets.quizzes.bank import read_bank
from widgets.quizzes.identity import Identity, file_stem

SAMPLE_BANK = REPO_ROOT / "tests" / "fixtures" / "sample-bank.yaml"
BANK = read_bank(SAMPLE_BANK)
TOKEN = "privacy-test-token-5Rk2"
NOT_CLAIMED = "⚠ Not saved yet: type your name to keep your answers."
WRONG_PIN = "That PIN does not match the one chosen for this name"
CELLS = [
    ("markdown", "# Saving answers"),
    ("code", "import widgets as wr\nwr.start()"),
    (
        "code",
        "from widgets.quizzes.bank import read_bank\n"
        "from widgets.quizzes.quiz import quiz_from_bank\n"
        f"quiz_from_bank(read_bank(r'{SAMPLE_BANK}'), 'sample')",
    ),
]


def question(page, qid: str):
    return page.locator(f".wrq[data-question-id={qid}]")


def status_line(page):
    return page.locator("form.wrq-learner .wrq-learner-status")


def wait_status(page, starts: str, timeout_ms: int = 30_000) -> str:
    page.wait_for_function(
        "([el, s]) => el.textContent.startsWith(s)",
        arg=[status_line(page).element_handle(), starts],
        timeout=timeout_ms,
    )
    return norm(status_line(page).text_content())


def checked_ids(page) -> list[str]:
    return page.locator(".wrq[data-state=checked]").evaluate_all(
        "els => els.map(e => e.dataset.questionId)"
    )


@contextlib.contextmanager
def class_server(notebook: Path, answers: Path) -> Iterator[Server]:
    """scripts/classroom.sh on the 'network' (here 127.0.0.1) with a token, two kernels preheated."""
    port = free_port()
    env = {
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "CLASS_TOKEN": TOKEN,
        "CLASS_SIZE": "2",
        "SPARE": "1",
        "FILL_DELAY": "20",  # the pages here outnumber the pool: refill soon after each is taken
        "WR_ANSWERS_DIR": str(answers),
    }
    cmd = ["bash", str(REPO_ROOT / "scripts" / "classroom.sh"), "--network", str(notebook)]
    with tempfile.TemporaryDirectory(prefix="wr-class-") as tmp:
        with _run_server(
            "voila", cmd, notebook, Path(tmp), port, env, "/voila/static/voila.js", 120
        ) as server:
            yield server


def open_class_page(page, server: Server) -> None:
    page.goto(server.url(f"/?token={TOKEN}"), wait_until="commit", timeout=120_000)
    wait_for_voila(page, widget_selector=".wrq")
    page.wait_for_function("() => document.querySelectorAll('.wrq').length === 6")
    page.locator("form.wrq-learner").wait_for()


@pytest.fixture(scope="module")
def class_notebook(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("class-notebook")
    return write_notebook(folder / "saving.ipynb", CELLS)


def test_learner_b_cannot_read_or_change_learner_as_answers(
    browser, page_record, class_notebook, tmp_path
) -> None:
    answers = tmp_path / "answers"
    ada = answers / f"{file_stem('Ada Lovelace')}.json"
    with class_server(class_notebook, answers) as server:
        a_context = browser.new_context(locale="en-GB")
        b_context = browser.new_context(locale="en-GB")
        try:
            a = a_context.new_page()
            page_record.attach(a)
            open_class_page(a, server)
            # A preheated kernel knows nobody: nothing is shown, and nothing saved, until a claim.
            assert checked_ids(a) == []
            assert not serious_or_critical(run_axe(a)), "the name and PIN box fails axe-core"
            pin_box = a.get_by_label("PIN", exact=True)
            assert pin_box.get_attribute("type") == "password"
            assert pin_box.get_attribute("inputmode") == "numeric"
            assert wait_status(a, NOT_CLAIMED[2:])
            q = question(a, "single-gift")
            answer(q, BANK.get("single-gift"), right=True)
            verdict, _ = wait_checked(q)
            assert verdict.startswith(RIGHT_PREFIX)
            assert norm(q.locator(".wrq-save-warning").text_content()) == NOT_CLAIMED
            assert not answers.exists() or not any(answers.glob("*.json"))

            assert "Your PIN is set" in set_learner(a, "Ada Lovelace", "4821")
            q = question(a, "tf-volunteers")
            answer(q, BANK.get("tf-volunteers"), right=False)
            verdict, _ = wait_checked(q)
            assert verdict.startswith(WRONG_PREFIXES)
            assert q.locator(".wrq-save-warning").count() == 0
            ada_bytes = ada.read_bytes()
            assert b'"single-gift"' in ada_bytes and b'"tf-volunteers"' in ada_bytes

            # Learner B, another browser, another kernel: A's name in capitals, a wrong PIN.
            b = b_context.new_page()
            page_record.attach(b)
            open_class_page(b, server)
            assert checked_ids(b) == []
            for typed in ("ADA LOVELACE", "ada  lovelace", "Ada Lovelace"):
                assert set_learner(b, typed, "1111", refused=True).startswith(f"⚠ {WRONG_PIN}")
                assert checked_ids(b) == [], "a wrong PIN showed another learner's answers"
            assert "Lovelace" not in b.locator(".wr-quiz").text_content()
            # B's own answer is not saved into A's file, and B's download holds only B's page.
            q = question(b, "single-gift")
            answer(q, BANK.get("single-gift"), right=False)
            wait_checked(q)
            assert norm(q.locator(".wrq-save-warning").text_content()) == NOT_CLAIMED
            with b.expect_download() as download_info:
                b.get_by_role("button", name="Download my answers (CSV)").click()
            text = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
            rows = list(csv.DictReader(io.StringIO(text, newline="")))
            assert [(r["learner"], r["question_id"]) for r in rows] == [("", "single-gift")]
            assert ada.read_bytes() == ada_bytes, "B changed A's file"

            set_learner(b, "Ben Okoro", "2468")
            ben = answers / f"{file_stem('Ben Okoro')}.json"
            assert b'"single-gift"' in ben.read_bytes()
            assert ada.read_bytes() == ada_bytes
            screenshot(b, "voila-class-two-learners")

            # A comes back in a new page (a new kernel) and the right PIN brings it all back.
            open_class_page(a, server)
            assert checked_ids(a) == []
            assert "Welcome back" in set_learner(a, "ada lovelace", "4821")
            a.wait_for_function(
                "() => document.querySelectorAll('.wrq[data-state=checked]').length === 2"
            )
            assert sorted(checked_ids(a)) == ["single-gift", "tf-volunteers"]
            assert ada.read_bytes() == ada_bytes
        finally:
            a_context.close()
            b_context.close()
    assert_only_local(page_record)
    assert not page_record.page_errors, page_record.page_errors


# --------------------------------------------------------------------------- a failed save

LIVE_LOG = """([region]) => {
    window.__live = [];
    new MutationObserver(() => window.__live.push(region.textContent))
        .observe(region, {childList: true, subtree: true, characterData: true});
}"""


@pytest.fixture(scope="module")
def own_computer(tmp_path_factory):
    folder = tmp_path_factory.mktemp("own-notebook")
    write_notebook(folder / "saving.ipynb", CELLS)
    answers = tmp_path_factory.mktemp("own-answers")
    env = {"WR_ANSWERS_DIR": str(answers), "WR_REMEMBER_LEARNER": "0", "WR_LOCK_TIMEOUT": "1"}
    with voila_server(folder, env=env) as server:
        yield server, answers


def test_a_failed_save_is_shown_and_announced_and_the_next_action_saves_it(
    page, page_record, own_computer
) -> None:
    server, answers = own_computer
    open_voila(page, server, "saving.ipynb", widget_selector=".wrq")
    wait_status(page, "Saving answers for this computer's learner.")
    saved = answers / f"{Identity.this_computer().stem}.json"
    q = question(page, "single-gift")
    live = q.locator(".wrq-feedback")
    assert live.get_attribute("role") == "status" and live.get_attribute("aria-live") == "polite"
    live.evaluate("el => (" + LIVE_LOG + ")([el])")

    with lock_held_elsewhere(saved):  # another program holds this learner's file
        answer(q, BANK.get("single-gift"), right=True)
        verdict, _ = wait_checked(q)
        assert verdict.startswith(RIGHT_PREFIX)
        warning = norm(q.locator(".wrq-save-warning").text_content())
        assert warning == (
            "⚠ Your answer is shown but was NOT saved: your answers file was busy in another "
            "window or program for too long. It will be tried again."
        )
        assert q.get_attribute("data-saved") == "no"
        # Inside the live region, with the verdict: read out together, never "✓ Correct" alone.
        assert live.locator(".wrq-save-warning").count() == 1
        heard = [norm(t) for t in page.evaluate("() => window.__live") if norm(t)]
        assert heard and all(warning in t for t in heard), heard
        assert warning in norm(live.aria_snapshot())
        screenshot(page, "voila-save-failed")
        assert not saved.exists() or b"single-gift" not in saved.read_bytes()

    # The lock is free again: the next action saves this answer and the one that failed.
    q2 = question(page, "tf-volunteers")
    answer(q2, BANK.get("tf-volunteers"), right=True)
    wait_checked(q2)
    assert q2.locator(".wrq-save-warning").count() == 0
    assert q2.get_attribute("data-saved") == "yes"
    data = saved.read_bytes()
    assert b'"single-gift"' in data and b'"tf-volunteers"' in data
    press_retry(q)
    answer(q, BANK.get("single-gift"), right=True)
    wait_checked(q)
    assert q.locator(".wrq-save-warning").count() == 0
    assert_only_local(page_record)
    assert not page_record.page_errors, page_record.page_errors
