"""Answering a question widget rightly, as a learner would, in its own terms."""

from __future__ import annotations

from typing import Any


def right_choice(w: Any) -> list[Any]:
    """The right answer as the widget shows it (its options may be shuffled). A poll has no right
    answer: any view will do."""
    q = w.question
    canonical = {
        "single": lambda: [next(i for i, o in enumerate(q.options) if o.correct)],
        "multiple": lambda: [i for i, o in enumerate(q.options) if o.correct],
        "true_false": lambda: [0 if q.answer else 1],
        "matching": lambda: list(range(len(q.pairs))),
        "ordering": lambda: list(range(len(q.items))),
        "sorting": lambda: [[c.id for c in q.categories].index(i.category) for i in q.items],
        "poll": lambda: [0],
    }[q.type]()
    return w.to_shown(canonical)


def answer_right(w: Any) -> None:
    """Answer and Check; a written question (a tutor marks it) is answered in own words."""
    q = w.question
    if q.type == "written":
        w.write(f"{q.frame[0] if q.frame else ''} My own words about {q.id}.")
        return
    w.choose(*right_choice(w))
    w.press_check()
