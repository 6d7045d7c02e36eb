"""The dilemma checker: every kind of broken file, each with file, line, scene, field and what was expected."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from dilemmahelpers import good, line_of, scene, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from widgets.dilemmas.checks import check_dilemmas, check_file, read_dilemma
from widgets.errors import DataError, DataErrors

ROOT = Path(__file__).resolve().parents[1]


def problems(path: Path) -> list[DataError]:
    return check_file(path)[1]


def only(path: Path) -> DataError:
    found = problems(path)
    assert len(found) == 1, [e.message for e in found]
    return found[0]


def test_a_good_file_has_no_problems(tmp_path: Path) -> None:
    path = write(tmp_path, good())
    dilemma, found = check_file(path)
    assert found == []
    assert dilemma is not None and dilemma.id == "small-dilemma"
    assert [s.id for s in dilemma.scenes] == [s["id"] for s in good()["scenes"]]


def test_unknown_target_names_the_choice_and_suggests_a_scene(tmp_path: Path) -> None:
    data = good()
    scene(data, "first")["choices"][0]["next"] = "secnd"
    path = write(tmp_path, data)
    err = only(path)
    assert err.line == line_of(path, "next: secnd")
    assert err.message.startswith(
        f"{path}, line {err.line}, scene 'first', field 'choices[0].next': the value 'secnd' "
        "is not a scene of this dilemma; expected the id of one of its scenes (did you mean 'second'?)"
    )


def test_a_scene_no_path_reaches(tmp_path: Path) -> None:
    data = good()
    scene(data, "first")["choices"][0]["next"] = "end-good"  # nothing leads to 'second' now
    path = write(tmp_path, data)
    found = problems(path)
    # 'second' is cut off; 'end-bad' was only reached through it, so 'second' is the one to fix.
    assert [e.column_word for e in found] == ["scene 'second', field"]
    err = found[0]
    assert err.line == line_of(path, "id: second")
    assert "no path from the start scene 'first' reaches this scene" in err.message
    assert "expected a choice with 'next: second'" in err.message


def test_a_path_with_no_end(tmp_path: Path) -> None:
    data = good()
    second = scene(data, "second")
    del second["choices"]
    path = write(tmp_path, data)
    found = problems(path)
    dead = [e for e in found if "stops here without an end" in e.message]
    assert len(dead) == 1, [e.message for e in found]
    assert dead[0].column_word == "scene 'second', field" and dead[0].column == "choices"
    assert dead[0].line == line_of(path, "id: second")
    assert "expected 2 to 4 choices, or an outcome and good_practice" in dead[0].message


def test_a_loop_with_no_way_out(tmp_path: Path) -> None:
    data = good()
    second = scene(data, "second")
    data["scenes"].insert(
        2,
        {
            "id": "third",
            "text": "Round again.",
            "choices": [
                {"text": "Back", "consequence": "Back you go.", "next": "second"},
                {"text": "Stay", "consequence": "You stay.", "next": "third"},
            ],
        },
    )
    second["choices"] = [
        {"text": "On", "consequence": "On you go.", "next": "third"},
        {"text": "Again", "consequence": "Again.", "next": "second"},
    ]
    scene(data, "first")["choices"][1]["next"] = "end-good"
    data["scenes"] = [s for s in data["scenes"] if s["id"] != "end-bad"]
    path = write(tmp_path, data)
    err = only(path)
    assert err.column_word == "scene 'second', field" and err.column == "choices"
    assert (
        "the scenes 'second' and 'third' lead only to each other: a loop with no way out"
        in err.message
    )
    assert err.line == line_of(path, "choices:", after="id: second")


def test_a_loop_with_a_way_out_is_fine(tmp_path: Path) -> None:
    data = good()
    scene(data, "second")["choices"].append(
        {"text": "Think again", "consequence": "You pause.", "next": "first"}
    )
    assert problems(write(tmp_path, data)) == []


def test_duplicate_scene_ids(tmp_path: Path) -> None:
    data = good()
    scene(data, "end-bad")["id"] = "end-good"
    scene(data, "second")["choices"][1]["next"] = "end-good"
    path = write(tmp_path, data)
    err = only(path)
    first_line = line_of(path, "id: end-good")
    assert (
        err.line == line_of(path, "id: end-good", after="title: Good end") and err.line > first_line
    )
    assert (
        f"scene 'end-good', field 'id': the value 'end-good' is used twice (first at line "
        f"{first_line})" in err.message
    )
    assert err.message.endswith("expected a different id for every scene in a dilemma.")


@pytest.mark.parametrize("empty", [None, "", "   "])
def test_a_choice_without_a_consequence(tmp_path: Path, empty) -> None:
    data = good()
    choice = scene(data, "second")["choices"][0]
    if empty is None:
        del choice["consequence"]
    else:
        choice["consequence"] = empty
    path = write(tmp_path, data)
    err = only(path)
    assert err.column_word == "scene 'second', field" and err.column == "choices[0].consequence"
    assert ("is missing" if empty is None else "is empty") in err.message
    assert "expected what happens because of this choice" in err.message


@pytest.mark.parametrize("count", [1, 5])
def test_two_to_four_choices(tmp_path: Path, count: int) -> None:
    data = good()
    first = scene(data, "first")
    base = first["choices"][1]
    first["choices"] = [dict(base, text=f"Choice {n}") for n in range(count)]
    if count == 1:
        scene(data, "second")["choices"][0]["next"] = "end-good"
        data["scenes"].insert(0, data["scenes"].pop(0))
    path = write(tmp_path, data)
    found = [e for e in problems(path) if e.column == "choices" and "first" in e.column_word]
    assert len(found) == 1
    assert (
        f"has {count} choice" in found[0].message and "expected 2 to 4 choices" in found[0].message
    )


@pytest.mark.parametrize("missing", ["outcome", "good_practice"])
def test_an_end_scene_needs_an_outcome_and_good_practice(tmp_path: Path, missing: str) -> None:
    data = good()
    del scene(data, "end-bad")[missing]
    path = write(tmp_path, data)
    err = only(path)
    assert err.column_word == "scene 'end-bad', field" and err.column == missing
    assert "is missing" in err.message


def test_an_end_scene_cannot_also_have_choices(tmp_path: Path) -> None:
    data = good()
    scene(data, "second")["outcome"] = "Over."
    path = write(tmp_path, data)
    err = only(path)
    assert err.column == "outcome" and "this scene has choices, so it is not an end" in err.message


def test_unknown_section_start_and_field(tmp_path: Path) -> None:
    data = good()
    data["sections"] = ["families-carer"]
    data["start"] = "begin"
    scene(data, "first")["colour"] = "red"
    path = write(tmp_path, data)
    found = problems(path)
    text = "\n".join(e.message for e in found)
    assert "field 'sections[0]': the value 'families-carer' is not a section of the guide" in text
    assert "field 'start': the value 'begin' is not a scene of this dilemma" in text
    assert "scene 'first', field 'colour': the value 'colour' is not a field here" in text
    assert len(found) == 3


def test_words_yaml_once_read_as_values_stay_text(tmp_path: Path) -> None:
    text = write(tmp_path, good()).read_text(encoding="utf-8").replace("text: Own up", "text: No")
    path = write(tmp_path, text)
    assert problems(path) == []  # the strict loader reads YAML 1.2's core schema: 'No' is text


def test_yaml_values_that_are_not_text(tmp_path: Path) -> None:
    text = write(tmp_path, good()).read_text(encoding="utf-8").replace("text: Own up", "text: true")
    path = write(tmp_path, text)
    err = only(path)
    assert err.line == line_of(path, "text: true")
    assert "the value 'True' is not text" in err.message and "put it in quotes" in err.message


def test_a_key_written_twice_names_both_lines(tmp_path: Path) -> None:
    text = write(tmp_path, good()).read_text(encoding="utf-8")
    twice = text.replace("title: ", "title: First title\ntitle: ", 1)
    path = write(tmp_path, twice)
    err = only(path)
    assert err.line == 2 and "lines 1 and 2" in err.message


@pytest.mark.parametrize("score", [-1, 11, "two", 1.5])
def test_points_are_whole_numbers_in_range(tmp_path: Path, score) -> None:
    data = good()
    scene(data, "first")["choices"][0]["score"] = score
    path = write(tmp_path, data)
    err = only(path)
    assert (
        err.column == "choices[0].score" and "a whole number of points from 0 to 10" in err.message
    )


def test_every_problem_at_once_in_line_order(tmp_path: Path) -> None:
    data = good()
    data["title"] = ""
    scene(data, "first")["choices"][0]["next"] = "nowhere"
    del scene(data, "second")["choices"][1]["consequence"]
    del scene(data, "end-good")["good_practice"]
    data["scenes"].append({"id": "lonely", "text": "Nobody comes here."})
    path = write(tmp_path, data)
    found = problems(path)
    assert [e.line for e in found] == sorted(e.line for e in found)
    kinds = [
        "field 'title'",
        "'choices[0].next': the value 'nowhere'",
        "'choices[1].consequence': is missing",
        "scene 'end-good', field 'good_practice': is missing",
        "scene 'lonely', field 'choices': are missing",
        "scene 'lonely', field 'id': no path",
    ]
    text = "\n".join(e.message for e in found)
    for kind in kinds:
        assert kind in text, kind
    with pytest.raises(DataErrors) as caught:
        read_dilemma(path)
    assert len(caught.value.errors) == len(found)


def test_unreadable_files_are_reported_with_their_line(tmp_path: Path) -> None:
    broken = write(tmp_path, "title: T\nscenes:\n  - id: a\n\ttext: tab\n", "tabs.yaml")
    err = only(broken)
    assert err.line == 4 and "use spaces, not tabs" in err.message
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("title: Caf\xe9\nscenes: []\n".encode("latin-1"))
    assert "is not UTF-8 text" in only(latin).message
    assert (
        "does not hold a dilemma"
        in only(write(tmp_path, "- just\n- a list\n", "list.yaml")).message
    )
    assert "does not exist" in only(tmp_path / "missing.yaml").message


def test_file_names_are_ids(tmp_path: Path) -> None:
    err = only(write(tmp_path, good(), "Bad Name.yaml"))
    assert "the value 'Bad Name' is not a usable file name" in err.message


def test_check_dilemmas_reads_every_file_of_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "dilemmas"
    write(folder, good(), "one.yaml")
    data = good()
    scene(data, "first")["choices"][0]["next"] = "missing-scene"
    write(folder, data, "two.yaml")
    found = check_dilemmas(folder)
    # the unknown target, and the scene it should have led to
    assert sorted(e.column for e in found) == ["choices[0].next", "id"]
    assert {e.file for e in found} == {str(folder / "two.yaml")}


def run_check(*paths: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "widgets", "check", *map(str, paths)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_command_passes_the_repository_dilemmas() -> None:
    run = run_check("data")
    assert run.returncode == 0, run.stderr
    count = len(list((ROOT / "data" / "dilemmas").glob("*.yaml")))
    assert count and f"and {count} dilemmas." in run.stdout.splitlines()[-1]


def test_check_command_reports_a_broken_dilemma_anywhere(data_copy: Path, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "data" / "quizzes", data_copy / "quizzes")
    data = good()
    scene(data, "second")["choices"][0]["next"] = "end-godo"
    in_data = write(data_copy / "dilemmas", data, "broken-one.yaml")
    run = run_check(data_copy)
    assert run.returncode == 1
    assert f"{in_data}, line {line_of(in_data, 'next: end-godo')}, scene 'second'" in run.stderr
    assert "1 problem found." in run.stderr
    # A dilemma file outside a dilemmas folder is known by its 'scenes:' and checked as a dilemma.
    loose = write(tmp_path / "loose", data, "loose.yaml")
    run = run_check(loose)
    assert run.returncode == 1 and "is not a scene of this dilemma" in run.stderr
    assert "question" not in run.stderr


# --------------------------------------------------------------------------- fuzzing

_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 20),
    st.text(max_size=12),
    st.sampled_from(["first", "second", "end-good"]),
)
_value = st.recursive(
    _scalar,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


@st.composite
def mutated(draw) -> dict:
    """A valid dilemma with a few fields replaced, removed or added anywhere in it."""
    data = good()
    for _ in range(draw(st.integers(1, 4))):
        target: object = data
        path = []
        while isinstance(target, dict | list) and target and draw(st.booleans()):
            key = draw(
                st.sampled_from(sorted(target) if isinstance(target, dict) else range(len(target)))
            )
            path.append((target, key))
            target = target[key]
        if not path:
            data[draw(st.sampled_from(["scenes", "title", "start", "extra"]))] = draw(_value)
            continue
        parent, key = path[-1]
        action = draw(st.sampled_from(["replace", "delete"]))
        if action == "delete" and isinstance(parent, dict):
            parent.pop(key, None)
        else:
            parent[key] = draw(_value)
    return data


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=mutated())
def test_fuzzed_files_give_sentences_never_tracebacks(tmp_path: Path, data: dict) -> None:
    path = write(tmp_path, yaml.safe_dump(data, sort_keys=False), "fuzzed.yaml")
    dilemma, found = check_file(path)
    assert (dilemma is None) == bool(found)
    for err in found:
        assert isinstance(err, DataError)
        assert err.message.startswith(str(path)) and err.message.endswith(".")
        assert "Traceback" not in err.message


def test_the_worked_example_in_the_data_readme(tmp_path: Path) -> None:
    """The README's example passes, and its sample message is what the checker says."""
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    part = readme.split("### A worked example", 1)[1]
    example = part.split("```yaml\n", 1)[1].split("```", 1)[0]
    message = part.split("```text\n", 1)[1].split("```", 1)[0].strip()
    folder = tmp_path / "data" / "dilemmas"
    path = write(folder, example, "daughter-asks.yaml")
    assert problems(path) == []
    wrong, right = re.search(r"the value '([^']+)'.*did you mean '([^']+)'", message).groups()
    write(folder, example.replace(f"next: {right}", f"next: {wrong}"), "daughter-asks.yaml")
    (err,) = problems(path)
    assert err.message == message.replace("data/dilemmas/", f"{folder}/")
