"""Questions made from the dataset follow the data: a new relationship, feature or example adds some."""

from __future__ import annotations

from pathlib import Path

from datahelpers import extend_data

from widgets.dataset import load_dataset
from widgets.quizzes.generate import generate
from widgets.quizzes.models import slug
from widgets.quizzes.question import QuestionWidget


def test_questions_from_the_real_data_can_be_answered() -> None:
    ds = load_dataset()
    questions = generate(ds)
    kinds = {q.id.split("-")[1] for q in questions}
    assert kinds == {"most", "least", "order", "example"}
    assert len([q for q in questions if q.id.startswith("gen-example-")]) == len(ds.examples)
    for feat in ds.feature_ids:
        scores = {r: ds.score(r, feat) for r in ds.relationship_ids}
        leaders = [r for r, s in scores.items() if s == max(scores.values())]
        most = [q for q in questions if q.id == f"gen-most-{slug(feat)}"]
        assert len(most) == (1 if len(leaders) == 1 else 0)
        for q in most:
            assert [o.text for o in q.options if o.correct] == [ds.relationship_name(leaders[0])]
            assert all("Rated" in o.feedback for o in q.options)
    for q in questions:
        QuestionWidget(q)  # every generated question renders


def test_same_seed_same_questions() -> None:
    ds = load_dataset()
    a = [q.model_dump() for q in generate(ds, seed=3)]
    assert a == [q.model_dump() for q in generate(ds, seed=3)]


def test_a_new_relationship_feature_and_example_add_questions(data_copy: Path) -> None:
    before = generate(load_dataset(data_copy))
    ext = extend_data(data_copy)
    after = generate(load_dataset(data_copy))
    made = {q.id for q in after}
    feature = slug(ext.feature)
    assert {f"gen-most-{feature}", f"gen-order-{feature}", f"gen-example-{ext.example}"} <= made
    examples = [q for q in after if q.id.startswith("gen-example-")]
    assert len(examples) == len([q for q in before if q.id.startswith("gen-example-")]) + 2
    most = next(q for q in after if q.id == f"gen-most-{feature}")
    assert [o.text for o in most.options if o.correct] == [ext.relationship_name]
    assert most.prompt.endswith("the most regulated?")
    assert most.sections == [ext.section]
