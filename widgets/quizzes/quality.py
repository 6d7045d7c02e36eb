"""Do the questions test understanding? Figures and rules for every question bank.

Rules (each names the file, line, question and field, and what was expected):

- in each bank, the right option is the strictly longest in at most a third of the single-choice
  questions, and the strictly shortest in at most half (a guesser who always picks the longest, or
  the shortest, option should not pass);
- true/false answers are 40-60 % true across the collection (a guesser who always says "false"
  should not pass);
- a multiple-select question has between a third and two thirds of its options right;
- single- and multiple-choice questions have at least three options;
- wording a care assessor would accept (`widgets.quizzes.wording`).

The project's own banks (``data/quizzes/`` in this repository) must keep every rule: a break is an
error. Any other bank, such as a course designer's copy, gets the same findings as warnings.
`review(paths)` is what ``python -m widgets check`` calls.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from widgets.errors import DataError
from widgets.quizzes import wording
from widgets.quizzes.fields import LineFinder, question_text, units
from widgets.quizzes.models import Bank, MultipleSelect, SingleChoice, TrueFalse
from widgets.quizzes.scenarios import names_a_person, settings_named

PROJECT_BANKS = Path(__file__).resolve().parents[2] / "data" / "quizzes"
LONGEST_SHARE = Fraction(1, 3)
SHORTEST_SHARE = Fraction(1, 2)
TRUE_SHARE = (Fraction(2, 5), Fraction(3, 5))
MULTIPLE_SHARE = (Fraction(1, 3), Fraction(2, 3))
MIN_OPTIONS = 3


@dataclass
class BankFigures:
    """What a bank looks like to a guesser, in counts."""

    name: str
    questions: int = 0
    scenarios: int = 0
    single: int = 0
    longest_right: list[str] = field(default_factory=list)
    shortest_right: list[str] = field(default_factory=list)
    true_false: int = 0
    true_answers: int = 0
    multiple: int = 0
    multiple_off: list[str] = field(default_factory=list)
    settings: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        return (
            f"{self.name}: {self.questions} questions, {self.scenarios} name a person; "
            f"right option longest in {len(self.longest_right)} and shortest in "
            f"{len(self.shortest_right)} of {self.single} single-choice; "
            f"{self.true_answers} of {self.true_false} true/false are true; "
            f"{len(self.multiple_off)} of {self.multiple} multiple-select outside 1/3-2/3 right"
        )


@dataclass
class Review:
    errors: list[DataError] = field(default_factory=list)
    warnings: list[DataError] = field(default_factory=list)
    figures: list[BankFigures] = field(default_factory=list)

    def summary(self) -> list[str]:
        """Lines for the check's summary: one per bank, then the collection's true/false share."""
        out = ["Question quality:"] + [f"  {f.line()}" for f in self.figures]
        tf = sum(f.true_false for f in self.figures)
        if tf:
            true = sum(f.true_answers for f in self.figures)
            out.append(
                f"  true/false answers that are true: {true} of {tf} ({100 * true / tf:.0f} %)"
            )
        return out


def is_project_bank(path: Path) -> bool:
    return Path(path).resolve().parent == PROJECT_BANKS.resolve()


def _right_stands_out(q: SingleChoice, longer: bool) -> bool:
    """The right option is strictly the longest (or the shortest) of the question's options."""
    right = next(o for o in q.options if o.correct)
    others = [len(o.text) for o in q.options if o is not right]
    return (
        all(len(right.text) > n for n in others)
        if longer
        else all(len(right.text) < n for n in others)
    )


def _multiple_in_range(q: MultipleSelect) -> bool:
    share = Fraction(sum(o.correct for o in q.options), len(q.options))
    return MULTIPLE_SHARE[0] <= share <= MULTIPLE_SHARE[1]


def figures(name: str, bank: Bank) -> BankFigures:
    fig = BankFigures(name, questions=len(bank.questions))
    for q in bank.questions:
        fig.scenarios += names_a_person(q.prompt)
        for setting in settings_named(q.prompt):
            fig.settings[setting] = fig.settings.get(setting, 0) + 1
        if isinstance(q, SingleChoice):
            fig.single += 1
            if _right_stands_out(q, longer=True):
                fig.longest_right.append(q.id)
            if _right_stands_out(q, longer=False):
                fig.shortest_right.append(q.id)
        elif isinstance(q, TrueFalse):
            fig.true_false += 1
            fig.true_answers += q.answer
        elif isinstance(q, MultipleSelect):
            fig.multiple += 1
            if not _multiple_in_range(q):
                fig.multiple_off.append(q.id)
    return fig


