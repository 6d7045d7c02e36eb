"""Fuzzing the loaders with inputs shaped like the real files: every one ends in a DataError.

The strategies (``tests/fuzz_inputs.py``) break real banks, CSV files and datapackage.json the way
people and programs do. Whatever they make, reading it either works or raises the collection's own
:class:`~widgets.errors.DataError` whose every message is one sentence naming the file. Inputs
that once crashed a loader are kept below as explicit examples. The budget is fixed (examples per
test, no deadline) so a run takes the same time on every machine; ``benchmarks/fuzz.py`` runs the
same strategies much longer.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from fuzz_inputs import DATA, bank_bytes, csv_file_damage, package_bytes
from hypothesis import HealthCheck, example, given, settings

from widgets.dataset import check_dataset, load_dataset
from widgets.dataset.spec import spec_problems
from widgets.errors import DataError, flatten
from widgets.quizzes.bank import read_bank

BUDGET = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def assert_sentences(exc: DataError, file: str) -> None:
    """Every problem names the file and reads as one sentence."""
    for problem in flatten(exc):
        text = problem.message
        assert file in text, text
        assert text.endswith(".") and "Traceback" not in text
        assert "(question)" not in text and "expected some text" not in text
        assert problem.problem and not problem.problem[0].isupper() or problem.value is None


def scratch_data(banks: bool = False) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="wr-fuzz-")) / "data"
    shutil.copytree(
        DATA, folder, ignore=shutil.ignore_patterns("*.md", *([] if banks else ["quizzes"]))
    )
    return folder


# ------------------------------------------------------------------------------------ banks

CRASHES = sorted((Path(__file__).parent / "fixtures" / "crashes").iterdir())
# The first four crashed the earlier bank reader (KeyError, ValueError twice, RecursionError);
# the rest are the edge cases of the YAML rules (self-referring alias, list as a key, a tag
# outside the core schema, a merge key, UTF-16).
BANK_CRASHES = [
    b"title: T\nquestions:\n  - id: a\n    type: !!bool maybe\n",
    b"title: T\nquestions:\n  - date: 2024-02-30\n",
    b"title: " + b"9" * 5000 + b"\nquestions: []\n",
    b"title: T\nquestions: " + b"[" * 5000 + b"]" * 5000 + b"\n",
    b"a: &a [*a]\n",
    b"? [a, b]\n: c\n",
    b"title: !!binary aGk=\nquestions: []\n",
    b"title: T\n<<: {x: 1}\nquestions: []\n",
    b"\xff\xfet\x00i\x00t\x00l\x00e\x00",
]


@pytest.mark.parametrize("path", CRASHES, ids=[p.name for p in CRASHES])
def test_files_that_crashed_the_earlier_loaders(path: Path) -> None:
    """Found by these strategies against the loaders before they were rewritten; kept as they were."""
    if path.suffix == ".yaml":
        with pytest.raises(DataError) as info:
            read_bank(path, sections=set())
        assert_sentences(info.value, path.name)
        return
    folder = scratch_data()
    try:
        shutil.copy(path, folder / "datapackage.json")
        try:
            load_dataset(folder)
        except DataError as exc:
            assert_sentences(exc, "data/")
    finally:
        shutil.rmtree(folder.parent)


@pytest.mark.parametrize("data", BANK_CRASHES, ids=range(len(BANK_CRASHES)))
def test_small_inputs_that_crashed_the_earlier_bank_reader(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "bank.yaml"
    path.write_bytes(data)
    with pytest.raises(DataError) as info:
        read_bank(path, sections=set())
    assert_sentences(info.value, "bank.yaml")


@BUDGET
@given(data=bank_bytes())
def test_damaged_banks_give_data_errors(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bank.yaml"
        path.write_bytes(data)
        try:
            read_bank(path)
        except DataError as exc:
            assert_sentences(exc, "bank.yaml")


# ------------------------------------------------------------------------------------ CSV files


@BUDGET
@given(damage=csv_file_damage())
@example(damage=("ratings.csv", b"relationship,feature,score\n"))
@example(
    damage=(
        "scale_levels.csv",
        b"feature,level,label,meaning\nx,99999999999999999999999999999999,a,b\n",
    )
)
@example(damage=("examples.csv", b"\xef\xbb\xbf"))
def test_damaged_csv_files_give_data_errors(damage: tuple[str, bytes]) -> None:
    name, data = damage
    folder = scratch_data()
    try:
        (folder / name).write_bytes(data)
        try:
            ds = load_dataset(folder)
        except DataError as exc:
            assert_sentences(exc, "data/")
        else:  # what still loads is whole: every type rated on every feature
            assert len(ds.ratings) == len(ds.relationships) * len(ds.features)
    finally:
        shutil.rmtree(folder.parent)


# ------------------------------------------------------------------------------------ datapackage.json


@BUDGET
@given(data=package_bytes())
@example(data=b'{"resources": [{"name": "ratings", "path": "../../etc/passwd"}]}')
@example(data=b'{"resources": "all"}')
@example(data=b'{"resources": [], "resources": []}')
@example(data=b"[" * 3000 + b"]" * 3000)
@example(
    data=b'{"resources": [{"name": "x", "path": "x.csv", "schema": {"fields": [{"name": "a", '
    b'"type": "integer", "constraints": {"minimum": "zero", "pattern": "("}}]}}]}'
)
def test_damaged_packages_give_data_errors(data: bytes) -> None:
    folder = scratch_data()
    try:
        (folder / "datapackage.json").write_bytes(data)
        try:
            load_dataset(folder)
        except DataError as exc:
            assert_sentences(exc, "data/")
    finally:
        shutil.rmtree(folder.parent)


@settings(BUDGET, max_examples=25)
@given(data=package_bytes())
def test_the_frictionless_check_of_damaged_packages_gives_sentences(data: bytes) -> None:
    folder = scratch_data()
    try:
        (folder / "datapackage.json").write_bytes(data)
        checked = check_dataset(folder)
        for problem in checked.problems + spec_problems(checked):
            assert problem.message.startswith("data/") and problem.message.endswith(".")
    finally:
        shutil.rmtree(folder.parent)
