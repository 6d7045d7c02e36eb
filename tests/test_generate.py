"""Questions made from the dataset follow the data: a new relationship, feature or example adds some."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from widgets.dataset import load_dataset
from widgets.errors import DataError
from widgets.quizzes.generate import MIN_GAP, OUR_RATINGS, generate
from widgets.quizzes.models import slug
from widgets.quizzes.question import QuestionWidget


def append(path: Path, rows: list[list[str]]) -> None:
    with path.open("a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def _score(ds, name: str, feature: str) -> int:
    rid = next(r for r in ds.relationship_ids if ds.relationship_name(r) == name)
    return ds.score(rid, feature)


def _feature(ds, q) -> str:
    """The feature a most/least/order question is about, from its id."""
    return next(f for f in ds.feature_ids if q.id.endswith("-" + slug(f)))


def test_questions_from_the_real_data_can_be_answered() -> None:
    ds = load_dataset()
    questions = generate(ds)
    kinds = {q.id.split("-")[1] for q in questions}
    assert kinds == {"most", "least", "order", "example"}
    assert len([q for q in questions if q.id.startswith("gen-example-")]) == len(ds.examples)
    wide = ds.wide()
    for feature in ds.feature_ids:
        top = wide[feature].max()
        q = next((q for q in questions if q.id == f"gen-most-{slug(feature)}"), None)
        if (wide[feature] == top).sum() == 1:
            assert q is not None, f"no question for the unique top of {feature}"
            right = [o.text for o in q.options if o.correct]
            assert right == [ds.relationship_name(wide[feature].idxmax())]
        else:
            assert q is None, f"{feature}: a tie at the top must not become a question"
    for q in questions:
        QuestionWidget(q)  # every generated question renders


def test_rating_questions_say_they_are_this_collections_judgements() -> None:
    for q in generate(load_dataset()):
        if not q.id.startswith("gen-example-"):
            assert q.prompt.startswith(OUR_RATINGS), q.prompt
            texts = [o.feedback for o in getattr(q, "options", None) or q.items]
            assert all("in this collection" in t for t in texts), q.id


def test_compared_relationships_differ_by_at_least_two_points() -> None:
    ds = load_dataset()
    for q in generate(ds):
        if q.id.startswith(("gen-most-", "gen-least-")):
            feature = _feature(ds, q)
            right = next(o for o in q.options if o.correct)
            for o in q.options:
                if o is not right:
                    gap = abs(_score(ds, right.text, feature) - _score(ds, o.text, feature))
                    assert gap >= MIN_GAP, (q.id, right.text, o.text)
            assert len(q.options) >= 3
        elif q.id.startswith("gen-order-"):
            feature = _feature(ds, q)
            scores = [_score(ds, i.text, feature) for i in q.items]
            assert all(a - b >= MIN_GAP for a, b in zip(scores, scores[1:], strict=False)), q.id


def test_close_ratings_give_no_question(data_copy: Path) -> None:
    """Scores of 2 and 3 only: every pair differs by less than two points, so nothing to ask."""
    path = data_copy / "ratings.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    for n, row in enumerate(rows[1:]):
        row[2] = "3" if n % 2 else "2"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    made = generate(load_dataset(data_copy), kinds=["most", "least", "order"])
    assert made == []


def test_an_example_that_fits_two_types_is_never_asked_as_one() -> None:
    ds = load_dataset()
    by_id = {q.id: q for q in generate(ds, kinds=["example"])}
    names = {r: ds.relationship_name(r) for r in ds.relationship_ids}
    several = 0
    for ex in ds.examples.itertuples():
        q = by_id[f"gen-example-{slug(str(ex.id))}"]
        also = str(ex.also_fits).split() if isinstance(ex.also_fits, str) else []
        right = {o.text for o in q.options if o.correct}
        assert right == {names[str(ex.relationship)], *(names[a] for a in also)}, ex.id
        if also:
            several += 1
            assert q.type == "multiple", f"{ex.id} fits {also} too but is asked as one type"
            share = len(right) / len(q.options)
            assert 1 / 3 <= share <= 2 / 3
        else:
            assert q.type == "single" and len(q.options) >= 3
    assert several, "the data names no example that fits more than one type"


def test_an_unknown_type_in_also_fits_is_reported(data_copy: Path) -> None:
    path = data_copy / "examples.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    col = rows[0].index("also_fits")
    rows[3][col] = "colleagues volunteer"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    with pytest.raises(DataError) as info:
        generate(load_dataset(data_copy), kinds=["example"])
    assert info.value.line == 4 and info.value.value == "volunteer"
    assert "also_fits" in str(info.value)


def test_same_seed_same_questions() -> None:
    ds = load_dataset()
    a = [q.model_dump() for q in generate(ds, seed=3)]
    assert a == [q.model_dump() for q in generate(ds, seed=3)]


def test_a_new_relationship_feature_and_example_add_questions(data_copy: Path) -> None:
    before = generate(load_dataset(data_copy))
    ds0 = load_dataset(data_copy)
    features = list(ds0.features["id"].astype(str))
    rels = list(ds0.relationships["id"].astype(str))
    append(
        data_copy / "relationships.csv",
        [
            [
                "students",
                "Students on placement",
                "Learners who shadow staff for a few weeks.",
                "colleagues",
            ]
        ],
    )
    append(
        data_copy / "features.csv",
        [
            [
                "paperwork",
                "Paperwork",
                "most paperwork",
                "least paperwork",
                "How much gets written down.",
            ]
        ],
    )
    append(
        data_copy / "scale_levels.csv",
        [["paperwork", str(n), f"Level {n}", f"Paperwork level {n}."] for n in range(5)],
    )
    # the students score 4 on everything: the unique top for features where others stay below 4
    append(
        data_copy / "ratings.csv",
        [["students", f, "4", "A judgement for the test.", "colleagues"] for f in features],
    )
    append(
        data_copy / "ratings.csv",
        [
            [r, "paperwork", str(n % 4), "A judgement for the test.", "colleagues"]
            for n, r in enumerate(rels)
        ],
    )
    append(
        data_copy / "ratings.csv", [["students", "paperwork", "4", "A judgement.", "colleagues"]]
    )
    with (data_copy / "examples.csv").open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    example = {
        "id": "student-nurse",
        "other_party": "Student nurse",
        "relationship": "colleagues",
        "situation": "A student nurse asks you how to fill in a fluid chart.",
        "source": "colleagues",
        "setting": "nursing-home",
    }
    append(data_copy / "examples.csv", [[example.get(col, "") for col in header]])
    ds = load_dataset(data_copy)
    after = generate(ds)
    ids = {q.id for q in after}
    assert {"gen-most-paperwork", "gen-order-paperwork", "gen-example-student-nurse"} <= ids
    examples = [q for q in after if q.id.startswith("gen-example-")]
    assert len(examples) == len([q for q in before if q.id.startswith("gen-example-")]) + 1
    most = next(q for q in after if q.id == "gen-most-paperwork")
    assert [o.text for o in most.options if o.correct] == ["Students on placement"]
    assert most.prompt.endswith("the most paperwork?")
