"""Question-bank schema: one pydantic model per question type, each grading its own answers.

A model never touches the page. It says what the learner may see (`view`) and scores a selection
(`grade`). Selections are lists of integers in the *canonical* order of the YAML file:

- single / true_false: ``[option]`` (``[]`` when nothing is chosen)
- multiple: the ticked options
- matching: for each pair, the index of the chosen right-hand text in ``choices()`` (-1 = none)
- sorting: for each item, the index of the chosen category (-1 = none)
- ordering: the items' canonical indices in the order the learner put them
- poll: ``[option]``, like single choice; a poll has no right answer and is not scored
- written: the self-check items the learner ticked; the answer itself is the record's text, judged
  by a tutor, never scored (see `widgets.written`)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
QuestionId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
ID_RULE = "lower-case letters, digits and single hyphens, like 'gift-from-individual'"
TYPES = (
    "single",
    "multiple",
    "true_false",
    "matching",
    "ordering",
    "sorting",
    "poll",
    "written",
)

RIGHT, WRONG, PART, VIEW = "✓", "✗", "◐", "✎"


@dataclass(frozen=True)
class Detail:
    """One line of feedback: a symbol, the item it is about, and why."""

    ok: bool
    item: str
    feedback: str

    @property
    def symbol(self) -> str:
        return RIGHT if self.ok else WRONG


@dataclass(frozen=True)
class Grade:
    """The outcome of checking one answer."""

    score: float
    answered: bool
    details: list[Detail] = field(default_factory=list)
    note: str = ""
    scored: bool = True  # False for a poll: an answer is a view, neither right nor wrong

    @property
    def correct(self) -> bool:
        return self.answered and self.scored and self.score >= 1.0

    @property
    def status(self) -> str:
        """One word for the page: correct, partial, wrong, or view (a poll's answer)."""
        if not self.scored:
            return "view"
        return "correct" if self.correct else ("partial" if self.score > 0 else "wrong")

    @property
    def verdict(self) -> str:
        """The headline a learner sees, in words and a symbol (never colour alone)."""
        if not self.answered:
            return "Choose an answer first, then press Check answer."
        if not self.scored:
            return (
                f"{VIEW} Thank you: your view is noted. There is no right or wrong answer here. "
                f"{self.note}"
            ).strip()
        if self.correct:
            return f"{RIGHT} Correct. {self.note}".strip()
        if self.score > 0:
            return f"{PART} Partly right: {round(self.score * 100)}% of this question. {self.note}".strip()
        return f"{WRONG} Not quite. {self.note}".strip()


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Strict):
    text: Text
    correct: bool = False
    feedback: Text


class Pair(_Strict):
    left: Text
    right: Text
    feedback: Text


class Item(_Strict):
    text: Text
    feedback: Text


class Category(_Strict):
    id: QuestionId
    label: Text


class SortItem(_Strict):
    text: Text
    category: QuestionId
    feedback: Text


class _Question(_Strict):
    #: False for a question with no right answer (a poll): it counts in progress, not in the score.
    scored: ClassVar[bool] = True

    id: QuestionId = Field(description=f"Unique within the bank: {ID_RULE}.")
    sections: list[QuestionId] = Field(min_length=1, description="Guide section ids.")
    prompt: Text
    hint: Text | None = None

    def view(self) -> dict[str, Any]:
        """What the page may show: no answer key."""
        return {"type": self.type, "prompt": self.prompt, "hint": self.hint or ""}

    def grade(self, selection: list[int]) -> Grade:
        raise NotImplementedError

    def describe(self, selection: list[int]) -> str:
        """The learner's answer in words, for the tutor's CSV."""
        raise NotImplementedError


