"""Helpers for written-answer tests: the project's written questions, a learner writing through the
real quiz, and text no learner should be able to turn into markup, a formula or a field."""

from __future__ import annotations

from pathlib import Path

from widgets.quizzes.bank import banks_dir, load_bank
from widgets.quizzes.models import Written
from widgets.quizzes.quiz import Quiz
from widgets.quizzes.session import Session

#: Markup, a spreadsheet formula, a Word field and a DDE command, as a learner might type them.
HOSTILE = (
    '<b onmouseover="x()">bold</b> <script>alert(1)</script>\n'
    '=HYPERLINK("http://evil.example","click")\n'
    '{ DDEAUTO c:\\windows\\system32\\cmd.exe "/k calc" } { PAGE } &amp; ]]> ’quotes’ Zoë'
)


def written_refs() -> list[tuple[str, Written]]:
    """(bank id, question) for every written question in data/quizzes, in bank order."""
    out = []
    for path in sorted(banks_dir().glob("*.yaml")):
        out += [(path.stem, q) for q in load_bank(path.stem).questions if isinstance(q, Written)]
    return out


def write_all(folder: Path, learner: str, text_for=lambda q: f"My own words on {q.id}.") -> Session:
    """A learner writes an answer to every written question, through the quiz that saves it."""
    session = Session(learner, folder)
    by_bank: dict[str, list[Written]] = {}
    for bank_id, q in written_refs():
        by_bank.setdefault(bank_id, []).append(q)
    for bank_id, questions in by_bank.items():
        quiz = Quiz(questions, quiz_id=bank_id, title="t", session=session, mini=True)
        for w in quiz.questions:
            assert w.write(text_for(w.question), [0])["ok"], w.save
    return session
