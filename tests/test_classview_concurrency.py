"""Thirty learners save at once while the class view refreshes; a refresh after they finish shows
every answer, and no refresh along the way ever saw a half-written file or lost an answer."""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

from classhelpers import record, right, send, wrong

from widgets.classview.page import ClassView
from widgets.quizzes.bank import load_bank
from widgets.quizzes.store import AnswerStore

LEARNERS = 30
QUIZ = "boundaries"


def _pick(q, n: int, k: int) -> list[int]:
    return right(q) if (n + k) % 2 else wrong(q, n)


def _learner(folder: str, n: int, go, halfway, go_on) -> None:
    """One learner's kernel: answers every question of the quiz, saving after each; stops
    halfway until the test has looked at the class."""
    bank = load_bank(QUIZ)
    store = AnswerStore(f"Learner {n:02d}", folder)
    half = len(bank.questions) // 2
    go.wait()
    for k, q in enumerate(bank.questions):
        if k == half:
            halfway.release()
            go_on.wait()
        store.save(QUIZ, q.id, record(q, _pick(q, n, k)))


def test_thirty_learners_saving_while_the_view_refreshes(tmp_path: Path) -> None:
    bank = load_bank(QUIZ)
    view = ClassView(tmp_path, quiz=QUIZ)
    ctx = mp.get_context("fork")
    go, go_on, halfway = ctx.Event(), ctx.Event(), ctx.Semaphore(0)
    writers = [
        ctx.Process(target=_learner, args=(str(tmp_path), n, go, halfway, go_on))
        for n in range(LEARNERS)
    ]
    for w in writers:
        w.start()
    seen = 0

    def refresh() -> None:
        nonlocal seen
        send(view.controls, event="refresh", now=True)
        state = view.state
        assert not state.snapshot.problems, state.snapshot.problems
        total = sum(q.answered for q in state.summary.questions)
        assert total >= seen, "a refresh lost answers that an earlier one had shown"
        seen = total

    go.set()
    for _ in range(LEARNERS):  # refresh while the first half is being saved
        while not halfway.acquire(block=False):
            refresh()
    refresh()  # everyone is halfway: exactly the first half of every learner's answers
    half = len(bank.questions) // 2
    assert seen == LEARNERS * half
    s = view.state.summary
    assert len(s.started) == LEARNERS and s.in_play == half and len(s.finished) == LEARNERS
    go_on.set()
    refresh()
    while any(w.is_alive() for w in writers):  # and while the second half is being saved
        refresh()
    for w in writers:
        w.join(timeout=120)
        assert w.exitcode == 0
    send(view.controls, event="refresh", now=True)
    s = view.state.summary
    assert len(s.started) == LEARNERS and len(s.finished) == LEARNERS
    for q in s.questions:
        model = bank.get(q.id)
        k = bank.questions.index(model)
        expected_right = sum(model.grade(_pick(model, n, k)).correct for n in range(LEARNERS))
        assert q.answered == LEARNERS and q.correct == expected_right, q.id
    data = {c.data["id"]: c.data["answered"] for c in view.questions_panel.children}
    assert data == {q.id: LEARNERS for q in bank.questions}
    assert view.summary_panel.data["finished"] == LEARNERS
