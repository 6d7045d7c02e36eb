"""How the collection copes with size: a whole college's saved answers gathered into one CSV, and a
dataset of 50 relationship types by 40 features loaded and drawn. (A 10,000-question bank is
measured with the other checking figures in ``benchmarks/checking.py``.)

The ``make_*`` and ``run_*`` functions are pure Python (no kernel, no browser) so the smoke test can
call them on tiny sizes.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import random
import shutil
import time
from pathlib import Path

from benchmarks.common import REPO, Group, Row, chart_cache, temp_dir

TYPES = ("single", "multiple", "true_false", "matching", "ordering", "sorting")
# Guide section ids, read from the data so generated banks and datasets follow it.
with (REPO / "data" / "guide_sections.csv").open(encoding="utf-8-sig", newline="") as _f:
    SECTIONS = tuple(row["id"] for row in csv.DictReader(_f))


def _q(i: int) -> str:
    kind = TYPES[i % len(TYPES)]
    sec = SECTIONS[i % len(SECTIONS)]
    head = (
        f"  - id: q-{i}\n    type: {kind}\n    sections: [{sec}]\n"
        f"    prompt: Question {i} about working relationship number {i % 97}?\n"
        f"    hint: Think about agreed ways of working ({i}).\n"
    )
    if kind in ("single", "multiple"):
        body = "    options:\n" + "".join(
            f"      - text: Option {k} of question {i}\n"
            f"        correct: {'true' if k == 0 or (kind == 'multiple' and k == 2) else 'false'}\n"
            f"        feedback: Because option {k} is {'right' if k == 0 else 'not the best choice'}.\n"
            for k in range(4)
        )
    elif kind == "true_false":
        body = (
            f"    answer: {'true' if i % 2 else 'false'}\n"
            "    feedback_true: Shown when the learner picks True, with the reason.\n"
            "    feedback_false: Shown when the learner picks False, with the reason.\n"
        )
    elif kind == "matching":
        body = (
            "    pairs:\n"
            + "".join(
                f"      - left: Person {k} in question {i}\n        right: Helps with task {k} of {i}\n"
                f"        feedback: Person {k} helps with task {k}.\n"
                for k in range(3)
            )
            + f"    distractors: [Nothing to do with question {i}]\n"
        )
    elif kind == "ordering":
        body = "    items:\n" + "".join(
            f"      - text: Step {k} of question {i}\n        feedback: Step {k} comes in place {k + 1}.\n"
            for k in range(4)
        )
    else:
        body = (
            "    categories:\n      - id: always\n        label: Always acceptable\n"
            "      - id: never\n        label: Never acceptable\n"
            "    items:\n"
            + "".join(
                f"      - text: Situation {k} of question {i}\n"
                f"        category: {'always' if k % 2 else 'never'}\n"
                f"        feedback: Situation {k} is {'fine' if k % 2 else 'never acceptable'}.\n"
                for k in range(3)
            )
        )
    return head + body


def make_bank(path: Path, n: int) -> Path:
    """Write a valid bank of ``n`` questions cycling through all six types."""
    text = "title: Generated bank\ndescription: Made by the benchmarks.\nquestions:\n"
    text += "".join(_q(i) for i in range(n))
    path.write_text(text, encoding="utf-8")
    return path


def run_bank_check(path: Path) -> tuple[float, int]:
    """(seconds, problems) for ``widgets.quizzes.bank.check([path])``."""
    from widgets.quizzes.bank import check

    t0 = time.perf_counter()
    problems = check([path])
    return time.perf_counter() - t0, len(problems)


def make_answers(folder: Path, learners: int, quizzes: int = 7, questions: int = 10) -> Path:
    """Write one saved-answers file per learner, in the store's format."""
    from widgets.quizzes.store import FORMAT, VERSION

    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(0)
    for n in range(learners):
        answers = {
            f"quiz-{q}": {
                f"question-{k}": {
                    "selected": [rng.randrange(4)],
                    "answer": f"Option {rng.randrange(4)} of question {k}",
                    "answered": True,
                    "correct": rng.random() < 0.6,
                    "score": round(rng.random(), 4),
                    "attempts": rng.randrange(1, 4),
                    "time": "2026-01-15T10:00:00+00:00",
                }
                for k in range(questions)
            }
            for q in range(quizzes)
        }
        data = {"format": FORMAT, "version": VERSION, "learner": f"Learner {n}", "answers": answers}
        (folder / f"learner-{n}.json").write_text(json.dumps(data, indent=1), encoding="utf-8")
    return folder


def run_export(folder: Path) -> tuple[float, int, int]:
    """(seconds, CSV data rows, skipped files) for ``widgets.quizzes.export.class_csv``."""
    from widgets.quizzes.export import class_csv

    t0 = time.perf_counter()
    text, skipped = class_csv(folder)
    return time.perf_counter() - t0, text.count("\n") - 1, len(skipped)


