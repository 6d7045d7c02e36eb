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

from benchmarks.common import Group, Row, temp_dir, wait_quiet


def _record(q: Any, selection: list[int], when: str) -> dict[str, Any]:
    if q.type == "written":  # a written answer: text in the learner's words, never scored
        text = f"My own words on {q.id}, written for the benchmark."
        return {
            "selected": [],
            "answer": text,
            "answered": True,
            "correct": False,
            "score": 0.0,
            "attempts": 1,
            "time": when,
            "words": 9,
        }
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
    if "items" not in view:
        return []  # a written answer: nothing to choose
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


def touch_learners(folder: Path, count: int, seed: int, quiz: str = "boundaries") -> None:
    """``count`` learners each change one answer in ``quiz`` (their file is replaced, as a save
    does), so the counts and charts of the questions they changed move."""
    from widgets.quizzes.bank import load_bank

    bank = load_bank(quiz)
    files = sorted(folder.rglob("learner-*.json"))
    rng = random.Random(seed)
    for path in rng.sample(files, min(count, len(files))):
        data = json.loads(path.read_text(encoding="utf-8"))
        q = rng.choice(bank.questions)
        data["answers"][quiz][q.id] = _record(q, _selection(q, rng), "2025-01-01T11:00:00+00:00")
        tmp = path.with_name(f".{path.stem}.tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        tmp.replace(path)


def run_aggregate(folder: Path, bank_ids: list[str], reader: Any = None) -> tuple[float, int]:
    """Read the class folder and summarise these quizzes: (seconds, answers counted).

    With no ``reader`` a new one reads every file (cold); with the page's reader only the files
    that changed since its last read are parsed (a refresh).
    """
    from widgets.classview.aggregate import summarise
    from widgets.classview.reading import ClassReader
    from widgets.quizzes.bank import load_bank

    banks = {b: load_bank(b) for b in bank_ids}  # cached: the page has them loaded already
    t0 = time.perf_counter()
    snap = (reader or ClassReader(folder)).read()
    counted = 0
    for bank_id, bank in banks.items():
        counted += sum(q.answered for q in summarise(snap, bank_id, bank).questions)
    return time.perf_counter() - t0, counted


def run_refresh(view: Any, folder: Path, changed: int, seed: int) -> float:
    """Seconds for the page's refresh after ``changed`` learners changed an answer (the charts
    whose numbers moved are drawn again)."""
    touch_learners(folder, changed, seed)
    t0 = time.perf_counter()
    view.refresh(force=True)
    return time.perf_counter() - t0


QUIZ = "boundaries"


def bench(runs: int = 5, quick: bool = False) -> Group:
    from widgets.classview.page import ClassView
    from widgets.classview.reading import ClassReader

    learners = 100 if quick else 1000
    group = Group(
        key="classview",
        title="9. Live class view: a thousand learners' answers",
        command="python -m benchmarks --only classview",
        definition=(
            f"{learners:,} learners' saved-answer files, each answering every question of every "
            "bank in `data/quizzes` (half in the class folder, half in a sub-folder each; "
            "about 22 KB each). *Aggregate*: a new `ClassReader` reads every file and "
            f"`summarise` counts the `{QUIZ}` quiz (spread, share correct, most common wrong "
            "answer per question), timed in this process from the first file opened to the last "
            "summary; then the same for every quiz. *Refresh*: 30 learners each change one "
            f"answer in `{QUIZ}`, and the page's reader reads again (only changed files are "
            "parsed) and summarises; then the whole page (`ClassView`): its first draw, and a "
            "refresh that also redraws the charts whose numbers moved. Each sample waits up to "
            "5 s for a quiet machine first."
        ),
    )
    cold: list[float] = []
    every: list[float] = []
    warm: list[float] = []
    first: list[float] = []
    refresh: list[float] = []
    notes: dict[str, str] = {}
    with temp_dir("wr-bench-class-") as tmp:
        folder = tmp / "class"
        bank_ids = make_class(folder, learners)
        run_aggregate(folder, bank_ids)  # warm-up: the banks are parsed and cached
        reader = ClassReader(folder)
        reader.read()
        for n in range(runs):
            wait_quiet(max_wait=5)
            seconds, counted = run_aggregate(folder, [QUIZ])
            cold.append(seconds)
            notes["cold"] = f"{counted:,} answers counted"
            wait_quiet(max_wait=5)
            seconds, counted = run_aggregate(folder, bank_ids)
            every.append(seconds)
            notes["every"] = f"{counted:,} answers counted in {len(bank_ids)} quizzes"
            touch_learners(folder, 30, seed=n)
            wait_quiet(max_wait=5)
            warm.append(run_aggregate(folder, [QUIZ], reader)[0])
        for n in range(runs):
            wait_quiet(max_wait=5)
            t0 = time.perf_counter()
            view = ClassView(folder, quiz=QUIZ)
            first.append(time.perf_counter() - t0)
            wait_quiet(max_wait=5)
            refresh.append(run_refresh(view, folder, 30, seed=100 + n))
            view.close()
    group.rows += [
        Row(
            f"aggregate {learners:,} learners, one quiz (cold)",
            cold,
            limits={"median": 2.0},
            note=notes.get("cold", ""),
        ),
        Row("… every quiz (cold)", every, note=notes.get("every", "")),
        Row("refresh: read again and aggregate after 30 saves", warm, limits={"median": 2.0}),
        Row(f"the page's first draw, {learners:,} learners (10 charts)", first),
        Row("the page's refresh after 30 saves (charts redrawn)", refresh),
    ]
    return group
