"""The dataset loads with the right shape and dtypes; each kind of bad data gets one clear error."""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from datahelpers import DATA, REPO, column, copy_data, ids, read_rows, scale_range, write_rows
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import widgets as wr
from widgets.dataset import load_dataset
from widgets.errors import DataError, DataErrors


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def set_cell(path: Path, line: int, column: str, value: str) -> str:
    """Change one cell (line as an editor numbers it); return the old value."""
    rows = read_rows(path)
    col = rows[0].index(column)
    old = rows[line - 1][col]
    rows[line - 1][col] = value
    write_rows(path, rows)
    return old


def error_for(folder: Path) -> DataError:
    with pytest.raises(DataError) as info:
        load_dataset(folder)
    return info.value


# --------------------------------------------------------------------------- the real data


def test_import_is_lazy():
    code = "import sys, widgets; print('pandas' in sys.modules, 'matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
    assert wr.load_dataset is load_dataset


def test_relationships_keep_the_order_of_the_file(ds):
    order = ids("relationships")
    assert list(ds.relationships["id"]) == order and ds.relationship_ids == order
    names = column(DATA, "relationships", "name")
    assert [ds.relationship_name(r) for r in order] == names
    assert list(ds.relationships["name"].cat.categories) == names


def test_features_keep_the_order_of_the_file(ds):
    order = ids("features")
    assert ds.feature_ids == order
    words = column(DATA, "features", "question_word_high")
    got = [ds.features.loc[ds.features["id"] == f, "question_word_high"].item() for f in order]
    assert got == words


def test_every_level_of_every_scale_is_labelled(ds):
    levels = scale_range()
    assert ds.scale == levels
    rows = read_rows(DATA / "scale_levels.csv")[1:]
    for feature in ds.feature_ids:
        labels = ds.scale_labels(feature)
        assert len(labels) == len(levels) and all(label.strip() for label in labels)
        mine = ds.levels[ds.levels["feature"] == feature]
        assert list(mine["level"]) == levels
    for feat, level, label, meaning in rows:
        assert ds.label(feat, int(level)) == label and ds.meaning(feat, int(level)) == meaning


def test_every_rating_has_rationale_and_a_source_in_the_same_folder(ds):
    r = ds.ratings
    assert len(r) == len(ds.relationships) * len(ds.features)
    assert not r.duplicated(["relationship", "feature"]).any()
    assert (r["rationale"].str.strip().str.len() > 0).all()
    assert set(r["source"]) <= set(ids("guide_sections"))
    assert r["score"].isin(ds.scale).all()


def test_dtypes(ds):
    assert ds.ratings["score"].dtype == "int64"
    for frame, col in [
        (ds.relationships, "id"),
        (ds.relationships, "name"),
        (ds.ratings, "relationship"),
        (ds.ratings, "feature"),
    ]:
        assert isinstance(frame[col].dtype, pd.CategoricalDtype)
        assert frame[col].cat.ordered
    assert list(ds.ratings["relationship"].cat.categories) == ids("relationships")


def test_wide_table(ds):
    w = ds.wide()
    assert list(w.index) == ids("relationships") and list(w.columns) == ids("features")
    rows = read_rows(DATA / "ratings.csv")[1:]
    for rel, feat, score, *_ in rows:
        assert w.loc[rel, feat] == int(score)
    first, last = ds.relationship_ids[0], ds.relationship_ids[-1]
    named = ds.wide(ds.feature_ids[:1], [last, first], names=True)
    assert list(named.index) == [ds.relationship_name(last), ds.relationship_name(first)]
    assert list(named.columns) == [ds.feature_name(ds.feature_ids[0])]


def test_examples_name_known_types(ds):
    assert len(ds.examples) == len(read_rows(DATA / "examples.csv")) - 1
    assert set(ds.examples["relationship"]) <= set(ds.relationship_ids)
    assert set(ds.examples["source"]) <= set(ids("guide_sections"))


def test_env_var_sets_the_folder(monkeypatch, data_copy):
    monkeypatch.setenv("WR_DATA_DIR", str(data_copy))
    assert load_dataset().data_dir == data_copy


def test_schema_describes_every_csv():
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    for res in package["resources"]:
        header = read_rows(DATA / res["path"])[0]
        assert header == [f["name"] for f in res["schema"]["fields"]]
        assert all(f.get("description") for f in res["schema"]["fields"])


