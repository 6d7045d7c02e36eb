"""Per quiz and per question: who started and finished, the spread of answers, the share correct
and the most common wrong answer with the bank's own feedback for it.

With the quiz's question bank, every saved selection is graded again by the question's model, so
the spread is counted per option (or per item for matching, sorting and ordering) and the
feedback is the bank's. A quiz with no bank file (questions made from the dataset, or a bank a
designer made elsewhere) is counted from the answers' own words and their saved right/wrong.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from widgets.classview.reading import ClassSnapshot, relative
from widgets.quizzes.models import Bank, Grade, _Question

CHOICE_TYPES = ("single", "multiple", "true_false", "poll")
MAX_TEXT_ROWS = 10  # a quiz with no bank: the most common answers, then "Any other answer"
MAX_FEEDBACK = 3


@dataclass(frozen=True)
class Row:
    """One bar of the spread: an option (who chose it) or an item (placed right / wrong)."""

    label: str
    count: int  # chose this option; or, for an item, placed it right
    wrong: int | None = None  # items only: placed it wrong or left it
    correct: bool | None = None  # options only: a right answer (None: a poll, or not known)
    names: tuple[str, ...] = ()  # who chose it; for an item, who placed it wrong


@dataclass(frozen=True)
class CommonWrong:
    """The wrong answer given most often, with the bank's feedback for what was wrong in it."""

    answer: str
    count: int
    feedback: tuple[tuple[str, str], ...]  # (the part that was wrong, why)
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuestionSummary:
    quiz: str
    id: str
    number: int  # its place in the bank, from 1
    type: str  # a question type, or "text" when there is no bank to read it from
    prompt: str
    answered: int
    correct: int | None  # None for a poll: no answer is right or wrong
    rows: tuple[Row, ...]
    common_wrong: CommonWrong | None = None
    discussion: str = ""
    who: frozenset[str] = frozenset()  # the names of the learners who answered it

    @property
    def layout(self) -> str:
        return "items" if self.type in ("matching", "sorting", "ordering") else "options"

    @property
    def wrong(self) -> int:
        return 0 if self.correct is None else self.answered - self.correct

    @property
    def share_correct(self) -> float | None:
        if self.correct is None or not self.answered:
            return None
        return self.correct / self.answered


@dataclass(frozen=True)
class QuizSummary:
    quiz: str
    title: str
    has_bank: bool
    questions: tuple[QuestionSummary, ...]  # in the bank's order
    started: tuple[str, ...]  # names of learners with at least one answer
    finished: tuple[str, ...]  # names of learners who answered every question in play
    stray: int = 0  # saved answers to questions that are not in the bank (any more)
    #: Questions that anyone has answered. A lesson often shows part of a bank (one section), so
    #: "finished" means answering every question the class has been answering, not the whole bank.
    in_play: int = 0

    def by_wrong(self) -> list[QuestionSummary]:
        """Most answered wrong first; then the bank's order."""
        return sorted(self.questions, key=lambda q: (-q.wrong, q.number))


def display_names(snapshot: ClassSnapshot) -> dict[int, str]:
    """id(learner file) -> the name to show; two files with one name are told apart by file."""
    counts = Counter(lf.learner for lf in snapshot.learners)
    return {
        id(lf): lf.learner
        if counts[lf.learner] == 1
        else f"{lf.learner} ({relative(lf.path, snapshot.folder)})"
        for lf in snapshot.learners
    }


def _selection(record: Any) -> list[int] | None:
    sel = record.get("selected") if isinstance(record, dict) else None
    if type(sel) is not list or not all(type(x) is int for x in sel):  # bool is not int here
        return None
    return sel


def summarise(snapshot: ClassSnapshot, quiz: str, bank: Bank | None = None) -> QuizSummary:
    """The class's answers to one quiz (one bank id)."""
    names = display_names(snapshot)
    entries: list[tuple[str, dict[str, Any]]] = [
        (names[id(lf)], dict(lf.answers.get(quiz, {})))
        for lf in snapshot.learners
        if lf.answers.get(quiz)
    ]
    if bank is not None:
        ids = [q.id for q in bank.questions]
        known = set(ids)
        questions = tuple(
            _with_model(quiz, n, q, [(name, recs[q.id]) for name, recs in entries if q.id in recs])
            for n, q in enumerate(bank.questions, start=1)
        )
        stray = sum(1 for _, recs in entries for qid in recs if qid not in known)
        title = bank.title
    else:
        ids = sorted({qid for _, recs in entries for qid in recs})
        questions = tuple(
            _from_text(quiz, n, qid, [(name, recs[qid]) for name, recs in entries if qid in recs])
            for n, qid in enumerate(ids, start=1)
        )
        stray = 0
        title = quiz
    in_play = [q.who for q in questions if q.who]
    started = frozenset().union(*in_play) if in_play else frozenset()
    finished = frozenset.intersection(*in_play) if in_play else frozenset()
    return QuizSummary(
        quiz,
        title,
        bank is not None,
        questions,
        tuple(sorted(started)),
        tuple(sorted(finished)),
        stray,
        len(in_play),
    )


def _grade(q: _Question, sel: list[int], memo: dict[tuple[int, ...], Grade]) -> Grade:
    key = tuple(sel)
    grade = memo.get(key)
    if grade is None:
        grade = memo[key] = q.grade(sel)
    return grade