class SingleChoice(_Question):
    type: Literal["single"]
    options: list[Option] = Field(min_length=2)

    @model_validator(mode="after")
    def _one_correct(self) -> SingleChoice:
        n = sum(o.correct for o in self.options)
        if n != 1:
            raise ValueError(f"options: {n} options have 'correct: true'; expected exactly one")
        return self

    def view(self) -> dict[str, Any]:
        return {**super().view(), "options": [o.text for o in self.options]}

    def grade(self, selection: list[int]) -> Grade:
        chosen = [i for i in selection if 0 <= i < len(self.options)][:1]
        if not chosen:
            return Grade(0.0, False)
        option = self.options[chosen[0]]
        return Grade(
            1.0 if option.correct else 0.0,
            True,
            [Detail(option.correct, option.text, option.feedback)],
        )

    def describe(self, selection: list[int]) -> str:
        return "; ".join(self.options[i].text for i in selection if 0 <= i < len(self.options))


class TrueFalse(_Question):
    type: Literal["true_false"]
    answer: bool
    feedback_true: Text
    feedback_false: Text

    def view(self) -> dict[str, Any]:
        return {**super().view(), "options": ["True", "False"]}

    def grade(self, selection: list[int]) -> Grade:
        if not selection or selection[0] not in (0, 1):
            return Grade(0.0, False)
        picked_true = selection[0] == 0
        ok = picked_true == self.answer
        text = self.feedback_true if picked_true else self.feedback_false
        return Grade(
            1.0 if ok else 0.0, True, [Detail(ok, "True" if picked_true else "False", text)]
        )

    def describe(self, selection: list[int]) -> str:
        return {0: "True", 1: "False"}.get(selection[0], "") if selection else ""


class MultipleSelect(_Question):
    """Partial credit: (right ticks − wrong ticks) ÷ number of right options, never below 0."""

    type: Literal["multiple"]
    options: list[Option] = Field(min_length=2)

    @model_validator(mode="after")
    def _some_correct(self) -> MultipleSelect:
        if not any(o.correct for o in self.options):
            raise ValueError("options: no option has 'correct: true'; expected at least one")
        return self

    def view(self) -> dict[str, Any]:
        return {**super().view(), "options": [o.text for o in self.options]}

    def grade(self, selection: list[int]) -> Grade:
        ticked = sorted({i for i in selection if 0 <= i < len(self.options)})
        if not ticked:
            return Grade(0.0, False)
        n_right = sum(o.correct for o in self.options)
        hits = sum(self.options[i].correct for i in ticked)
        wrong = len(ticked) - hits
        score = max(0.0, (hits - wrong) / n_right)
        details = [
            Detail(self.options[i].correct, self.options[i].text, self.options[i].feedback)
            for i in ticked
        ]
        missed = n_right - hits
        note = f"You missed {missed} right option{'s' if missed != 1 else ''}." if missed else ""
        return Grade(score, True, details, note)

    def describe(self, selection: list[int]) -> str:
        return "; ".join(
            self.options[i].text for i in sorted(set(selection)) if 0 <= i < len(self.options)
        )


class Matching(_Question):
    type: Literal["matching"]
    pairs: list[Pair] = Field(min_length=2)
    distractors: list[Text] = Field(default_factory=list)

    @model_validator(mode="after")
    def _distinct(self) -> Matching:
        rights = [p.right for p in self.pairs] + list(self.distractors)
        if len(set(rights)) != len(rights):
            raise ValueError(
                "pairs: two right-hand texts (or distractors) are the same; "
                "expected every one to be different"
            )
        lefts = [p.left for p in self.pairs]
        if len(set(lefts)) != len(lefts):
            raise ValueError(
                "pairs: two left-hand texts are the same; expected every one to be different"
            )
        return self

    def choices(self) -> list[str]:
        return [p.right for p in self.pairs] + list(self.distractors)

    def view(self) -> dict[str, Any]:
        return {**super().view(), "items": [p.left for p in self.pairs], "choices": self.choices()}

    def grade(self, selection: list[int]) -> Grade:
        return _grade_slots(
            selection,
            [p.left for p in self.pairs],
            list(range(len(self.pairs))),
            [p.feedback for p in self.pairs],
            self.choices(),
        )

    def describe(self, selection: list[int]) -> str:
        return _describe_slots(selection, [p.left for p in self.pairs], self.choices())


