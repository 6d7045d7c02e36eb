"""The dataset loads with the right shape and dtypes; each kind of bad data gets one clear error."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from datahelpers import DATA, REPO, copy_data, read_rows, write_rows
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import widgets as wr
from widgets.dataset import load_dataset
from widgets.errors import DataError, DataErrors

GUIDE_ORDER = [
    "colleagues",
    "manager-staff",
    "other-professionals",
    "service-users",
    "families-carers",
    "volunteers",
    "external-agencies",
]


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


def test_seven_relationships_in_guide_order(ds):
    assert list(ds.relationships["id"]) == GUIDE_ORDER
    assert ds.relationship_ids == GUIDE_ORDER
    assert ds.relationship_name("service-users") == "Service users (individuals)"
    assert ds.relationships["description"].str.len().min() > 20


def test_features_include_the_core_three(ds):
    assert len(ds.features) >= 8
    assert {"formality", "hierarchy", "confidentiality"} <= set(ds.feature_ids)
    assert ds.features.loc[ds.features["id"] == "formality", "question_word_high"].item() == (
        "most formal"
    )


def test_every_level_of_every_scale_is_labelled(ds):
    for feature in ds.feature_ids:
        labels = ds.scale_labels(feature)
        assert len(labels) == 5 and all(label.strip() for label in labels)
        rows = ds.levels[ds.levels["feature"] == feature]
        assert list(rows["level"]) == [0, 1, 2, 3, 4]
        assert rows["meaning"].str.len().min() > 10
    assert ds.label("formality", 0) == "Informal"
    assert ds.label("formality", 4) == "Very formal"


def test_every_rating_has_rationale_and_a_real_source(ds):
    r = ds.ratings
    assert len(r) == len(ds.relationships) * len(ds.features)
    assert not r.duplicated(["relationship", "feature"]).any()
    assert (r["rationale"].str.len() > 15).all()
    assert set(r["source"]) <= set(ds.sections["id"])
    assert r["score"].between(0, 4).all()


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
    assert list(ds.relationships["name"].cat.categories)[0] == "Colleague to colleague"
    assert list(ds.ratings["relationship"].cat.categories) == GUIDE_ORDER


def test_ratings_follow_the_guide(ds):
    w = ds.wide()
    assert w["hierarchy"].idxmax() == "manager-staff"
    for feature in ("confidentiality", "emotional_involvement", "boundary_risk"):
        assert w[feature].idxmax() == "service-users"
        assert (w[feature] < 4).sum() == len(w) - 1  # service users alone at the top
    assert w["collaboration"].idxmax() == "other-professionals"
    assert w["information_sharing"].idxmax() == "other-professionals"
    assert w.loc["volunteers", "supervision"] >= 3


def test_wide_table(ds):
    w = ds.wide()
    assert list(w.index) == GUIDE_ORDER and list(w.columns) == ds.feature_ids
    named = ds.wide(["formality"], ["volunteers", "colleagues"], names=True)
    assert list(named.index) == ["Volunteers", "Colleague to colleague"]
    assert list(named.columns) == ["Formality"]


def test_examples(ds):
    ex = ds.examples
    assert 18 <= len(ex) <= 25
    assert ex["relationship"].value_counts().min() >= 2
    wanted = {"team leader", "gp", "occupational therapist", "housing service", "advocacy group"}
    assert wanted <= set(ex["other_party"].str.lower())


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
        "data/README.md is out of date: run `python scripts/data_readme_tables.py`"
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


def test_unknown_relationship_id(data_copy):
    set_cell(data_copy / "ratings.csv", 9, "relationship", "colleauges")
    err = error_for(data_copy)
    assert str(err) == (
        "data/ratings.csv, line 9, column 'relationship': the value 'colleauges' is not a "
        "relationship id in data/relationships.csv (did you mean 'colleagues'?); expected one of: "
        + ", ".join(GUIDE_ORDER)
        + "."
    )


def test_score_out_of_range(data_copy):
    set_cell(data_copy / "ratings.csv", 14, "score", "7")
    err = error_for(data_copy)
    assert str(err) == (
        "data/ratings.csv, line 14, column 'score': the value '7' is out of range; "
        "expected a whole number from 0 to 4."
    )
    assert (err.line, err.column, err.value) == (14, "score", "7")


@pytest.mark.parametrize("bad", ["three", "2.5", "", "4 "])
def test_non_number(data_copy, bad):
    set_cell(data_copy / "ratings.csv", 20, "score", bad)
    if bad == "4 ":  # surrounding spaces are forgiven
        assert load_dataset(data_copy).score("manager-staff", "supervision") == 4
        return
    err = error_for(data_copy)
    assert (err.file, err.line, err.column) == ("data/ratings.csv", 20, "score")
    if bad:
        assert (
            f"the value '{bad}' is not a whole number; expected a whole number from 0 to 4"
            in str(err)
        )
    else:
        assert "the cell is empty; expected this column to be filled in on every row" in str(err)


def test_duplicate_row(data_copy):
    rows = read_rows(data_copy / "ratings.csv")
    rows.insert(5, list(rows[2]))  # line 6 repeats line 3
    write_rows(data_copy / "ratings.csv", rows)
    err = error_for(data_copy)
    assert str(err) == (
        "data/ratings.csv, line 6, columns 'relationship, feature': the value "
        "'colleagues, hierarchy' is a duplicate of line 3; expected each relationship and "
        "feature only once."
    )


def test_duplicate_id(data_copy):
    set_cell(data_copy / "examples.csv", 4, "id", "team-leader")
    err = error_for(data_copy)
    assert (err.file, err.line, err.column, err.value) == (
        "data/examples.csv",
        4,
        "id",
        "team-leader",
    )
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
    lines[3] = lines[3].replace(b"handover", b"caf\xe9 handover")
    path.write_bytes(b"\n".join(lines))
    err = error_for(data_copy)
    assert (err.file, err.line, err.column) == ("data/examples.csv", 4, "situation")
    assert "caf\\xe9 handover" in str(err)
    assert "is not UTF-8 text (byte 0xE9)" in str(err)
    assert "expected a file saved as UTF-8" in str(err)


def test_wrong_number_of_cells(data_copy):
    path = data_copy / "relationships.csv"
    text = path.read_text(encoding="utf-8").splitlines()
    text[2] = text[2] + ",oops"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    err = error_for(data_copy)
    assert (err.line, err.column) == (3, None)
    assert "the row has 5 cells; expected 4 cells" in str(err)


def test_missing_rating_and_level(data_copy):
    rows = read_rows(data_copy / "ratings.csv")
    write_rows(data_copy / "ratings.csv", [r for r in rows if r[:2] != ["volunteers", "formality"]])
    err = error_for(data_copy)
    assert "there is no rating for relationship 'volunteers' and feature 'formality'" in str(err)
    copy = copy_data(data_copy.parent / "other")
    rows = read_rows(copy / "scale_levels.csv")
    write_rows(copy / "scale_levels.csv", [r for r in rows if r[:2] != ["hierarchy", "3"]])
    err = error_for(copy)
    assert str(err).startswith("data/scale_levels.csv: feature 'hierarchy' has no row for level 3")


def test_several_problems_are_listed_one_per_line(data_copy):
    set_cell(data_copy / "ratings.csv", 14, "score", "7")
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