def _written(
    quiz: str, number: int, q: _Question, entries: Iterable[tuple[str, dict[str, Any]]]
) -> QuestionSummary:
    """A written answer: who has written one (no spread, no right answer; tutors mark it)."""
    who = frozenset(
        name
        for name, rec in entries
        if isinstance(rec, dict)
        and rec.get("answered") is True
        and isinstance(rec.get("answer"), str)
    )
    return QuestionSummary(quiz, q.id, number, q.type, q.prompt, len(who), None, (), who=who)


def _with_model(
    quiz: str, number: int, q: _Question, entries: Iterable[tuple[str, dict[str, Any]]]
) -> QuestionSummary:
    if q.type == "written":
        return _written(quiz, number, q, entries)
    memo: dict[tuple[int, ...], Grade] = {}
    graded: list[tuple[str, list[int], Grade]] = []
    for name, rec in entries:
        sel = _selection(rec)
        if sel is None:
            continue
        grade = _grade(q, sel, memo)
        if grade.answered:
            graded.append((name, sel, grade))
    rows = _option_rows(q, graded) if q.type in CHOICE_TYPES else _item_rows(q, graded)
    correct = None if not q.scored else sum(g.correct for _, _, g in graded)
    return QuestionSummary(
        quiz,
        q.id,
        number,
        q.type,
        q.prompt,
        len(graded),
        correct,
        tuple(rows),
        _common_wrong(q, graded) if q.scored else None,
        str(getattr(q, "discussion", None) or ""),
        frozenset(name for name, _, _ in graded),
    )


def _right_options(q: _Question) -> list[bool | None]:
    if q.type == "true_false":
        return [bool(q.answer), not q.answer]  # type: ignore[attr-defined]
    if q.type == "poll":
        return [None] * len(q.options)  # type: ignore[attr-defined]
    return [o.correct for o in q.options]  # type: ignore[attr-defined]


def _option_rows(q: _Question, graded: list[tuple[str, list[int], Grade]]) -> list[Row]:
    labels = q.view()["options"]
    chosen: list[list[str]] = [[] for _ in labels]
    for name, sel, _ in graded:
        picks = sorted(set(sel)) if q.type == "multiple" else sel[:1]
        for i in picks:
            if 0 <= i < len(labels):
                chosen[i].append(name)
    right = _right_options(q)
    return [
        Row(label, len(who), None, ok, tuple(sorted(who)))
        for label, who, ok in zip(labels, chosen, right, strict=True)
    ]


def _item_rows(q: _Question, graded: list[tuple[str, list[int], Grade]]) -> list[Row]:
    view = q.view()
    labels = view["items"]
    n = len(labels)
    if q.type == "sorting":
        ids = [c.id for c in q.categories]  # type: ignore[attr-defined]
        want = [ids.index(item.category) for item in q.items]  # type: ignore[attr-defined]
    else:
        want = list(range(n))
    right = [0] * n
    wrong_names: list[list[str]] = [[] for _ in range(n)]
    for name, sel, _ in graded:
        for i in range(n):
            if q.type == "ordering":
                ok = i < len(sel) and sel[i] == i  # item i is in position i
                ok = ok and len(sel) == n
            else:
                ok = i < len(sel) and sel[i] == want[i]
            if ok:
                right[i] += 1
            else:
                wrong_names[i].append(name)
    return [
        Row(label, right[i], len(wrong_names[i]), None, tuple(sorted(wrong_names[i])))
        for i, label in enumerate(labels)
    ]


def _common_wrong(q: _Question, graded: list[tuple[str, list[int], Grade]]) -> CommonWrong | None:
    by_answer: dict[str, list[tuple[str, Grade]]] = {}
    words: dict[tuple[int, ...], str] = {}
    for name, sel, grade in graded:
        if not grade.correct:
            key = tuple(sel)
            text = words.get(key)
            if text is None:
                text = words[key] = q.describe(sel)
            by_answer.setdefault(text, []).append((name, grade))
    if not by_answer:
        return None
    answer, who = min(by_answer.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    grade = who[0][1]
    why = [(d.item, d.feedback) for d in grade.details if not d.ok][:MAX_FEEDBACK]
    if not why and grade.note:
        why = [("", grade.note)]
    return CommonWrong(answer, len(who), tuple(why), tuple(sorted(n for n, _ in who)))


def _from_text(
    quiz: str, number: int, qid: str, entries: Iterable[tuple[str, dict[str, Any]]]
) -> QuestionSummary:
    """A question with no bank: counted by the answers' own words and their saved right/wrong."""
    answers: dict[str, list[str]] = {}
    right: dict[str, bool] = {}
    n_correct = 0
    for name, rec in entries:
        text = " ".join(str(rec.get("answer", "")).split())
        if not text or rec.get("answered") is False:
            continue
        ok = rec.get("correct") is True
        answers.setdefault(text, []).append(name)
        right.setdefault(text, ok)
        n_correct += ok
    ranked = sorted(answers.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    rows = [Row(t, len(w), None, right[t], tuple(sorted(w))) for t, w in ranked[:MAX_TEXT_ROWS]]
    rest = [w for _, ws in ranked[MAX_TEXT_ROWS:] for w in ws]
    if rest:
        rows.append(Row("Any other answer", len(rest), None, None, tuple(sorted(rest))))
    wrong = [(t, w) for t, w in ranked if not right[t]]
    common = (
        CommonWrong(wrong[0][0], len(wrong[0][1]), (), tuple(sorted(wrong[0][1])))
        if wrong
        else None
    )
    return QuestionSummary(
        quiz,
        qid,
        number,
        "text",
        qid,
        sum(len(w) for w in answers.values()),
        n_correct,
        tuple(rows),
        common,
        who=frozenset(w for ws in answers.values() for w in ws),
    )