class Sorting(_Question):
    type: Literal["sorting"]
    categories: list[Category] = Field(min_length=2)
    items: list[SortItem] = Field(min_length=2)

    @model_validator(mode="after")
    def _known_categories(self) -> Sorting:
        ids = [c.id for c in self.categories]
        if len(set(ids)) != len(ids):
            raise ValueError("categories: two categories have the same id; expected different ids")
        for n, item in enumerate(self.items):
            if item.category not in ids:
                raise ValueError(
                    f"items[{n}].category: '{item.category}' is not one of this "
                    f"question's categories; expected one of: {', '.join(ids)}"
                )
        return self

    def view(self) -> dict[str, Any]:
        return {
            **super().view(),
            "items": [i.text for i in self.items],
            "choices": [c.label for c in self.categories],
        }

    def grade(self, selection: list[int]) -> Grade:
        ids = [c.id for c in self.categories]
        return _grade_slots(
            selection,
            [i.text for i in self.items],
            [ids.index(i.category) for i in self.items],
            [i.feedback for i in self.items],
            [c.label for c in self.categories],
        )

    def describe(self, selection: list[int]) -> str:
        return _describe_slots(
            selection, [i.text for i in self.items], [c.label for c in self.categories]
        )


class Ordering(_Question):
    type: Literal["ordering"]
    items: list[Item] = Field(min_length=2, description="Written in the correct order.")

    def view(self) -> dict[str, Any]:
        return {**super().view(), "items": [i.text for i in self.items]}

    def grade(self, selection: list[int]) -> Grade:
        n = len(self.items)
        if sorted(selection) != list(range(n)):
            return Grade(0.0, False)
        details = []
        for pos, idx in enumerate(selection):
            ok = idx == pos
            where = f"position {pos + 1}"
            details.append(
                Detail(ok, f"{self.items[idx].text} ({where})", self.items[idx].feedback)
            )
        right = sum(d.ok for d in details)
        return Grade(right / n, True, details, f"{right} of {n} in the right place.")

    def describe(self, selection: list[int]) -> str:
        return " > ".join(self.items[i].text for i in selection if 0 <= i < len(self.items))


class PollOption(_Strict):
    text: Text
    feedback: Text | None = Field(
        default=None, description="Optional: something to think about after choosing this view."
    )


class Poll(_Question):
    """An opinion or "it depends" question: no right answer, and the class's spread is the point.

    A poll counts towards a quiz's progress (it is answered or not) but not towards its score.
    """

    scored: ClassVar[bool] = False

    type: Literal["poll"]
    options: list[PollOption] = Field(min_length=2, description="Shown in this order.")
    discussion: Text | None = Field(
        default=None, description="Optional: a question to talk about once the class has answered."
    )

    @model_validator(mode="before")
    @classmethod
    def _no_right_answer(cls, data: Any) -> Any:
        options = data.get("options") if isinstance(data, dict) else None
        for n, option in enumerate(options if isinstance(options, list) else []):
            if isinstance(option, dict) and "correct" in option:
                raise ValueError(
                    f"options[{n}].correct: a poll has no right answer; expected no 'correct' "
                    "line (for a question with a right answer use type: single)"
                )
        return data

    @model_validator(mode="after")
    def _distinct(self) -> Poll:
        texts = [o.text for o in self.options]
        if len(set(texts)) != len(texts):
            raise ValueError(
                "options: two options have the same text; expected every option to be different"
            )
        return self

    def view(self) -> dict[str, Any]:
        return {**super().view(), "options": [o.text for o in self.options]}

    def grade(self, selection: list[int]) -> Grade:
        chosen = [i for i in selection if 0 <= i < len(self.options)][:1]
        if not chosen:
            return Grade(0.0, False, scored=False)
        option = self.options[chosen[0]]
        note = " ".join(t for t in (option.feedback, self.discussion) if t)
        return Grade(0.0, True, note=note, scored=False)

    def describe(self, selection: list[int]) -> str:
        return "; ".join(self.options[i].text for i in selection[:1] if 0 <= i < len(self.options))


CRITERION = r"^[0-9]{1,2}\.[0-9]{1,2}$"
#: The longest suggested length a written question may ask for, in words.
MAX_WORDS = 2000


