"""The dilemma widget, driven through the messages the page sends, with real answer files."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from dilemmahelpers import good, write

from widgets.dilemmas.api import dilemmas_dir, load_dilemma
from widgets.dilemmas.checks import read_dilemma
from widgets.dilemmas.journey import Journey
from widgets.dilemmas.record import QUIZ_ID
from widgets.dilemmas.widget import DilemmaWidget
from widgets.quizzes.export import class_csv
from widgets.quizzes.session import Session

NAMES = sorted(p.stem for p in dilemmas_dir().glob("*.yaml"))


@pytest.fixture
def session(tmp_path: Path) -> Session:
    s = Session("Ana Silva", tmp_path / "answers")
    s.store.load()
    return s


def walk(widget: DilemmaWidget, steps) -> None:
    """Press the choices of ``steps`` ((scene, choice in file order) pairs) by their text."""
    for scene_id, index in steps:
        assert widget.view["scene"]["id"] == scene_id
        widget.press_choice(widget.dilemma.scene(scene_id).choices[index].text)


def other_route(dilemma) -> list[tuple[str, int]]:
    """A way to an end that starts with a choice the best route does not take."""
    j = Journey(dilemma)
    first = j.best.steps[0][1]
    j.choose(next(k for k in range(len(j.current.choices)) if k != first))
    while not j.finished:
        seen = {s.scene for s in j.steps}
        options = [k for k, c in enumerate(j.current.choices) if c.next not in seen]
        j.choose(options[0] if options else 0)
    return [(s.scene, s.choice) for s in j.steps]


@pytest.mark.parametrize("name", NAMES)
def test_the_best_path_scores_full_marks(name: str, session: Session) -> None:
    w = DilemmaWidget(load_dilemma(name), session=session)
    best = w.journey.best
    walk(w, best.steps)
    assert w.view["scene"]["end"] and w.view["scene"]["id"] == best.end
    summary = w.view["summary"]
    assert summary["same"] and summary["points"] == summary["best"] == best.points
    assert summary["best_path"] == []
    assert summary["score"] == f"You scored {best.points} points out of a possible {best.points}."
    saved = session.answers(QUIZ_ID)[name]
    assert saved["correct"] is True and saved["score"] == 1.0 and saved["answered"] is True


@pytest.mark.parametrize("name", NAMES)
def test_another_path_shows_the_best_path_to_compare(name: str, session: Session) -> None:
    d = load_dilemma(name)
    w = DilemmaWidget(d, session=session)
    route = other_route(d)
    walk(w, route)
    summary = w.view["summary"]
    mine = [step["choice"] for step in w.view["path"]]
    assert mine == [d.scene(s).choices[k].text for s, k in route]
    assert summary["points"] == sum(d.scene(s).choices[k].score for s, k in route)
    assert summary["points"] < summary["best"]
    assert [step["choice"] for step in summary["best_path"]] == [
        d.scene(s).choices[k].text for s, k in w.journey.best.steps
    ]
    assert summary["compare"].startswith(f"The best path scores {summary['best']} points")


def test_choosing_shows_the_consequence_then_the_next_scene(session: Session) -> None:
    d = load_dilemma(NAMES[0])
    w = DilemmaWidget(d, session=session)
    start = d.scene(d.start_id)
    for k, choice in enumerate(start.choices):
        w.press_restart()
        w.press_choice(choice.text)
        assert w.view["reason"] == "choice"
        assert w.view["consequence"]["text"] == choice.consequence
        assert w.view["consequence"]["choice"] == choice.text
        assert w.view["scene"]["id"] == choice.next
        assert w.view["path"][-1]["consequence"] == choice.consequence, k


def test_the_page_never_holds_the_map(tmp_path: Path, session: Session) -> None:
    """Before the end, the page holds only the scene shown, the last consequence, the path so far."""
    d = load_dilemma(NAMES[0])
    w = DilemmaWidget(d, session=session)
    route = list(w.journey.best.steps)
    for scene_id, index in route:
        page = json.dumps([w.spec, w.view], ensure_ascii=False)
        assert '"next"' not in page and '"score"' not in page
        shown = {scene_id} | {s for s, _ in route[: route.index((scene_id, index))]}
        for other in d.scenes:
            if other.id in shown:
                continue
            assert other.text not in page, other.id
            for c in other.choices:
                assert c.consequence not in page, (other.id, c.text)
            if other.is_end:
                assert other.outcome not in page and other.good_practice not in page
        # the consequences of the choices on show are not on the page until one is chosen
        here = d.scene(scene_id)
        for c in here.choices:
            assert c.consequence not in json.dumps(w.view["scene"], ensure_ascii=False)
        w.press_choice(here.choices[index].text)


def test_back_and_start_again(session: Session) -> None:
    d = read_dilemma(write(session.store.directory.parent / "d", good()))
    w = DilemmaWidget(d, session=session, seed=None)
    w.press_choice("Share it")
    w.press_choice("Own up")
    assert w.view["scene"]["id"] == "end-good" and w.view["summary"]["points"] == 1
    w.press_back()
    assert w.view["reason"] == "back" and w.view["scene"]["id"] == "second"
    assert [s["choice"] for s in w.view["path"]] == ["Share it"] and w.view["summary"] is None
    assert session.answers(QUIZ_ID)[d.id]["path"][0]["scene"] == "first"
    w.press_restart()
    assert w.view["reason"] == "restart" and w.view["scene"]["id"] == "first"
    assert w.view["path"] == [] and w.view["step"] == 0
    saved = session.answers(QUIZ_ID)[d.id]
    assert saved["path"] == [] and len(saved["runs"]) == 1  # the finished run is kept
    w.press_back()  # nothing to take back: still the first scene
    assert w.view["scene"]["id"] == "first"


def test_a_stale_page_is_sent_the_scene_the_learner_is_at(session: Session) -> None:
    d = read_dilemma(write(session.store.directory.parent / "d", good()))
    w = DilemmaWidget(d, session=session, seed=None)
    w.press_choice("Share it")
    before = w.view["seq"]
    w._handle_message(w, {"event": "choose", "scene": "first", "choice": 1}, [])
    assert w.view["scene"]["id"] == "second" and w.view["reason"] == "refresh"
    assert w.view["seq"] == before + 1 and len(w.journey.steps) == 1
    w._handle_message(w, {"event": "choose", "scene": "second", "choice": 9}, [])
    assert len(w.journey.steps) == 1


def test_the_path_is_saved_with_times_and_restored(session: Session) -> None:
    d = load_dilemma(NAMES[-1])
    w = DilemmaWidget(d, session=session)
    steps = list(w.journey.best.steps)[:2]
    walk(w, steps)
    saved = session.answers(QUIZ_ID)[d.id]
    assert [(s["scene"], s["choice"]) for s in saved["path"]] == steps
    for s in saved["path"]:
        datetime.fromisoformat(s["time"])
    assert saved["answered"] is False and saved["attempts"] == 1
    again = DilemmaWidget(d, session=session)
    assert again.view["reason"] == "restore"
    assert again.view["scene"]["id"] == w.view["scene"]["id"]
    assert again.view["path"] == w.view["path"]
    assert again.view["consequence"] == w.view["consequence"]


def test_a_new_learner_name_shows_that_learners_path(session: Session) -> None:
    d = load_dilemma(NAMES[0])
    w = DilemmaWidget(d, session=session)
    walk(w, list(w.journey.best.steps)[:1])
    session.set_learner("Bo Chen")
    assert w.view["step"] == 0 and w.view["scene"]["id"] == d.start_id
    session.set_learner("Ana Silva")
    assert w.view["step"] == 1


def test_a_saved_path_that_no_longer_fits_the_file_is_kept_as_far_as_it_fits(
    session: Session,
) -> None:
    d = read_dilemma(write(session.store.directory.parent / "d", good()))
    session.save(
        QUIZ_ID,
        d.id,
        {"path": [{"scene": "first", "choice": 0}, {"scene": "second", "choice": 7}]},
    )
    w = DilemmaWidget(d, session=session, seed=None)
    assert w.view["scene"]["id"] == "second" and w.view["step"] == 1


def test_a_failed_save_is_shown_in_words(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the answers folder should be", encoding="utf-8")
    session = Session("Ana Silva", blocked)
    d = read_dilemma(write(tmp_path / "d", good()))
    w = DilemmaWidget(d, session=session, seed=None)
    w.press_choice("Ask first")
    assert w.view["scene"]["id"] == "end-good"  # the learner carries on
    assert w.view["save"]["ok"] is False
    assert w.view["save"]["message"].startswith("⚠ ")
    assert "was NOT saved: " in w.view["save"]["message"]
    assert "It will be tried again" in w.view["save"]["message"]


class _ContractSession(Session):
    """A session whose save answers in the contract's shape: a result with ok and message."""

    def save(self, quiz_id, item_id, record):
        from types import SimpleNamespace

        return SimpleNamespace(
            ok=False, message="Not saved yet: type your name to keep your answers"
        )


