"""The tutor's page, driven as the page drives it (messages and trait changes): it refreshes,
sends only what changed, hides names until asked, shares polls with learners only on request."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import ipywidgets as ipw
import pytest
import traitlets as t
from classhelpers import answer_in_quiz, right, save_answers, send, wrong

from widgets.classview.page import ClassView
from widgets.quizzes.bank import load_bank
from widgets.quizzes.poll import PollQuestion
from widgets.quizzes.poll_results import FILE_NAME, MIN_ANSWERS, class_spread

REPO = Path(__file__).resolve().parents[1]
BOUNDARIES = load_bank("boundaries")
POLLS = load_bank("polls")


def press(view: ClassView, **message) -> None:
    """What the page sends: "refresh" (its timer or Refresh now) or "folder"."""
    send(view.controls, **message)


def every_state(view: ClassView) -> str:
    """Everything the page has been given, as the JSON the widgets would send."""
    widgets = [view.controls, view.summary_panel, *view.questions_panel.children]
    return json.dumps([w.get_state() for w in widgets], default=str, ensure_ascii=False)


def cards(view: ClassView) -> dict[str, dict]:
    return {c.data["id"]: c.data for c in view.questions_panel.children}


def test_the_page_shows_the_class_and_follows_new_answers(tmp_path: Path) -> None:
    q0, q1 = BOUNDARIES.questions[:2]
    answer_in_quiz(tmp_path, "Ann", "boundaries", {q0.id: right(q0)}, BOUNDARIES)
    view = ClassView(tmp_path, interval=5)
    assert view.controls.quiz == "boundaries" and view.controls.folder == str(tmp_path)
    assert [c.data["id"] for c in view.questions_panel.children] != []
    assert cards(view)[q0.id]["answered"] == 1 and cards(view)[q0.id]["correct"] == 1
    assert view.summary_panel.data["started"] == 1
    assert view.summary_panel.data["questions"] == len(BOUNDARIES.questions)
    before = view.controls.refreshed
    answer_in_quiz(tmp_path, "Bob", "boundaries", {q0.id: wrong(q0), q1.id: wrong(q1)}, BOUNDARIES)
    press(view, event="refresh", now=True)
    assert view.controls.refreshed == before + 1
    assert cards(view)[q0.id]["answered"] == 2 and cards(view)[q0.id]["wrong"] == 1
    assert cards(view)[q1.id]["common_wrong"]["answer"] == q1.describe(wrong(q1))
    assert view.summary_panel.data["started"] == 2
    order = [c.data["id"] for c in view.questions_panel.children]
    assert order[:2] == sorted([q0.id, q1.id], key=[q.id for q in BOUNDARIES.questions].index)
    view.controls.order_by_wrong = False
    assert [c.data["id"] for c in view.questions_panel.children] == [
        q.id for q in BOUNDARIES.questions
    ]


def test_a_refresh_with_nothing_new_sends_nothing_but_the_status(tmp_path: Path) -> None:
    q0 = BOUNDARIES.questions[0]
    answer_in_quiz(tmp_path, "Ann", "boundaries", {q0.id: right(q0)}, BOUNDARIES)
    view = ClassView(tmp_path, interval=5)
    changes: list[str] = []
    for w in [view.summary_panel, view.questions_panel, *view.questions_panel.children]:
        w.observe(lambda c: changes.append(c["name"]), names=t.All)
    press(view, event="refresh", now=True)
    assert changes == []
    answer_in_quiz(tmp_path, "Bob", "boundaries", {q0.id: wrong(q0)}, BOUNDARIES)
    press(view, event="refresh", now=True)
    assert "chart" in changes and "data" in changes
    changed_cards = [c for c in view.questions_panel.children if c.data["answered"]]
    assert len(changed_cards) == 1  # only the card whose numbers moved


def test_timer_requests_close_together_are_answered_without_reading_again(tmp_path: Path) -> None:
    view = ClassView(tmp_path, interval=60)
    state = view.state
    q0 = BOUNDARIES.questions[0]
    save_answers(tmp_path, "Cal", "boundaries", [(q0, right(q0))])
    n = view.controls.refreshed
    sent: list[dict] = []
    view.controls.send = lambda content, buffers=None: sent.append(content)  # what the page gets
    press(view, event="refresh")  # a second open view's timer, straight after the first
    assert view.controls.refreshed == n and view.state is state
    assert sent == [{"event": "skipped"}]
    press(view, event="refresh", now=True)  # "Refresh now" always reads
    assert view.state.summary.started == ("Cal",)


def test_names_reach_the_page_only_while_show_names_is_on(tmp_path: Path) -> None:
    q0, q1 = BOUNDARIES.questions[:2]
    for name, sel in (("Zelda Quartermaine", wrong(q0)), ("Yusuf Okonkwo", right(q0))):
        answer_in_quiz(tmp_path, name, "boundaries", {q0.id: sel, q1.id: wrong(q1)}, BOUNDARIES)
    view = ClassView(tmp_path)
    for name in ("Zelda", "Yusuf"):
        assert name not in every_state(view)
    view.controls.show_names = True
    state = every_state(view)
    assert "Zelda Quartermaine" in state and "Yusuf Okonkwo" in state
    assert "Zelda Quartermaine" in cards(view)[q0.id]["common_wrong"]["names"]
    assert view.summary_panel.data["names"] == {
        "finished": ["Yusuf Okonkwo", "Zelda Quartermaine"],
        "not_finished": [],
    }
    view.controls.show_names = False
    assert "Zelda" not in every_state(view) and "Yusuf" not in every_state(view)


def test_bad_files_are_listed_on_the_page(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    view = ClassView(tmp_path)
    problems = view.summary_panel.data["problems"]
    assert [p["file"] for p in problems] == ["broken.json"]
    assert "1 file not read" in view.controls.status


def test_another_folder_is_read_when_the_tutor_asks(tmp_path: Path) -> None:
    other = tmp_path / "other class"
    q0 = BOUNDARIES.questions[0]
    save_answers(other, "Dee", "boundaries", [(q0, right(q0))])
    view = ClassView(tmp_path / "empty")
    assert view.summary_panel.data["missing"] is True
    assert "no folder" in view.controls.status
    press(view, event="folder", folder=str(other))
    assert view.controls.folder == str(other)
    assert view.summary_panel.data["started"] == 1


def test_a_quiz_can_be_chosen_and_every_bank_is_offered(tmp_path: Path) -> None:
    view = ClassView(tmp_path)
    offered = {q["id"] for q in view.controls.quizzes}
    assert {p.stem for p in (REPO / "data" / "quizzes").glob("*.yaml")} <= offered
    view.controls.quiz = "polls"
    assert {c.data["id"] for c in view.questions_panel.children} == {q.id for q in POLLS.questions}
    assert all(c.data["type"] == "poll" for c in view.questions_panel.children)


def test_a_broken_bank_is_named_and_its_answers_still_shown(
    tmp_path: Path, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(REPO / "data" / "quizzes", data_copy / "quizzes")
    bank = data_copy / "quizzes" / "boundaries.yaml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("type: sorting", "type: sortin", 1))
    monkeypatch.setenv("WR_DATA_DIR", str(data_copy))
    q0 = BOUNDARIES.questions[0]
    save_answers(tmp_path, "Eli", "boundaries", [(q0, right(q0))])
    view = ClassView(tmp_path, quiz="boundaries")
    assert "boundaries.yaml" in view.summary_panel.data["bank_problem"]
    (card,) = view.questions_panel.children
    assert card.data["type"] == "text" and card.data["answered"] == 1


def test_an_added_panel_is_updated_after_every_refresh(tmp_path: Path) -> None:
    class Counting(ipw.HTML):
        def update(self, state) -> None:
            self.value = f"{len(state.snapshot.learners)} files"

    view = ClassView(tmp_path)
    panel = Counting()
    view.add_panel(panel)
    assert view.children[-1] is panel and panel.value == "0 files"
    q0 = BOUNDARIES.questions[0]
    save_answers(tmp_path, "Flo", "boundaries", [(q0, right(q0))])
    press(view, event="refresh", now=True)
    assert panel.value == "1 files"


def test_a_poll_is_shared_with_learners_only_when_the_tutor_switches_it_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    poll = POLLS.questions[0]
    names = [f"Pupil {n}" for n in range(MIN_ANSWERS + 1)]
    views = [n % len(poll.options) for n in range(len(names))]
    for name, v in zip(names[:-1], views, strict=False):
        answer_in_quiz(tmp_path, name, "polls", {poll.id: [v]}, POLLS)
    view = ClassView(tmp_path, quiz="polls")
    shared_file = tmp_path / FILE_NAME
    assert not shared_file.exists()
    card = next(c for c in view.questions_panel.children if c.data["id"] == poll.id)
    assert card.data["poll"]["shared"] is False
    send(card, event="share", on=True)  # the switch on the card
    assert card.data["poll"]["shared"] is True
    text = shared_file.read_text(encoding="utf-8")
    for name in names:
        assert name not in text
    published = json.loads(text)["polls"]["polls"][poll.id]
    assert published["counts"] == [views[:-1].count(i) for i in range(len(poll.options))]

    # The last learner answers in their own kernel and sees the class's counts, no names.
    monkeypatch.setenv("WR_ANSWERS_DIR", str(tmp_path))
    (w,) = answer_in_quiz(tmp_path, names[-1], "polls", {poll.id: [views[-1]]}, POLLS).questions
    assert isinstance(w, PollQuestion) and w.result["answered"]
    assert w.class_spread["status"] == "shown" and w.class_spread["total"] == len(names) - 1
    press(view, event="refresh", now=True)  # the class view counts the new answer and re-shares
    assert class_spread("polls", poll.id)["total"] == len(names)

    # The page opened again remembers what is shared; switching off stops sharing.
    again = ClassView(tmp_path, quiz="polls")
    card = next(c for c in again.questions_panel.children if c.data["id"] == poll.id)
    assert card.data["poll"]["shared"] is True
    send(card, event="share", on=False)
    assert class_spread("polls", poll.id)["status"] == "off"
    assert json.loads(shared_file.read_text(encoding="utf-8"))["polls"] == {}


def test_sharing_into_a_folder_that_cannot_be_written_says_why(tmp_path: Path) -> None:
    poll = POLLS.questions[0]
    answer_in_quiz(tmp_path, "Gil", "polls", {poll.id: [0]}, POLLS)
    (tmp_path / FILE_NAME).mkdir()  # something in the way that no file can replace
    view = ClassView(tmp_path, quiz="polls")
    view.set_shared("polls", poll.id, True)
    card = next(c for c in view.questions_panel.children if c.data["id"] == poll.id)
    assert "Could not write" in card.data["poll"]["problem"]