def test_readme_tables_match_the_data():
    path = REPO / "scripts" / "data_readme_tables.py"
    spec = importlib.util.spec_from_file_location("data_readme_tables", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert module.generated_block(DATA) in readme, (
        "data/README.md is out of date: run `.venv/bin/python scripts/data_readme_tables.py`"
    )


# --------------------------------------------------------------------------- bad data


def test_missing_file(data_copy):
    (data_copy / "ratings.csv").unlink()
    err = error_for(data_copy)
    assert err.file == "data/ratings.csv"
    assert str(err).startswith("data/ratings.csv: the file is missing; expected a CSV file")


def test_missing_column(data_copy):
    rows = read_rows(data_copy / "ratings.csv")
    write_rows(data_copy / "ratings.csv", [r[:2] + r[3:] for r in rows])  # drop "score"
    err = error_for(data_copy)
    assert (err.file, err.line, err.column) == ("data/ratings.csv", 1, "score")
    assert str(err) == (
        "data/ratings.csv, line 1, column 'score': this column is missing from the header; "
        "expected the columns relationship, feature, score, rationale, source."
    )


def test_extra_column(data_copy):
    rows = read_rows(data_copy / "relationships.csv")
    rows = [rows[0] + ["notes"]] + [r + [""] for r in rows[1:]]
    write_rows(data_copy / "relationships.csv", rows)
    err = error_for(data_copy)
    assert (err.line, err.column, err.value) == (1, "notes", "notes")
    assert "the value 'notes' is not a column of this table" in str(err)
    assert "expected only the columns id, name, description, guide_section" in str(err)


def cell(folder: Path, table: str, line: int, name: str) -> str:
    rows = read_rows(folder / f"{table}.csv")
    return rows[line - 1][rows[0].index(name)]


def test_unknown_relationship_id(data_copy):
    right = cell(data_copy, "ratings", 9, "relationship")
    i = next(i for i in range(1, len(right) - 1) if right[i] != right[i + 1])
    wrong = right[:i] + right[i + 1] + right[i] + right[i + 2 :]  # two letters swapped
    set_cell(data_copy / "ratings.csv", 9, "relationship", wrong)
    err = error_for(data_copy)
    assert str(err) == (
        f"data/ratings.csv, line 9, column 'relationship': the value '{wrong}' is not a "
        f"relationship id in data/relationships.csv (did you mean '{right}'?); expected one of: "
        + ", ".join(ids("relationships"))
        + "."
    )


def test_score_out_of_range(data_copy):
    top = scale_range()[-1]
    set_cell(data_copy / "ratings.csv", 14, "score", str(top + 3))
    err = error_for(data_copy)
    assert str(err) == (
        f"data/ratings.csv, line 14, column 'score': the value '{top + 3}' is out of range; "
        f"expected a whole number from {scale_range()[0]} to {top}."
    )
    assert (err.line, err.column, err.value) == (14, "score", str(top + 3))


@pytest.mark.parametrize("bad", ["three", "2.5", "", "4 "])
def test_non_number(data_copy, bad):
    rel, feat = (
        cell(data_copy, "ratings", 20, "relationship"),
        cell(data_copy, "ratings", 20, "feature"),
    )
    set_cell(data_copy / "ratings.csv", 20, "score", bad)
    if bad == "4 ":  # surrounding spaces are forgiven
        assert load_dataset(data_copy).score(rel, feat) == 4
        return
    err = error_for(data_copy)
    assert (err.file, err.line, err.column) == ("data/ratings.csv", 20, "score")
    if bad:
        assert f"the value '{bad}' is not a whole number; expected a whole number from" in str(err)
    else:
        assert "the cell is empty; expected this column to be filled in on every row" in str(err)


def test_duplicate_row(data_copy):
    rows = read_rows(data_copy / "ratings.csv")
    rows.insert(5, list(rows[2]))  # line 6 repeats line 3
    write_rows(data_copy / "ratings.csv", rows)
    err = error_for(data_copy)
    assert str(err) == (
        "data/ratings.csv, line 6, columns 'relationship, feature': the value "
        f"'{rows[2][0]}, {rows[2][1]}' is a duplicate of line 3; expected each relationship and "
        "feature only once."
    )


def test_duplicate_id(data_copy):
    first = cell(data_copy, "examples", 2, "id")
    set_cell(data_copy / "examples.csv", 4, "id", first)
    err = error_for(data_copy)
    assert (err.file, err.line, err.column, err.value) == ("data/examples.csv", 4, "id", first)
    assert "is a duplicate of line 2" in str(err)


def test_empty_rationale(data_copy):
    set_cell(data_copy / "ratings.csv", 30, "rationale", "   ")
    err = error_for(data_copy)
    assert str(err) == (
        "data/ratings.csv, line 30, column 'rationale': the cell is empty; "
        "expected this column to be filled in on every row."
    )


def test_not_utf8(data_copy):
    path = data_copy / "examples.csv"
    lines = path.read_bytes().split(b"\n")
    rows = read_rows(path)
    situation = rows[3][rows[0].index("situation")]
    word = situation.split()[-1].encode()
    head, _, tail = lines[3].rpartition(word)
    lines[3] = head + b"caf\xe9 " + word + tail
    path.write_bytes(b"\n".join(lines))
    err = error_for(data_copy)
    assert (err.file, err.line, err.column) == ("data/examples.csv", 4, "situation")
    assert "caf\\xe9 " + word.decode() in str(err)
    assert "is not UTF-8 text (byte 0xE9)" in str(err)
    assert "expected a file saved as UTF-8" in str(err)


def test_wrong_number_of_cells(data_copy):
    path = data_copy / "relationships.csv"
    text = path.read_text(encoding="utf-8").splitlines()
    text[2] = text[2] + ",oops"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    err = error_for(data_copy)
    n = len(read_rows(DATA / "relationships.csv")[0])
    assert (err.line, err.column) == (3, None)
    assert f"the row has {n + 1} cells; expected {n} cells" in str(err)


def test_missing_rating_and_level(data_copy):
    rel, feat = ids("relationships")[-1], ids("features")[0]
    rows = read_rows(data_copy / "ratings.csv")
    write_rows(data_copy / "ratings.csv", [r for r in rows if r[:2] != [rel, feat]])
    err = error_for(data_copy)
    assert str(err).startswith(
        f"data/ratings.csv: there is no rating for relationship '{rel}' and feature '{feat}'"
    )
    copy = copy_data(data_copy.parent / "other")
    feat, level = ids("features")[1], scale_range()[-2]
    rows = read_rows(copy / "scale_levels.csv")
    write_rows(copy / "scale_levels.csv", [r for r in rows if r[:2] != [feat, str(level)]])
    err = error_for(copy)
    assert str(err).startswith(
        f"data/scale_levels.csv: feature '{feat}' has no row for level {level}"
    )


def test_several_problems_are_listed_one_per_line(data_copy):
    set_cell(data_copy / "ratings.csv", 14, "score", str(scale_range()[-1] + 3))
    set_cell(data_copy / "ratings.csv", 15, "score", "x")
    err = error_for(data_copy)
    assert isinstance(err, DataErrors) and len(err.errors) == 2
    lines = str(err).splitlines()
    assert lines[0] == "2 problems in the data:"
    assert lines[1].startswith("data/ratings.csv, line 14") and lines[2].startswith(
        "data/ratings.csv, line 15"
    )


def test_missing_folder(tmp_path):
    err = error_for(tmp_path / "nowhere")
    assert "the data folder does not exist" in str(err)


def test_data_error_is_generic():
    err = DataError(
        "data/quizzes/boundaries.yaml",
        "is not a question type",
        line=12,
        column="type",
        value="singel",
        expected="one of: single, multiple",
        column_word="field",
    )
    assert str(err) == (
        "data/quizzes/boundaries.yaml, line 12, field 'type': the value 'singel' "
        "is not a question type; expected one of: single, multiple."
    )
    assert isinstance(err, ValueError)


# --------------------------------------------------------------------------- fuzzing

_cell = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.lists(_cell, min_size=0, max_size=7), min_size=1, max_size=3),
    raw=st.binary(max_size=20),
)
def test_garbage_rows_always_give_a_data_error(tmp_path_factory, rows, raw):
    folder = copy_data(tmp_path_factory.mktemp("fuzz"))
    path = folder / "ratings.csv"
    with open(path, "a", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    with open(path, "ab") as f:
        f.write(raw)
    try:
        ds = load_dataset(folder)
    except DataError as exc:
        message = str(exc)
        assert message.startswith(("data/", "1 ", "2 ", "3 ", "4 ")) or re.match(
            r"\d+ problems", message
        )
    else:  # only blank lines were added: nothing may have slipped in
        assert len(ds.ratings) == len(ds.relationships) * len(ds.features)


# --------------------------------------------------------------------------- reading again


def test_an_unchanged_folder_gives_each_caller_its_own_copy(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    first = load_dataset(folder)
    first.ratings.loc[0, "score"] = 99
    first.relationships["name"] = "changed"
    second = load_dataset(folder)
    assert second.ratings.loc[0, "score"] != 99
    rows = read_rows(folder / "relationships.csv")
    names = [row[rows[0].index("name")] for row in rows[1:]]
    assert list(second.relationships["name"].astype(str)) == names


def test_an_edit_of_the_same_size_at_once_is_read(tmp_path: Path) -> None:
    """An edit is seen even when it keeps the file's size and lands within the clock's resolution."""
    folder = copy_data(tmp_path)
    path = folder / "ratings.csv"
    before = load_dataset(folder)
    rows = read_rows(path)
    col = rows[0].index("score")
    stat = path.stat()
    old = int(rows[1][col])
    levels = scale_range(folder)
    rows[1][col] = str(old + 1 if old + 1 in levels else old - 1)
    write_rows(path, rows)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the same modification time
    after = load_dataset(folder)
    rel, feat = rows[1][rows[0].index("relationship")], rows[1][rows[0].index("feature")]
    assert before.score(rel, feat) == old
    assert after.score(rel, feat) == int(rows[1][col])


def test_a_broken_edit_after_a_good_read_is_reported(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    load_dataset(folder)
    set_cell(folder / "ratings.csv", 2, "score", "lots")
    assert "ratings.csv" in str(error_for(folder))