def test_a_save_result_that_is_not_ok_is_shown(tmp_path: Path) -> None:
    session = _ContractSession("learner", tmp_path / "answers")
    d = read_dilemma(write(tmp_path / "d", good()))
    w = DilemmaWidget(d, session=session, seed=None)
    w.press_choice("Ask first")
    assert w.view["save"] == {
        "ok": False,
        "message": "⚠ Not saved yet: type your name to keep your answers",
    }


def test_the_class_csv_shows_a_dilemma_like_a_question(session: Session) -> None:
    d = load_dilemma(NAMES[0])
    w = DilemmaWidget(d, session=session)
    walk(w, w.journey.best.steps)
    text, skipped = class_csv(session.store.directory)
    assert skipped == []
    row = next(line for line in text.splitlines() if f",{QUIZ_ID},{d.id}," in line)
    ending = d.scene(w.journey.best.end).title
    assert f"Ended at '{ending}'" in row and ",True,1.0,1," in row


def test_choices_are_shown_in_a_seeded_order(session: Session) -> None:
    d = load_dilemma(NAMES[0])
    a = DilemmaWidget(d, session=session, seed=0).view["scene"]["choices"]
    b = DilemmaWidget(d, session=session, seed=0).view["scene"]["choices"]
    plain = DilemmaWidget(d, session=session, seed=None).view["scene"]["choices"]
    assert a == b and sorted(a) == sorted(plain)
    assert plain == [c.text for c in d.scene(d.start_id).choices]