def _write(path: Path, header: list[str], rows: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def make_dataset(folder: Path, relationships: int, features: int) -> Path:
    """A copy of data/ with ``relationships`` × ``features`` synthetic ratings that loads cleanly."""
    shutil.copytree(REPO / "data", folder, ignore=shutil.ignore_patterns("quizzes"))
    rels = [f"rel-{i}" for i in range(relationships)]
    feats = [f"feature_{j}" for j in range(features)]
    _write(
        folder / "relationships.csv",
        ["id", "name", "description", "guide_section"],
        [
            [
                r,
                f"Relationship type {i}",
                f"Description of relationship {i}.",
                SECTIONS[i % len(SECTIONS)],
            ]
            for i, r in enumerate(rels)
        ],
    )
    _write(
        folder / "features.csv",
        ["id", "name", "question_word_high", "question_word_low", "description"],
        [
            [
                f,
                f"Feature {j}",
                f"most feature {j}",
                f"least feature {j}",
                f"What feature {j} means.",
            ]
            for j, f in enumerate(feats)
        ],
    )
    _write(
        folder / "scale_levels.csv",
        ["feature", "level", "label", "meaning"],
        [
            [f, lv, f"Level {lv} of F{j}", f"Meaning of level {lv} of feature {j}."]
            for j, f in enumerate(feats)
            for lv in range(5)
        ],
    )
    rng = random.Random(1)
    _write(
        folder / "ratings.csv",
        ["relationship", "feature", "score", "rationale", "source"],
        [
            [r, f, rng.randrange(5), f"Why {r} scores this on {f}.", SECTIONS[i % len(SECTIONS)]]
            for i, r in enumerate(rels)
            for f in feats
        ],
    )
    _write(
        folder / "examples.csv",
        ["id", "other_party", "relationship", "situation", "source", "setting", "also_fits"],
        [
            [
                f"example-{i}-{k}",
                f"Person {i}.{k}",
                r,
                f"A situation for {r} ({k}).",
                SECTIONS[i % len(SECTIONS)],
                "any",
                "",
            ]
            for i, r in enumerate(rels)
            for k in range(2)
        ],
    )
    return folder


def run_charts(folder: Path, cache: Path | None = None) -> dict[str, tuple[float, int, str]]:
    """Load the dataset (read afresh, not from the reader's memory of the folder) and draw compare,
    heatmap and profile to PNG, each with its own chart cache folder under ``cache`` (None: new
    empty ones, so every chart is drawn; compare of this many bars is a heatmap, and a shared
    folder would hand heatmap compare's picture).

    Returns {chart: (seconds including PNG, PNG bytes, chart title)} and, under "load", the load time.
    """
    from widgets import charts
    from widgets.dataset import load as dataset_load
    from widgets.dataset import load_dataset

    dataset_load._READ.clear()  # the figure is reading and checking the files
    t0 = time.perf_counter()
    ds = load_dataset(folder)
    out: dict[str, tuple[float, int, str]] = {"load": (time.perf_counter() - t0, 0, "")}
    rels = ds.relationship_ids
    makers = {
        "compare": lambda: charts.compare(ds, ds.feature_ids, rels),
        "heatmap": lambda: charts.heatmap(ds),
        "profile": lambda: charts.profile(ds, rels[0], rels[-1]),
    }
    with contextlib.ExitStack() as stack:
        if cache is None:
            cache = stack.enter_context(temp_dir("wr-bench-charts-"))
        for name, make in makers.items():
            with chart_cache(cache / name):
                t0 = time.perf_counter()
                chart = make()
                png = chart.png()
                out[name] = (time.perf_counter() - t0, len(png), chart.title)
    return out


def bench(runs: int = 5, quick: bool = False) -> Group:
    n_learners, n_rel, n_feat = (100, 50, 40) if quick else (1000, 50, 40)
    group = Group(
        key="scale",
        title="5. Scale: a whole college's answers, charts of a big dataset",
        command="python -m benchmarks --only scale",
        definition=(
            f"{n_learners:,} learners' saved-answer files (7 quizzes × 10 answers each) aggregated "
            "with `widgets.quizzes.export.class_csv`; a synthetic dataset of "
            f"{n_rel} relationship types × {n_feat} features (a copy of `data/` with the five CSVs "
            "rewritten; it passes `load_dataset`) drawn with `charts.compare` (all features and "
            "relationships), `charts.heatmap` and `charts.profile`, each timed from the call to the "
            "finished PNG (`chart.png()`) with an empty chart cache, so each is drawn; then the "
            "same three charts again, their pictures taken from the chart cache. All in this "
            "process, after one warm-up draw."
        ),
    )
    export_s = []
    chart_s: dict[str, list[float]] = {"compare": [], "heatmap": [], "profile": [], "load": []}
    cached_s: list[float] = []
    info: dict[str, str] = {}
    with temp_dir("wr-bench-scale-") as tmp:
        answers = make_answers(tmp / "answers", n_learners)
        data = make_dataset(tmp / "data", n_rel, n_feat)
        run_charts(data)  # warm-up: matplotlib's first figure loads fonts and backends
        for _ in range(runs):
            s, rows, skipped = run_export(answers)
            export_s.append(s)
            info["export"] = f"{rows:,} CSV rows, {skipped} files skipped"
            with temp_dir("wr-bench-charts-") as cache:
                for name, (sec, size, title) in run_charts(data, cache).items():
                    chart_s[name].append(sec)
                    if name != "load":
                        info[name] = f"PNG {size / 1024:.0f} KiB; title: “{title}”"
                again = run_charts(data, cache)
                cached_s.append(1000 * sum(again[n][0] for n in ("compare", "heatmap", "profile")))
    group.notes.append(
        f"Load average at the end of the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
        "(the machine is shared; wall-clock figures grow with the other work on it)."
    )
    group.rows += [
        Row(
            f"class CSV from {n_learners:,} learners' files",
            export_s,
            limits={"median": 2.0},
            note=info.get("export", ""),
        ),
        Row(f"`load_dataset` of {n_rel}×{n_feat}", chart_s["load"]),
    ]
    for name in ("compare", "heatmap", "profile"):
        group.rows.append(
            Row(
                f"`charts.{name}` {n_rel}×{n_feat} to PNG",
                chart_s[name],
                limits={"median": 2.0},
                note=info.get(name, ""),
            )
        )
    group.rows.append(Row("… all three again, pictures from the chart cache", cached_s, unit="ms"))
    return group
