"""Names: two spellings of one learner meet in one file; two learners never share one."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.quizzes.folders import settings_dir
from widgets.quizzes.identity import (
    COMPUTER_KEY,
    MAX_NAME,
    STEM,
    Identity,
    file_stem,
    normalise,
    problem_with,
    stem_for_key,
)
from widgets.quizzes.store import AnswerStore

SAFE = re.compile(r"^[a-z0-9-]+$")
WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10))} | {
    f"lpt{i}" for i in range(10)
}

any_name = st.text(max_size=80)
any_char = st.characters(codec=None)


@settings(max_examples=600, deadline=None)
@given(a=any_name, b=any_name)
def test_two_names_share_a_file_exactly_when_they_normalise_alike(a: str, b: str) -> None:
    assert (file_stem(a) == file_stem(b)) == (normalise(a) == normalise(b))


@settings(max_examples=300, deadline=None)
@given(names=st.lists(any_name, min_size=2, max_size=200))
def test_many_distinct_names_give_as_many_files(names: list[str]) -> None:
    keys = {normalise(n) for n in names}
    assert len({stem_for_key(k) for k in keys}) == len(keys)


@settings(max_examples=500, deadline=None)
@given(name=any_name)
def test_every_file_name_is_plain_ascii_and_safe_everywhere(name: str) -> None:
    stem = file_stem(name)
    assert SAFE.match(stem) and STEM.match(stem), stem
    assert len(f"{stem}.json") <= 60
    assert stem.split(".")[0] not in WINDOWS_RESERVED
    assert not stem.startswith("-") and not stem.endswith("-")


@settings(max_examples=500, deadline=None)
@given(name=any_name)
def test_normalising_is_stable_and_ignores_case_composition_and_spacing(name: str) -> None:
    key = normalise(name)
    assert normalise(key) == key
    assert normalise(unicodedata.normalize("NFD", name)) == key
    assert normalise(f"  {name}\t ") == key


@given(name=st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_capitals_never_make_another_learner(name: str) -> None:
    assert file_stem(name.upper()) == file_stem(name.lower()) == file_stem(name.title())


def test_known_pairs() -> None:
    same = [
        ("Zoë", "Zoe\u0308"),  # one character, or e + combining diaeresis
        ("ZOË", "zoë"),
        ("Sam Smith", "sam  smith"),
        ("Straße", "STRASSE"),
        ("Ōkubo\u00a0Ren", "ōkubo ren"),
    ]
    for a, b in same:
        assert file_stem(a) == file_stem(b), (a, b)
    different = [
        ("Sam Smith", "sam-smith"),
        ("Sam Smith", "SamSmith"),
        ("Мария", "Анна"),
        ("陳大文", "李小龍"),
        ("محمد", "أحمد"),
        ("Jo", "Jo."),
        ("Zoë", "Zoe"),
    ]
    for a, b in different:
        assert file_stem(a) != file_stem(b), (a, b)
    assert file_stem("Sam O'Neil").startswith("sam-o-neil-")
    assert file_stem("Zoë Ayodele").startswith("zoe-ayodele-")
    assert file_stem("Мария").startswith("learner-"), "non-Latin names keep a plain ASCII name"


def test_this_computers_learner_has_its_own_file() -> None:
    computer = Identity.this_computer()
    assert computer.key == COMPUTER_KEY and computer.stem.startswith("this-computer-")
    assert all(Identity.named(n).stem != computer.stem for n in ("this computer", "x", "learner"))
    for empty in ("", " ", "\u00a0\t"):
        with pytest.raises(ValueError):
            Identity.named(empty)


def test_no_learner_name_can_reach_a_settings_file(tmp_path: Path) -> None:
    answers = tmp_path / "answers"
    settings = settings_dir(answers)
    assert settings != answers and answers not in settings.parents
    for name in ("Settings", "settings", "../answers-settings/settings", "pins", "save-status"):
        store = AnswerStore(name, answers)
        store.save("quiz", "q", {"score": 1})
        assert store.path.parent == answers
    assert not settings.exists() or not any(settings.rglob("*"))


def test_names_that_cannot_be_used_are_explained() -> None:
    assert problem_with("   ") == "Type your name first."
    assert "too long" in (problem_with("x" * (MAX_NAME + 1)) or "")
    assert "cannot be saved" in (problem_with("Sam\x00") or "")
    assert problem_with("Zoë Ayodele") is None
    assert problem_with("<img src=x onerror=alert(1)>") is None  # shown as text, so allowed
