"""A class in the browser: three learners answer in Voilà, and the tutor's class view (Voilà, on
127.0.0.1) shows their answers within one refresh; names only when the tutor asks; a poll's
spread reaches learners only when the tutor shares it.

The learners' page is a small notebook with the name box, one poll and one question with a right
answer, both taken from the real banks; the class view is the real `tutors/class-view.ipynb`.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

import pytest
from browser_support import (
    REPO_ROOT,
    assert_only_local,
    open_voila,
    run_axe,
    screenshot,
    serious_or_critical,
    voila_server,
    write_notebook,
)
from learner import choose, norm, press_check, set_learner, texts, wait_checked

from widgets.quizzes.bank import load_bank
from widgets.quizzes.store import AnswerStore

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from classhelpers import record  # noqa: E402

CLASS_VIEW = REPO_ROOT / "tutors" / "class-view.ipynb"
REFRESH_S = 2
LEARNERS = ["Amira Test", "Bartek Test", "Chloe Test"]
POLLS = load_bank("polls")
BANK_ID = "boundaries"
BANK = load_bank(BANK_ID)
POLL = POLLS.questions[0]
# A question with one right answer and at least one wrong option, from the bank itself.
QUESTION = next(q for q in BANK.questions if q.type == "single")
RIGHT = next(i for i, o in enumerate(QUESTION.options) if o.correct)
WRONG = next(i for i, o in enumerate(QUESTION.options) if not o.correct)


@pytest.fixture(scope="module")
def classroom(tmp_path_factory):
    """A learners' Voilà and the tutor's Voilà over one answers folder."""
    answers = tmp_path_factory.mktemp("class-answers")
    site = tmp_path_factory.mktemp("class-site")
    write_notebook(
        site / "lesson.ipynb",
        [
            ("markdown", "# A lesson"),
            ("code", "import widgets as wr\n\nwr.start()"),
            ("code", f'wr.quiz("polls", ids=["{POLL.id}"])'),
            ("code", f'wr.quiz("{BANK_ID}", ids=["{QUESTION.id}"])'),
        ],
    )
    env = {"WR_ANSWERS_DIR": str(answers), "WR_REMEMBER_LEARNER": "0"}
    # The learners' server is a class server: each learner claims a name (with a PIN where the
    # collection asks for one; `set_learner` types it).
    learners_env = {**env, "WR_CLASS_SERVER": "1"}
    tutor_env = {**env, "WR_CLASS_VIEW_REFRESH": str(REFRESH_S)}
    with (
        voila_server(site, env=learners_env) as learners,
        voila_server(CLASS_VIEW, env=tutor_env) as tutor,
    ):
        yield learners, tutor, answers


def refreshed(tutor_page) -> int:
    return int(tutor_page.locator(".wrc-controls").get_attribute("data-refreshed"))


def saved_by(folder: Path, learner: str, quiz: str, question: str) -> bool:
    """Is this learner's answer in a file in the folder (whatever the file is called)?"""
    for path in folder.rglob("*.json"):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("learner") == learner and question in data["answers"].get(quiz, {}):
                return True
        except (OSError, ValueError, KeyError, AttributeError, TypeError):
            continue
    return False


