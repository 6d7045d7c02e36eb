"""The live class view: a thousand learners' answers read and aggregated, and a refresh.

The ``make_*`` and ``run_*`` functions are pure Python (no kernel, no browser), so the smoke test
can call them on tiny sizes.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path
from typing import Any

from benchmarks.common import Group, Row, temp_dir


def _record(q: Any, selection: list[int], when: str) -> dict[str, Any]:
    grade = q.grade(selection)
    return {
        "selected": selection,
        "answer": q.describe(selection),
        "answered": grade.answered,
        "correct": grade.correct,
        "score": round(grade.score, 4),
        "attempts": 1,
        "time": when,
    }


def _selection(q: Any, rng: random.Random) -> list[int]:
    view = q.view()
    if "options" in view:
        n = len(view["options"])
        if q.type == "multiple":
            return sorted(rng.sample(range(n), rng.randint(1, n)))
        return [rng.randrange(n)]
    n = len(view["items"])
    if q.type == "ordering":
        order = list(range(n))
        rng.shuffle(order)
        return order
    return [rng.randrange(len(view["choices"])) for _ in range(n)]


def make_class(folder: Path, learners: int, seed: int = 0) -> list[str]:
    """Every learner answers every question of every bank in data/quizzes: one file each.

    Half the learners are in the folder itself and half in a sub-folder each (both layouts).
    Returns the bank ids.
    """
    from widgets.quizzes.bank import banks_dir, load_bank
    from widgets.quizzes.store import FORMAT, VERSION

    banks = {p.stem: load_bank(p.stem) for p in sorted(banks_dir().glob("*.yaml"))}
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(learners):
        answers = {
            bank_id: {
                q.id: _record(q, _selection(q, rng), f"2025-01-01T10:{n % 60:02d}:00+00:00")
                for q in bank.questions
            }
            for bank_id, bank in banks.items()
        }
        where = folder if n % 2 else folder / f"user-{n:04d}"
        where.mkdir(exist_ok=True)
        data = {"format": FORMAT, "version": VERSION, "learner": f"Learner {n}", "answers": answers}
        (where / f"learner-{n:04d}.json").write_text(json.dumps(data), encoding="utf-8")
    return list(banks)


def touch_learners(folder: Path, count: int, seed: int) -> None:
    """``count`` learners save one more answer each (their files are replaced, as a save does)."""
    files = sorted(folder.rglob("learner-*.json"))
    rng = random.Random(seed)
    for path in rng.sample(files, min(count, len(files))):
        data = json.loads(path.read_text(encoding="utf-8"))
        quiz = rng.choice(sorted(data["answers"]))
        qid = rng.choice(sorted(data["answers"][quiz]))
        data["answers"][quiz][qid]["attempts"] += 1
        tmp = path.with_name(f".{path.stem}.tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        tmp.replace(path)


def run_aggregate(folder: Path, bank_ids: list[str]) -> tuple[float, int]:
    """A fresh reader reads every file and every quiz is summarised: (seconds, answers counted)."""
    from widgets.classview.aggregate import summarise
    from widgets.classview.reading import ClassReader
    from widgets.quizzes.bank import load_bank

    banks = {b: load_bank(b) for b in bank_ids}  # cached: the page has them loaded already
    t0 = time.perf_counter()
    snap = ClassReader(folder).read()
    counted = 0
    for bank_id, bank in banks.items():
        counted += sum(q.answered for q in summarise(snap, bank_id, bank).questions)
    return time.perf_counter() - t0, counted


def run_refresh(view: Any, folder: Path, changed: int, seed: int) -> float:
    """Seconds for the page's refresh after ``changed`` learners saved (charts redrawn as needed)."""
    touch_learners(folder, changed, seed)
    t0 = time.perf_counter()
    view.refresh(force=True)
    return time.perf_counter() - t0


def bench(runs: int = 5, quick: bool = False) -> Group:
    from widgets.classview.page import ClassView

    learners = 100 if quick else 1000
    group = Group(
        key="classview",
        title="8. Live class view: a thousand learners' answers",
        command="python -m benchmarks --only classview",
        definition=(
            f"{learners:,} learners' saved-answer files, each answering every question of every "
            "bank in `data/quizzes` (half in the class folder, half in a sub-folder each). "
            "*Aggregate*: a new `ClassReader` reads every file and `summarise` counts every quiz "
            "(spread, share correct, most common wrong answer), timed in this process from the "
            "first file opened to the last summary. *Refresh*: the tutor's page (`ClassView`, "
            "one quiz chosen) after 30 learners each saved one more answer: re-read (only the "
            "changed files are parsed), re-summarise, redraw the charts whose numbers changed."
        ),
    )
    aggregate_s: list[float] = []
    refresh_s: list[float] = []
    first_s: list[float] = []
    note = ""
    with temp_dir("wr-bench-class-") as tmp:
        bank_ids = make_class(tmp / "class", learners)
        run_aggregate(tmp / "class", bank_ids)  # warm-up: the banks are parsed and cached
        for _ in range(runs):
            seconds, counted = run_aggregate(tmp / "class", bank_ids)
            aggregate_s.append(seconds)
            note = f"{counted:,} answers counted in {len(bank_ids)} quizzes"
        for n in range(runs):
            t0 = time.perf_counter()
            view = ClassView(tmp / "class", quiz="boundaries")
            first_s.append(time.perf_counter() - t0)
            refresh_s.append(run_refresh(view, tmp / "class", 30, seed=n))
            view.close()
    group.rows += [
        Row(
            f"aggregate {learners:,} learners, every quiz",
            aggregate_s,
            limits={"median": 2.0},
            note=note,
        ),
        Row(f"the page's first draw, {learners:,} learners (one quiz, charts)", first_s),
        Row("a refresh after 30 learners saved", refresh_s, limits={"median": 2.0}),
    ]
    return group
