"""The collection's dilemmas: valid, plain English, grounded in the guide, and teaching through
consequences (several endings, more than one way to an end, poor choices that can be recovered)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from widgets.dilemmas.api import dilemmas_dir, load_dilemma
from widgets.dilemmas.checks import check_dilemmas
from widgets.dilemmas.journey import Journey
from widgets.quizzes.bank import section_titles

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import readability  # noqa: E402

NAMES = sorted(p.stem for p in dilemmas_dir().glob("*.yaml"))


def routes(dilemma) -> list[tuple[tuple[str, int], ...]]:
    """Every way from the start to an end that visits no scene twice."""
    found = []
    todo = [(dilemma.start_id, ())]
    while todo:
        scene_id, steps = todo.pop()
        scene = dilemma.scene(scene_id)
        if scene.is_end:
            found.append(steps)
            continue
        seen = {s for s, _ in steps}
        for k, c in enumerate(scene.choices):
            if c.next not in seen and c.next != scene_id:
                todo.append((c.next, (*steps, (scene_id, k))))
    return found


def test_there_are_dilemmas_and_all_pass_the_checker() -> None:
    assert NAMES
    assert check_dilemmas(dilemmas_dir()) == []


@pytest.mark.parametrize("name", NAMES)
def test_plain_english(name: str) -> None:
    text = "\n".join(readability._sentence(t) for t in load_dilemma(name).learner_text())
    score = readability.score(text)
    assert score >= readability.TARGET, f"{name}: Flesch reading ease {score:.1f}"


@pytest.mark.parametrize("name", NAMES)
def test_taught_through_consequences(name: str) -> None:
    d = load_dilemma(name)
    all_routes = routes(d)
    endings = {d.scene(s).choices[k].next for r in all_routes for s, k in r[-1:]}
    assert len(endings) >= 3, f"{name}: only {len(endings)} endings can be reached"
    best = Journey(d).best
    # More than one first choice leads to an end, and a poor start can still earn points later.
    first_choices = {r[0][1] for r in all_routes}
    assert len(first_choices) == len(d.scene(d.start_id).choices)
    recovered = [
        r
        for r in all_routes
        if r[0] != best.steps[0]
        and d.scene(r[0][0]).choices[r[0][1]].score
        < max(c.score for c in d.scene(d.start_id).choices)
        and sum(d.scene(s).choices[k].score for s, k in r[1:]) > 0
    ]
    assert recovered, f"{name}: a poor first choice can never be put right"
    # The best path is the one best path: no other route scores as much.
    scores = sorted(
        (sum(d.scene(s).choices[k].score for s, k in r) for r in all_routes), reverse=True
    )
    assert scores[0] == best.points and (len(scores) == 1 or scores[1] < scores[0])
    # Every end scene can be reached, and each explains good practice.
    assert endings == set(d.ends())


@pytest.mark.parametrize("name", NAMES)
def test_grounded_in_the_guide_and_named_sources(name: str) -> None:
    d = load_dilemma(name)
    known = section_titles()
    assert d.sections and all(s in known for s in d.sections)
    assert d.sources, f"{name}: name the law, code or policy it rests on"


def test_in_different_settings() -> None:
    settings = {load_dilemma(n).setting for n in NAMES}
    assert len(settings) >= min(5, len(NAMES)), settings


_BEST_INTERESTS = re.compile(r"\bbest interests?\b", re.I)
_CARER = re.compile(r"\b(\w+\s+)?carers?\b", re.I)


@pytest.mark.parametrize("name", NAMES)
def test_words_with_a_legal_meaning_are_used_in_that_meaning(name: str) -> None:
    d = load_dilemma(name)
    text = "\n".join(d.learner_text())
    if _BEST_INTERESTS.search(text):
        assert "Mental Capacity Act" in text, f"{name}: 'best interests' outside its MCA 2005 sense"
    for hit in _CARER.finditer(text):
        before = (hit.group(1) or "").strip().lower()
        assert before in {"family", "unpaid", "informal"}, (
            f"{name}: '{hit.group(0)}' - paid staff are care workers; a carer is an unpaid family carer"
        )
    assert "care worker" in text or "support worker" in text or "healthcare assistant" in text


def test_every_dilemma_is_used_in_a_notebook_and_every_call_names_a_file() -> None:
    called: set[str] = set()
    for notebook in sorted((REPO / "notebooks").glob("*.ipynb")):
        called |= set(
            re.findall(r'wr\.dilemma\(\\?"([a-z0-9-]+)\\?"\)', notebook.read_text("utf-8"))
        )
    files = {p.stem for p in dilemmas_dir().glob("*.yaml")}
    assert files, "no dilemmas in data/dilemmas/"
    assert called - files == set(), (
        f"notebooks call dilemmas with no file: {sorted(called - files)}"
    )
    assert files - called == set(), f"dilemmas no notebook uses: {sorted(files - called)}"
