"""The strict YAML reader: libyaml's safe loader, YAML 1.2's core schema, and every problem noted."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

import widgets.yamlsafe as ys

CASES = """\
plain: No
norway: NO
date: 2024-02-30
int: 0x1F
float: -1.5e3
yes: true
nothing: ~
quoted: "10"
block: |
  two
  lines
"""


def test_it_is_a_subclass_of_the_c_safe_loader() -> None:
    assert issubclass(
        ys.StrictLoader, yaml.SafeLoader if not yaml.__with_libyaml__ else yaml.CSafeLoader
    )
    assert yaml.load("a: [1, x]", Loader=ys.StrictLoader) == {"a": [1, "x"]}  # noqa: S506


def test_core_schema_values() -> None:
    parsed = ys.parse(CASES)
    assert parsed.problems == []
    assert parsed.data == {
        "plain": "No",
        "norway": "NO",
        "date": "2024-02-30",
        "int": 31,
        "float": -1500.0,
        "yes": True,
        "nothing": None,
        "quoted": "10",
        "block": "two\nlines\n",
    }


def test_a_key_written_twice_names_both_lines() -> None:
    parsed = ys.parse("title: A\nquestions:\n  - id: x\n    id: y\ntitle: B\n")
    found = {(p.path, p.line, p.problem) for p in parsed.problems}
    assert found == {
        (
            ("questions", 0, "id"),
            4,
            "the key 'id' is written twice in the same mapping (lines 3 and 4)",
        ),
        (("title",), 5, "the key 'title' is written twice in the same mapping (lines 1 and 5)"),
    }


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "a: !!python/object/apply:os.system [ls]",
            "the tag '!!python/object/apply:os.system' is not allowed",
        ),
        ("a: !!binary aGk=", "the tag '!!binary' is not allowed"),
        ("a: !mine x", "the tag '!mine' is not allowed"),
        ("a: !!bool maybe", "does not fit its tag '!!bool'"),
        ("a: !!int ten", "does not fit its tag '!!int'"),
        ("a: !!map [1]", "the tag '!!map' does not fit a list"),
        ("<<: {a: 1}", "the merge key '<<' is not part of plain YAML"),
        ("? [a]\n: 1", "a list or mapping is used as a key"),
        ("a: &x [*x]", "an alias (*name) refers to itself"),
    ],
)
def test_what_is_not_plain_yaml_is_a_problem_with_its_line(text: str, problem: str) -> None:
    parsed = ys.parse(text)
    assert [p.problem for p in parsed.problems] == [problem]
    assert parsed.problems[0].line == 1


def test_aliases_may_not_blow_up() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]" for n in range(1, 7)]
    parsed = ys.parse("\n".join(lines))
    assert parsed.data is None
    assert "expand it to more than 1,000,000 values" in parsed.problems[0].problem


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("a:\n\tb: 1\n", 2, "use spaces"),
        ("a: [1\n", 2, "cannot be read as YAML"),
        ("a: 1\n---\nb: 2\n", 2, "cannot be read as YAML"),
        ("a: \x07\n", 1, "invisible control character"),
        ("a: " + "[" * 2000 + "]" * 2000, 1, "cannot be read as YAML"),
    ],
)
def test_text_that_is_not_yaml_raises_with_the_line(text: str, line: int, words: str) -> None:
    with pytest.raises(ys.YamlSyntaxError) as info:
        ys.parse(text)
    assert info.value.problem.line == line
    assert words in info.value.problem.problem + (info.value.problem.expected or "")


def test_the_pure_python_safe_loader_is_used_where_libyaml_is_missing() -> None:
    code = (
        "import yaml\n"
        "del yaml.CSafeLoader\n"
        "import widgets.yamlsafe as ys, sys\n"
        "assert ys.StrictLoader.__mro__[1] is yaml.SafeLoader\n"
        "p = ys.parse(sys.stdin.read())\n"
        "print(p.data['plain'], p.data['int'], [x.line for x in p.problems])\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        input=CASES + "plain: twice\n",
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout.split() == ["twice", "31", "[12]"]  # the later value, as YAML loaders keep