class Written(_Question):
    """A written answer in the learner's own words: evidence for one assessment criterion.

    It has no right answer and no score. It counts towards a quiz's progress once the learner has
    written something of their own (more than the writing frame), and a tutor marks it "met" or
    "not yet". The model answer never reaches the page until a first draft is saved.
    """

    scored: ClassVar[bool] = False

    type: Literal["written"]
    criterion: Annotated[str, StringConstraints(strip_whitespace=True, pattern=CRITERION)] = Field(
        description="The unit's criterion number, in quotes, like '1.1'."
    )
    frame: list[Text] = Field(
        default_factory=list,
        description="Optional sentence starters put in the answer box; the learner keeps or deletes them.",
    )
    min_words: int = Field(
        ge=1, le=MAX_WORDS, description="Suggested length: at least this many words."
    )
    max_words: int | None = Field(
        default=None, ge=1, le=MAX_WORDS, description="Optional: and at most this many."
    )
    self_check: list[Text] = Field(
        min_length=1,
        description="What a good answer does, from the criterion; the learner ticks each.",
    )
    model_answer: Text = Field(description="Shown only after the learner saves a first draft.")

    @model_validator(mode="after")
    def _length(self) -> Written:
        if self.max_words is not None and self.max_words < self.min_words:
            raise ValueError(
                f"max_words: {self.max_words} is less than min_words ({self.min_words}); "
                "expected a number of words at least as big as min_words"
            )
        return self

    @property
    def length_words(self) -> str:
        """The suggested length in words: "about 80 to 150 words"."""
        if self.max_words is None or self.max_words == self.min_words:
            return f"at least {self.min_words} words"
        return f"about {self.min_words} to {self.max_words} words"

    def view(self) -> dict[str, Any]:
        return {
            **super().view(),
            "criterion": self.criterion,
            "frame": list(self.frame),
            "min_words": self.min_words,
            "max_words": self.max_words,
            "length": self.length_words,
            "self_check": list(self.self_check),
        }

    def grade(self, selection: list[int]) -> Grade:
        """Never scored: a person judges a written answer. (The selection is only the self-check
        items ticked, so it cannot say whether anything was written; see `widgets.written`.)"""
        return Grade(0.0, False, scored=False)

    def describe(self, selection: list[int]) -> str:
        return "; ".join(
            self.self_check[i] for i in sorted(set(selection)) if 0 <= i < len(self.self_check)
        )


Question = Annotated[
    SingleChoice | MultipleSelect | TrueFalse | Matching | Ordering | Sorting | Poll | Written,
    Field(discriminator="type"),
]


class Bank(_Strict):
    """One YAML file of questions on one topic."""

    title: Text
    description: str = ""
    questions: list[Question] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Bank:
        seen: set[str] = set()
        for n, q in enumerate(self.questions):
            if q.id in seen:
                raise ValueError(
                    f"questions[{n}].id: '{q.id}' is used twice; expected a different id "
                    "for every question in a bank"
                )
            seen.add(q.id)
        return self

    def get(self, question_id: str) -> _Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)


def _grade_slots(
    selection: list[int],
    items: list[str],
    answers: list[int],
    feedback: list[str],
    labels: list[str],
) -> Grade:
    """Matching and sorting: each item placed into one of `labels`."""
    picks = list(selection) + [-1] * (len(items) - len(selection))
    if all(p < 0 for p in picks[: len(items)]):
        return Grade(0.0, False)
    details = []
    for item, want, why, got in zip(items, answers, feedback, picks, strict=False):
        chosen = labels[got] if 0 <= got < len(labels) else "nothing chosen"
        details.append(Detail(got == want, f"{item} → {chosen}", why))
    right = sum(d.ok for d in details)
    return Grade(right / len(items), True, details, f"{right} of {len(items)} right.")


def _describe_slots(selection: list[int], items: list[str], labels: list[str]) -> str:
    parts = []
    for item, got in zip(items, selection, strict=False):
        parts.append(f"{item} = {labels[got] if 0 <= got < len(labels) else '-'}")
    return "; ".join(parts)


SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """A safe id from any text: 'Families & carers' -> 'families-carers'."""
    return SLUG.sub("-", text.lower()).strip("-") or "x"
