"""How the class chose: counts per decision point, from real saved-answer files."""

from __future__ import annotations

from pathlib import Path

from dilemmahelpers import good, write

from widgets.dilemmas.api import dilemmas_dir
from widgets.dilemmas.checks import read_dilemma
from widgets.dilemmas.summary import class_summary, summarise_folder
from widgets.dilemmas.widget import DilemmaWidget
from widgets.quizzes.session import Session
from widgets.quizzes.store import iter_files


def learner(folder: Path, name: str, dilemma, *choices: str, restart_then: tuple[str, ...] = ()):
    session = Session(name, folder)
    session.store.load()
    w = DilemmaWidget(dilemma, session=session, seed=None)
    for text in choices:
        w.press_choice(text)
    if restart_then:
        w.press_restart()
        for text in restart_then:
            w.press_choice(text)
    return w


def test_counts_every_choice_at_every_decision_point(tmp_path: Path) -> None:
    folder = tmp_path / "answers"
    d = read_dilemma(write(tmp_path / "d", good()))
    learner(folder, "Ana", d, "Ask first")
    learner(folder, "Bo", d, "Share it", "Own up")
    learner(folder, "Cy", d, "Share it", "Hide it", restart_then=("Ask first",))
    learner(folder, "Di", d, "Share it")  # not finished yet
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    view = class_summary(iter_files(folder), d)
    assert view.learners == 4 and view.finished == 3
    counts = {(r["scene"], r["choice"]): r["count"] for r in view.rows()}
    assert counts == {
        ("first", "Share it"): 3,
        ("first", "Ask first"): 1,
        ("second", "Own up"): 1,
        ("second", "Hide it"): 1,
    }
    reached = {r["scene"]: r["reached"] for r in view.rows()}
    assert reached == {"first": 4, "second": 3}
    assert {e.scene: e.count for e in view.endings} == {"end-good": 2, "end-bad": 1}
    assert len(view.skipped) == 1 and "broken.json" in view.skipped[0]
    assert "3 chose: Share it (0 points)" in view.text()

    latest = class_summary(iter_files(folder), d, attempt="latest")
    counts = {(r["scene"], r["choice"]): r["count"] for r in latest.rows()}
    assert counts[("first", "Ask first")] == 2 and counts[("second", "Hide it")] == 0


def test_learners_without_this_dilemma_are_not_counted(tmp_path: Path) -> None:
    folder = tmp_path / "answers"
    d = read_dilemma(write(tmp_path / "d", good()))
    session = Session("Eve", folder)
    session.save("boundaries", "some-question", {"answer": "x", "correct": True})
    view = class_summary(iter_files(folder), d)
    assert view.learners == 0 and all(r["count"] == 0 for r in view.rows())


def test_summarise_folder_covers_every_dilemma_in_the_collection(tmp_path: Path) -> None:
    found = summarise_folder(tmp_path)
    assert sorted(found) == sorted(p.stem for p in dilemmas_dir().glob("*.yaml"))
    for name, view in found.items():
        assert view.dilemma == name and view.learners == 0
        assert view.decisions and view.endings
