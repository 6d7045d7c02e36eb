"""What goes into a learner's portfolio document, gathered from saved answers and the tutor's marks.

    evidence = from_folder("/srv/class/answers", "Sam Smith")   # the tutor's command
    evidence = from_session(current_session())                 # the learner's own button

Written answers come in the order of the unit's criteria (`data/criteria.yaml`), then the order of
the question banks; quiz scores are counted by topic (one question bank), graded again by the
bank's own questions, as the class view counts them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from widgets.errors import DataError
from widgets.quizzes.bank import banks_dir, load_bank
from widgets.quizzes.identity import file_stem, normalise
from widgets.quizzes.models import Bank, Written
from widgets.written import marks as marks_store
from widgets.written.criteria import Criterion, Unit, load_unit
from widgets.written.text import words as count_words

Answers = Mapping[str, Mapping[str, Mapping[str, Any]]]
GENERATED = ("generated", "Questions made from the dataset")


class NotFound(LookupError):
    """No answers file for that learner in the folder; the message says what there is."""


@dataclass(frozen=True)
class WrittenEvidence:
    """One written answer, with its question and what the tutor decided."""

    criterion: str
    quiz: str
    question_id: str
    prompt: str
    text: str
    words: int
    time: str
    checks: tuple[tuple[str, bool], ...]  # each self-check item, and whether the learner ticked it
    mark: marks_store.Mark | None = None
    changed: bool = False  # the learner saved a newer answer after the mark
    model_opened: str = ""


@dataclass(frozen=True)
class TopicScore:
    """A topic's quiz: how many questions were answered and how many of the scored ones were right."""

    quiz: str
    title: str
    total: int
    answered: int
    scored: int
    right: int
    marks: float

    @property
    def percent(self) -> int:
        return round(100 * self.marks / self.scored) if self.scored else 0

    @property
    def score_words(self) -> str:
        m = round(self.marks, 1)
        shown = str(int(m)) if float(m).is_integer() else f"{m:.1f}"
        return f"{shown} of {self.scored} ({self.percent}%)"


