"""What a notebook cell calls: `start()`, `quiz(...)`, `generated_quiz(...)`."""

from __future__ import annotations

from collections.abc import Sequence

from widgets.quizzes.bank import load_bank, section_titles
from widgets.quizzes.learner_panel import LearnerPanel
from widgets.quizzes.quiz import Quiz, quiz_from_bank
from widgets.quizzes.session import current_session


def start() -> LearnerPanel:
    """Show the 'Your name' box. Answers in this notebook are saved under that name."""
    return LearnerPanel(current_session())


def quiz(
    bank: str,
    *,
    section: str | None = None,
    ids: Sequence[str] | None = None,
    title: str | None = None,
    seed: int | None = 0,
    shuffle_questions: bool = False,
    mini: bool | None = None,
) -> Quiz:
    """A quiz from `data/quizzes/<bank>.yaml`: all of it, one guide section, or chosen ids.

    All of a bank is a whole quiz: a title, one progress bar and a final score. One section or
    chosen ids make a mini-quiz that shows only its questions (`mini=False` adds the rest).
    """
    loaded = load_bank(bank)
    if title is None and section is not None:
        title = f"Quick check: {section_titles().get(section, section)}"
    return quiz_from_bank(
        loaded,
        bank,
        section=section,
        ids=ids,
        title=title,
        seed=seed,
        shuffle_questions=shuffle_questions,
        section_titles=section_titles(),
        mini=mini,
    )


def generated_quiz(
    kinds: Sequence[str] = ("most", "least", "order", "example"),
    *,
    features: Sequence[str] | None = None,
    limit: int | None = 6,
    seed: int = 0,
    title: str = "Questions made from the dataset",
    mini: bool = True,
) -> Quiz:
    """A quiz whose questions are made from the relationship-feature dataset.

    It sits inside a lesson, so it is a mini-quiz (only its questions) unless `mini=False`.
    """
    from widgets.dataset import load_dataset
    from widgets.quizzes.generate import generate

    questions = generate(load_dataset(), kinds=kinds, features=features, seed=seed)
    if limit is not None:
        questions = questions[:limit]
    return Quiz(
        questions,
        quiz_id="generated",
        title=title,
        seed=seed,
        description="These questions are made from the ratings in data/. "
        "The ratings are teaching judgements, not measurements.",
        section_titles=section_titles(),
        mini=mini,
    )
