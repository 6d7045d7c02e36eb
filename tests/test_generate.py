"""Questions made from the dataset follow the data: a new relationship, feature or example adds some."""

from __future__ import annotations

import csv
from pathlib import Path

from widgets.dataset import load_dataset
from widgets.quizzes.generate import generate
from widgets.quizzes.question import QuestionWidget


def append(path: Path, rows: list[list[str]]) -> None:
    with path.open("a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def test_questions_from_the_real_data_can_be_answered() -> None:
    ds = load_dataset()
    questions = generate(ds)
    kinds = {q.id.split("-")[1] for q in questions}
    assert kinds == {"most", "least", "order", "example"}
    assert len([q for q in questions if q.id.startswith("gen-example-")]) == len(ds.examples)
    most = next(q for q in questions if q.id == "gen-most-hierarchy")
    right = [o.text for o in most.options if o.correct]
    assert right == [ds.relationship_name("manager-staff")]
    assert all("Rated" in o.feedback for o in most.options)
    for q in questions:
        QuestionWidget(q)  # every generated question renders


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
    append(
        data_copy / "examples.csv",
        [
            [
                "student-nurse",
                "Student nurse",
                "colleagues",
                "A student nurse asks you how to fill in a fluid chart.",
                "colleagues",
            ]
        ],
    )
    ds = load_dataset(data_copy)
    after = generate(ds)
    ids = {q.id for q in after}
    assert {"gen-most-paperwork", "gen-order-paperwork", "gen-example-student-nurse"} <= ids
    examples = [q for q in after if q.id.startswith("gen-example-")]
    assert len(examples) == len([q for q in before if q.id.startswith("gen-example-")]) + 1
    most = next(q for q in after if q.id == "gen-most-paperwork")
    assert [o.text for o in most.options if o.correct] == ["Students on placement"]
    assert most.prompt.endswith("the most paperwork?")
