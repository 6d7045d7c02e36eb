"""Whatever is in a class folder, the class view reads and counts it without an error: files
shaped like saved answers with every field damaged in every way hypothesis can think of."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from widgets.classview.aggregate import summarise
from widgets.classview.chart import alt_text, table
from widgets.classview.reading import ClassReader
from widgets.quizzes.bank import load_bank
from widgets.quizzes.store import FORMAT

BANKS = {b: load_bank(b) for b in ("boundaries", "polls")}
IDS = [q.id for bank in BANKS.values() for q in bank.questions]

scalars = st.none() | st.booleans() | st.integers(-5, 40) | st.floats() | st.text(max_size=20)
anything = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=10,
)
selections = st.lists(st.integers(-3, 14), max_size=14) | anything
records = st.fixed_dictionaries(
    {},
    optional={
        "selected": selections,
        "answer": st.text(max_size=40) | anything,
        "answered": anything,
        "correct": anything,
        "score": anything,
        "attempts": anything,
        "time": st.text(max_size=30) | anything,
    },
)
quiz_answers = st.dictionaries(
    st.sampled_from([*IDS, "not-a-question"]), records | anything, max_size=8
)
answer_files = st.fixed_dictionaries(
    {"format": st.just(FORMAT) | st.text(max_size=5)},
    optional={
        "version": anything,
        "learner": st.text(max_size=30) | anything,
        "answers": st.dictionaries(
            st.sampled_from([*BANKS, "generated", "x"]), quiz_answers | anything, max_size=3
        )
        | anything,
    },
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=st.lists(answer_files | anything, min_size=1, max_size=5), raw=st.binary(max_size=40))
def test_any_folder_is_read_and_counted_without_an_error(files, raw) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n, data in enumerate(files):
            where = folder if n % 2 else folder / f"user-{n}"
            where.mkdir(exist_ok=True)
            (where / f"f{n}.json").write_text(json.dumps(data), encoding="utf-8")
        (folder / "raw.json").write_bytes(raw)
        snap = ClassReader(folder).read()
        assert len(snap.learners) + len(snap.problems) + len(snap.others) == len(files) + 1
        for quiz in [*BANKS, "generated", "x"]:
            s = summarise(snap, quiz, BANKS.get(quiz))
            for q in s.questions:
                assert 0 <= (q.correct or 0) <= q.answered
                assert all(r.count >= 0 for r in q.rows)
                table(q, names=True)
                if q.answered and q.rows:
                    alt_text(q)
