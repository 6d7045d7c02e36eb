"""One question laid out for paper: what the worksheet shows and what the answer key adds.

The worksheet and the answer key are made from the same :class:`SheetQuestion`, so the letters and
the shuffled order a learner sees are the ones the key refers to. Shuffles are seeded with the bank
and question id: the same question prints the same way every time.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, field
from typing import Any

LETTERS = string.ascii_uppercase


def letter(n: int) -> str:
    """A, B, … Z, then AA, AB, … for long lists."""
    return LETTERS[n] if n < len(LETTERS) else letter(n // len(LETTERS) - 1) + LETTERS[n % 26]


@dataclass(frozen=True)
class Choice:
    """A line with a tick box (worksheet) and, in the key, whether it is right and why."""

    text: str
    right: bool = False
    feedback: str = ""


@dataclass(frozen=True)
class Slot:
    """A line where the learner writes a letter or a number in a box."""

    text: str
    answer: str = ""  # the letter or number that goes in the box
    answer_text: str = ""  # what that letter or number stands for
    feedback: str = ""


@dataclass
class SheetQuestion:
    """How one question prints. ``kind`` picks the template block: choices, letters, order, open."""

    number: int
    qid: str
    kind: str
    prompt: str
    instruction: str
    hint: str = ""
    choices: list[Choice] = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)
    letters: list[tuple[str, str]] = field(default_factory=list)  # (letter, text) to pick from
    unused: list[str] = field(default_factory=list)  # letters' texts that belong to no item
    key_note: str = ""
    frame: list[str] = field(
        default_factory=list
    )  # written: sentence starters to keep or cross out
    model_answer: str = ""  # written: for the answer key only
    lines: int = 0  # written: ruled lines for the answer (0: the pack's usual number)

    @property
    def in_order(self) -> list[Slot]:
        """Ordering questions: the items in the right order (for the answer key)."""
        return sorted(self.slots, key=lambda s: int(s.answer))


def _shuffled(items: list[Any], seed: str) -> list[Any]:
    """A fixed shuffle that never leaves two or more items in their first order."""
    order = list(items)
    random.Random(seed).shuffle(order)
    if len(order) > 1 and order == list(items):
        order = order[1:] + order[:1]
    return order


def _choices(n: int, q: Any, bank_id: str) -> SheetQuestion:
    many = q.type == "multiple"
    return SheetQuestion(
        n,
        q.id,
        "choices",
        q.prompt,
        "Tick every box that is right." if many else "Tick one box.",
        q.hint or "",
        choices=[Choice(o.text, o.correct, o.feedback) for o in q.options],
    )


def _true_false(n: int, q: Any, bank_id: str) -> SheetQuestion:
    return SheetQuestion(
        n,
        q.id,
        "choices",
        q.prompt,
        "Tick True or False.",
        q.hint or "",
        choices=[
            Choice("True", q.answer, q.feedback_true),
            Choice("False", not q.answer, q.feedback_false),
        ],
    )


def _lettered(n, q, bank_id, rows, options, instruction, shuffle) -> SheetQuestion:
    """Matching and sorting: each row gets the letter of one of ``options``."""
    shown = _shuffled(options, f"{bank_id}:{q.id}") if shuffle else list(options)
    letters = {text: letter(i) for i, text in enumerate(shown)}
    used = {right for _, right, _ in rows}
    return SheetQuestion(
        n,
        q.id,
        "letters",
        q.prompt,
        instruction,
        q.hint or "",
        slots=[Slot(left, letters[right], right, why) for left, right, why in rows],
        letters=[(letters[text], text) for text in shown],
        unused=[f"{letters[text]}: {text}" for text in shown if text not in used],
    )


def _matching(n: int, q: Any, bank_id: str) -> SheetQuestion:
    rows = [(p.left, p.right, p.feedback) for p in q.pairs]
    instruction = (
        "Write the letter of the matching answer in each box. Some letters may not be used."
    )
    return _lettered(n, q, bank_id, rows, q.choices(), instruction, shuffle=True)


def _sorting(n: int, q: Any, bank_id: str) -> SheetQuestion:
    labels = {c.id: c.label for c in q.categories}
    rows = [(i.text, labels[i.category], i.feedback) for i in q.items]
    instruction = "Write the letter of the group each one belongs to in its box."
    return _lettered(n, q, bank_id, rows, list(labels.values()), instruction, shuffle=False)


def _ordering(n: int, q: Any, bank_id: str) -> SheetQuestion:
    right_place = {id(item): pos for pos, item in enumerate(q.items, 1)}
    shown = _shuffled(list(q.items), f"{bank_id}:{q.id}")
    return SheetQuestion(
        n,
        q.id,
        "order",
        q.prompt,
        f"Number the boxes from 1 to {len(shown)} to put them in order.",
        q.hint or "",
        slots=[Slot(i.text, str(right_place[id(i)]), "", i.feedback) for i in shown],
    )


def _open(n: int, q: Any, bank_id: str) -> SheetQuestion:
    """A type with no paper layout of its own (a poll, a written answer): options if any, and lines."""
    options = getattr(q, "options", None) or []
    texts = [getattr(o, "text", o) for o in options]
    notes = [getattr(o, "feedback", None) or "" for o in options]
    discussion = getattr(q, "discussion", None)
    key_note = "There is no single right answer: use the answers to start a discussion."
    if discussion:
        key_note += f" To discuss: {discussion}"
    return SheetQuestion(
        n,
        q.id,
        "choices" if texts else "open",
        q.prompt,
        "Tick the box closest to your view." if texts else "Write your answer on the lines.",
        getattr(q, "hint", None) or "",
        choices=[Choice(str(t), feedback=note) for t, note in zip(texts, notes, strict=True)],
        key_note=key_note,
    )


#: About this many words fit on one ruled line of the worksheet.
WORDS_PER_LINE = 10


def _written(n: int, q: Any, bank_id: str) -> SheetQuestion:
    """A written answer: the frame to start from, the suggested length, the self-check to tick,
    and lines enough for the suggested length; the key adds the model answer."""
    return SheetQuestion(
        n,
        q.id,
        "written",
        q.prompt,
        f"Write {q.length_words}. Criterion {q.criterion}. Tick each check when your answer does it.",
        q.hint or "",
        choices=[Choice(item) for item in q.self_check],
        frame=list(q.frame),
        model_answer=q.model_answer,
        lines=max(6, -(-(q.max_words or q.min_words) // WORDS_PER_LINE)),
        key_note="Mark it met or not yet against the criterion; the self-check list is what a good "
        "answer does.",
    )


LAYOUTS = {
    "single": _choices,
    "multiple": _choices,
    "true_false": _true_false,
    "matching": _matching,
    "sorting": _sorting,
    "ordering": _ordering,
    "written": _written,
}


def sheet_questions(bank_id: str, questions: list[Any]) -> list[SheetQuestion]:
    """Every question of a bank, numbered from 1, laid out for paper."""
    return [
        LAYOUTS.get(getattr(q, "type", ""), _open)(n, q, bank_id)
        for n, q in enumerate(questions, 1)
    ]