@dataclass(frozen=True)
class Evidence:
    learner: str
    made: date
    unit: Unit
    written: tuple[WrittenEvidence, ...] = ()
    scores: tuple[TopicScore, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def criteria(self) -> list[Criterion]:
        """The criteria this document gives evidence for, in the unit's order."""
        seen: list[str] = []
        for w in self.written:
            if w.criterion not in seen:
                seen.append(w.criterion)
        return [self.unit.get(n) or Criterion(n, "") for n in seen]

    def by_criterion(self) -> list[tuple[Criterion, list[WrittenEvidence]]]:
        return [(c, [w for w in self.written if w.criterion == c.number]) for c in self.criteria()]


def project_banks() -> dict[str, Bank]:
    """Every bank in data/quizzes that can be read, by id, in file-name order."""
    out: dict[str, Bank] = {}
    for path in sorted(banks_dir().glob("*.yaml")):
        try:
            out[path.stem] = load_bank(path.stem)
        except DataError:
            continue
    return out


def _written(
    banks: Mapping[str, Bank], answers: Answers, marks: marks_store.Marks, unit: Unit
) -> list[WrittenEvidence]:
    found: list[tuple[tuple[Any, ...], WrittenEvidence]] = []
    for b, (quiz, bank) in enumerate(banks.items()):
        for n, q in enumerate(bank.questions):
            rec = answers.get(quiz, {}).get(q.id)
            if not isinstance(q, Written) or not isinstance(rec, Mapping):
                continue
            text = rec.get("answer")
            if rec.get("answered") is not True or not isinstance(text, str):
                continue
            ticked = {i for i in rec.get("selected", []) if isinstance(i, int)}
            mark = marks.get(quiz, {}).get(q.id)
            evidence = WrittenEvidence(
                q.criterion,
                quiz,
                q.id,
                q.prompt,
                text,
                count_words(text),
                str(rec.get("time") or ""),
                tuple((item, i in ticked) for i, item in enumerate(q.self_check)),
                mark,
                bool(mark and mark.changed_since(rec)),
                str(rec.get("model_opened") or ""),
            )
            found.append(((unit.order(q.criterion), b, n), evidence))
    return [e for _, e in sorted(found, key=lambda x: x[0])]


def _score(q: Any, rec: Mapping[str, Any]) -> float:
    sel = rec.get("selected")
    if isinstance(sel, list) and all(type(x) is int for x in sel):
        grade = q.grade(list(sel))
        if grade.answered:
            return grade.score
    value = rec.get("score")
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def _scores(banks: Mapping[str, Bank], answers: Answers) -> list[TopicScore]:
    out: list[TopicScore] = []
    for quiz, bank in banks.items():
        records = answers.get(quiz, {})
        scored = [q for q in bank.questions if q.scored]
        given = [q for q in bank.questions if isinstance(records.get(q.id), Mapping)]
        given = [q for q in given if records[q.id].get("answered") is True]
        if not scored or not given:
            continue
        points = [_score(q, records[q.id]) for q in given if q.scored]
        out.append(
            TopicScore(
                quiz,
                bank.title,
                len(bank.questions),
                len(given),
                len(scored),
                sum(1 for p in points if p >= 1.0),
                round(sum(points), 4),
            )
        )
    extra = [
        r
        for r in answers.get(GENERATED[0], {}).values()
        if isinstance(r, Mapping) and r.get("answered") is True
    ]
    if GENERATED[0] not in banks and extra:
        points = [
            float(r["score"]) if isinstance(r.get("score"), int | float) else 0.0 for r in extra
        ]
        out.append(
            TopicScore(
                GENERATED[0],
                GENERATED[1],
                len(extra),
                len(extra),
                len(extra),
                sum(1 for p in points if p >= 1.0),
                round(sum(points), 4),
            )
        )
    return out


def gather(
    learner: str,
    answers: Answers,
    marks: marks_store.Marks | None = None,
    *,
    made: date | None = None,
    unit: Unit | None = None,
    banks: Mapping[str, Bank] | None = None,
) -> Evidence:
    """The evidence in one learner's answers (and the tutor's marks on them)."""
    unit = unit or load_unit()
    banks = project_banks() if banks is None else banks
    return Evidence(
        learner,
        made or date.today(),
        unit,
        tuple(_written(banks, answers, marks or {}, unit)),
        tuple(_scores(banks, answers)),
    )


def find_learner_file(folder: Path, learner: str) -> Path:
    """The learner's answers file in a class folder (or a drop folder's sub-folders)."""
    from widgets.classview.reading import answer_files
    from widgets.quizzes.store import Unreadable, parse

    files = answer_files(folder) if folder.is_dir() else []
    stem = file_stem(learner)
    exact = [p for p in files if p.stem == stem]
    if exact:
        return exact[0]
    names: dict[str, Path] = {}
    for path in files:
        try:
            data, _ = parse(path.read_bytes())
        except (OSError, Unreadable):
            continue
        if data.get("learner"):
            names[data["learner"]] = path
    for name, path in names.items():
        if normalise(name) == normalise(learner):
            return path
    known = ", ".join(sorted(names, key=str.casefold)) or "none"
    raise NotFound(
        f"There is no answers file for '{learner}' in {folder}. Learners there: {known}."
    )


def from_folder(folder: Path | str, learner: str, *, made: date | None = None) -> Evidence:
    """A learner's evidence from a class folder and the tutor's marks folder beside it."""
    from widgets.quizzes.store import Unreadable, parse

    folder = Path(folder).expanduser()
    path = find_learner_file(folder, learner)
    try:
        data, _ = parse(path.read_bytes())
    except (OSError, Unreadable) as exc:
        raise NotFound(f"{path}: the answers file cannot be read ({exc}).") from None
    marks = marks_store.read(marks_store.record_path(folder, path))
    return gather(data.get("learner") or learner, data["answers"], marks, made=made)


def from_session(session: Any, *, made: date | None = None) -> Evidence:
    """This kernel's learner's evidence: their answers and the marks copied beside their file."""
    store = getattr(session, "store", None)
    marks = marks_store.learner_marks(getattr(store, "path", None))
    return gather(session.learner or "Not named", session.all_answers(), marks, made=made)