def wait_saved(folder: Path, learner: str, quiz: str, question: str, timeout_s: float = 60) -> None:
    """Wait until the learner's answer is on disk (what the class view reads)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if saved_by(folder, learner, quiz, question):
            return
        time.sleep(0.05)  # polling files another process writes; nothing to wait on instead
    raise AssertionError(f"{learner}'s answer to {quiz}/{question} never reached {folder}")


def card(tutor_page, question_id: str):
    return tutor_page.locator(f".wrc-card[data-question-id='{question_id}']")


def wait_card_answered(tutor_page, question_id: str, n: int) -> int:
    """Wait until the card shows n answers; return the refresh count the page had then."""
    handle = tutor_page.wait_for_function(
        """([id, n]) => {
            const c = document.querySelector(`.wrc-card[data-question-id='${id}']`);
            const ctl = document.querySelector('.wrc-controls');
            return c && c.dataset.answered === String(n) ? Number(ctl.dataset.refreshed) : null;
        }""",
        arg=[question_id, n],
        timeout=60_000,
    )
    return handle.json_value()


def test_three_learners_answer_and_the_class_view_shows_them_within_one_refresh(browser, classroom):
    learners_srv, tutor_srv, answers = classroom
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(4)]
    requests: list[str] = []
    try:
        pages = [c.new_page() for c in contexts]
        for p in pages:
            p.on("request", lambda r: requests.append(r.url))
        tutor, learner_pages = pages[0], pages[1:]
        open_voila(tutor, tutor_srv, widget_selector=".wrc-controls")
        tutor.get_by_label("Quiz").select_option(BANK_ID)
        card(tutor, QUESTION.id).wait_for()
        assert card(tutor, QUESTION.id).get_attribute("data-answered") == "0"
        axe = run_axe(tutor)
        assert not serious_or_critical(axe), serious_or_critical(axe)

        for page, name in zip(learner_pages, LEARNERS, strict=True):
            open_voila(page, learners_srv, "lesson.ipynb", widget_selector=".wrq")
            set_learner(page, name)
        # Each learner gives a view in the poll, then answers the question: one right, two wrong.
        for k, page in enumerate(learner_pages):
            poll = page.locator(f".wrq[data-question-id='{POLL.id}']")
            choose(poll, POLL, [k % len(POLL.options)])
            press_check(poll)
            verdict, _ = wait_checked(poll)
            assert verdict.startswith("✎") and "no right or wrong answer" in verdict
            assert poll.get_attribute("data-status") == "view"
            q = page.locator(f".wrq[data-question-id='{QUESTION.id}']")
            choose(q, QUESTION, [RIGHT if k == 0 else WRONG])
            press_check(q)
            wait_checked(q)
        for name in LEARNERS:
            wait_saved(answers, name, BANK_ID, QUESTION.id)
        at_last_save = refreshed(tutor)

        # Within one refresh: the refresh in flight when the last answer was saved may have read
        # the folder just before it, so the next one must show it.
        shown_at = wait_card_answered(tutor, QUESTION.id, len(LEARNERS))
        assert shown_at <= at_last_save + 2, (at_last_save, shown_at)
        c = card(tutor, QUESTION.id)
        assert norm(c.locator(".wrc-stats").text_content()) == (
            f"{len(LEARNERS)} answered: 1 right (33%), {len(LEARNERS) - 1} not right."
        )
        wrong_text = QUESTION.options[WRONG].text
        assert norm(c.locator(".wrc-wrong-answer").text_content()) == norm(f"✗ {wrong_text}")
        assert norm(QUESTION.options[WRONG].feedback) in texts(c.locator(".wrc-feedback li"))
        img = c.locator("figure img")
        assert str(len(LEARNERS)) in (img.get_attribute("alt") or "")
        assert tutor.locator(".wrc-started").text_content() == f"{len(LEARNERS)} started"
        assert tutor.locator(".wrc-finished").text_content() == f"{len(LEARNERS)} finished"
        # Projector-safe: no name anywhere on the page until the tutor switches names on.
        body = tutor.locator("body").text_content()
        assert not [n for n in LEARNERS if n in body]
        c.locator("summary", has_text="The numbers as a table").click()
        rows = texts(c.locator("table tbody th"))
        assert rows == [norm(o.text) for o in QUESTION.options]
        tutor.get_by_role("switch", name="Show learners' names").check()
        who = c.locator(".wrc-who")
        who.wait_for()
        assert set(norm(who.text_content()).removeprefix("Given by: ").split(", ")) == set(
            LEARNERS[1:]
        )
        assert c.locator("details.wrc-table").get_attribute("open") is not None
        screenshot(tutor, "class-view-names")
        tutor.get_by_role("switch", name="Show learners' names").uncheck()
        who.wait_for(state="detached")

        # A poll: the tutor shares it, and a learner sees the class's counts (no names).
        tutor.get_by_label("Quiz").select_option("polls")
        wait_card_answered(tutor, POLL.id, len(LEARNERS))
        pc = card(tutor, POLL.id)
        assert "no right or wrong answer" in pc.locator(".wrc-stats").text_content()
        learner = learner_pages[0]
        poll = learner.locator(f".wrq[data-question-id='{POLL.id}']")
        poll.get_by_role("button", name="Show how the class answered").click()
        spread = poll.locator(".wrq-poll-spread")
        learner.wait_for_function(
            "el => el.textContent.includes('asked at')", arg=spread.element_handle()
        )
        assert "not shared" in spread.text_content()
        pc.get_by_role("switch", name="Let learners see how the class answered").check()
        pc.locator(".wrc-share-note", has_text="Shared").wait_for()
        poll.get_by_role("button", name="Show how the class answered").click()
        spread.locator("li").first.wait_for()
        want = [
            f"{norm(o.text)}: {n} ({round(100 * n / len(LEARNERS))}%)"
            for i, o in enumerate(POLL.options)
            for n in [sum(k % len(POLL.options) == i for k in range(len(LEARNERS)))]
        ]
        assert texts(spread.locator("li")) == want
        assert not [n for n in LEARNERS if n in spread.text_content()]
        assert not serious_or_critical(run_axe(learner)), serious_or_critical(run_axe(learner))
        screenshot(tutor, "class-view-poll")
        axe = run_axe(tutor)
        assert not serious_or_critical(axe), serious_or_critical(axe)
        # 320 px wide (a phone, or 400% zoom): every part of the class view fits the width.
        tutor.set_viewport_size({"width": 320, "height": 800})
        tutor.wait_for_function("() => window.innerWidth === 320")
        too_wide = tutor.evaluate(
            """() => [...document.querySelectorAll('.wrc, .wrc img')]
                .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
                .map(el => el.className || el.tagName)"""
        )
        assert not too_wide, f"wider than 320 px: {too_wide}"
        screenshot(tutor, "class-view-320")
    finally:
        for c in contexts:
            c.close()
    assert_only_local(requests)


def test_the_class_view_command_serves_this_computer_only(tmp_path):
    """`python -m widgets class-view` listens on 127.0.0.1 and on no other address."""
    import socket

    from browser_support import _run_server, free_port

    others = {a for a in local_addresses() if not a.startswith("127.")}
    if not others:
        pytest.skip("this machine has no address but loopback to try")
    port = free_port()
    cmd = [sys.executable, "-m", "widgets", "class-view", str(tmp_path), "--no-browser"]
    cmd += ["--port", str(port)]
    ready = "/voila/static/voila.js"
    with _run_server("voila", cmd, CLASS_VIEW, tmp_path, port, {}, ready, 60) as server:
        assert server.fetch(ready, timeout=30)  # it answers on 127.0.0.1
        for address in others:
            with socket.socket() as s:
                s.settimeout(5)
                assert s.connect_ex((address, port)) != 0, f"reachable on {address}:{port}"


def local_addresses() -> set[str]:
    """This machine's own IPv4 addresses (Linux: the kernel's table of local addresses)."""
    found: set[str] = set()
    try:
        lines = Path("/proc/net/fib_trie").read_text().splitlines()
    except OSError:
        return found
    for before, line in zip(lines, lines[1:], strict=False):
        if "/32 host LOCAL" in line:
            found.add(before.split()[-1])
    return found


def test_the_class_view_refreshes_itself_in_jupyterlab(page, page_record, lab_server, tmp_path):
    """Run in JupyterLab, the same page reads a new answer without anyone touching it."""
    from browser_support import lab_find, lab_run_all, open_lab_notebook

    root = tmp_path / "tutors"
    root.mkdir()
    shutil.copy(CLASS_VIEW, root / CLASS_VIEW.name)  # Lab autosaves outputs: never the real file
    answers = tmp_path / "answers"
    q = QUESTION
    env = {"WR_ANSWERS_DIR": str(answers), "WR_CLASS_VIEW_REFRESH": str(REFRESH_S)}
    with lab_server(root, env=env) as server:
        open_lab_notebook(page, server, CLASS_VIEW.name)
        lab_run_all(page)
        lab_find(page, ".wrc-controls")
        page.get_by_label("Quiz").select_option(BANK_ID)
        lab_find(page, f".wrc-card[data-question-id='{q.id}']")
        assert card(page, q.id).get_attribute("data-answered") == "0"
        start = refreshed(page)
        AnswerStore("Dana Lab", answers).save(BANK_ID, q.id, record(q, [WRONG]))
        # Nothing is pressed: the page's own timer asks the kernel to read the folder again.
        wait_card_answered(page, q.id, 1)
        page.wait_for_function(
            "n => Number(document.querySelector('.wrc-controls').dataset.refreshed) > n", arg=start
        )
        assert norm(card(page, q.id).locator(".wrc-wrong-answer").text_content()) == norm(
            f"✗ {QUESTION.options[WRONG].text}"
        )
    assert_only_local(page_record)
    assert not page_record.page_errors, page_record.page_errors