# --------------------------------------------------------------------------- rules


def _bank_findings(path: Path, bank: Bank, fig: BankFigures) -> list[DataError]:
    lines = LineFinder(path)
    found: list[DataError] = []

    def add(n: int, qid: str, where: str, problem: str, expected: str, value: Any = None) -> None:
        found.append(
            DataError(
                str(path),
                problem,
                line=lines.line(n, where),
                column=where or "(question)",
                column_word=f"question '{qid}', field",
                value=value,
                expected=expected,
            )
        )

    for n, q in enumerate(bank.questions):
        if isinstance(q, SingleChoice | MultipleSelect) and len(q.options) < MIN_OPTIONS:
            add(n, q.id, "options", f"has {len(q.options)} options", "at least three options")
        if isinstance(q, MultipleSelect) and q.id in fig.multiple_off:
            right = sum(o.correct for o in q.options)
            add(
                n,
                q.id,
                "options",
                f"has {right} right options out of {len(q.options)}",
                "between a third and two thirds of the options right, so ticking everything "
                "does not pass",
            )
        context = question_text(q)
        for where, text in units(q):
            for p in wording.problems(text, context=context):
                add(n, q.id, where, p.problem, p.expected)
    from widgets.written.checks import criterion_findings  # written questions name a criterion

    found += criterion_findings(bank, add)
    for ids, share, word, fix in (
        (
            fig.longest_right,
            LONGEST_SHARE,
            "longest",
            "make a wrong option as full as the right one",
        ),
        (
            fig.shortest_right,
            SHORTEST_SHARE,
            "shortest",
            "make a wrong option as short as the right one",
        ),
    ):
        limit = int(fig.single * share)
        if len(ids) > limit:
            found.append(
                DataError(
                    str(path),
                    f"the right option is the strictly {word} in {len(ids)} of {fig.single} "
                    f"single-choice questions ({', '.join(ids)})",
                    expected=f"at most {limit} ({'a third' if share == LONGEST_SHARE else 'half'}), "
                    f"so picking the {word} option does not pass; {fix}",
                )
            )
    return found


def _true_false_finding(where: str, figs: list[BankFigures]) -> list[DataError]:
    total = sum(f.true_false for f in figs)
    true = sum(f.true_answers for f in figs)
    if not total or TRUE_SHARE[0] <= Fraction(true, total) <= TRUE_SHARE[1]:
        return []
    return [
        DataError(
            where,
            f"{true} of {total} true/false answers are true ({100 * true / total:.0f} %)",
            expected="between 40 % and 60 % true across the collection, so always answering "
            "one way does not pass",
        )
    ]


def _files(paths: Iterable[Path | str]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(p.glob("*.yaml")) + sorted(p.glob("*.yml"))
        elif p.suffix in (".yaml", ".yml"):
            files.append(p)
    return files


def _shown(path: Path) -> str:
    """A path as the person typed it: relative to the current folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _load(path: Path) -> Bank | None:
    from widgets.quizzes.bank import read_bank

    try:
        return read_bank(path)
    except DataError:
        return None  # the bank checker already reports why


def review(paths: Iterable[Path | str]) -> Review:
    """Figures, errors (the project's banks) and warnings (any other bank) for these banks."""
    result = Review()
    project_figs: dict[Path, BankFigures] = {}
    other_figs: list[BankFigures] = []
    for path in _files(paths):
        bank = _load(path)
        if bank is None:
            continue
        fig = figures(path.stem, bank)
        result.figures.append(fig)
        found = _bank_findings(path, bank, fig)
        if is_project_bank(path):
            project_figs[path.resolve()] = fig
            result.errors += found
        else:
            other_figs.append(fig)
            result.warnings += found
    if project_figs:
        # The collection is every project bank, even when only some were named. While one of them
        # cannot be read, its share is unknown: the checker reports why, and the share waits.
        unreadable = False
        for path in _files([PROJECT_BANKS]):
            if path.resolve() in project_figs:
                continue
            bank = _load(path)
            if bank is None:
                unreadable = True
            else:
                project_figs[path.resolve()] = figures(path.stem, bank)
        if not unreadable:
            result.errors += _true_false_finding(_shown(PROJECT_BANKS), list(project_figs.values()))
    if other_figs:
        result.warnings += _true_false_finding("the other banks checked", other_figs)
    return result
