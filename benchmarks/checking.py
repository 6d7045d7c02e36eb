"""How long a course designer waits for the checker, and how hard the loaders were fuzzed.

- A generated 10,000-question bank checked with ``widgets.quizzes.bank.check``, against the floor
  of parsing the same file with ``yaml.load(text, Loader=yaml.CSafeLoader)`` (libyaml with
  PyYAML's own safe constructor: the fastest safe parse, checking nothing) and beside
  ``yaml.safe_load`` (the pure-Python parse the checker used before). All in this process,
  figures interleaved run by run so their ratios are fair on a shared machine.
- ``python -m widgets check`` of ``data/`` in a fresh process (Frictionless included), against a
  fresh ``python -c "import widgets"``.
- ``import frictionless`` in a fresh interpreter: why the notebooks never import it.
- Fuzzing, far longer than the test suite's fixed budget: damaged banks, CSV files and
  ``datapackage.json`` files from ``tests/fuzz_inputs.py``; how many inputs, how many ended in a
  ``DataError``, and how many in any other exception (the target is none).
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import REPO, Group, Row, temp_dir
from benchmarks.scale import make_bank


def _fresh(code: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True, capture_output=True)
    return time.perf_counter() - t0


def _timed(fn, paused: bool = False) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) for one call; the collector paused if asked."""
    gc.collect()
    if paused:
        gc.disable()
    try:
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        return time.perf_counter() - t0, time.process_time() - c0
    finally:
        gc.enable()


def _check_command() -> float:
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "widgets", "check"], cwd=REPO, check=True, capture_output=True
    )
    return time.perf_counter() - t0


def _import_ms(module: str) -> float:
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True,
        text=True,
        check=True,
    )
    last = [ln for ln in run.stderr.splitlines() if ln.rstrip().endswith(f"| {module}")][-1]
    return int(last.split("|")[1]) / 1000.0


def fuzz(examples: int) -> dict[str, dict[str, int | float]]:
    """Run each fuzz strategy ``examples`` times: inputs, DataErrors, crashes, seconds."""
    sys.path.insert(0, str(REPO / "tests"))
    import shutil
    import tempfile

    from fuzz_inputs import DATA, bank_bytes, csv_file_damage, package_bytes

    from widgets.dataset import check_dataset, load_dataset
    from widgets.dataset.spec import spec_problems
    from widgets.errors import DataError, DataErrors
    from widgets.quizzes.bank import read_bank

    def scratch() -> Path:
        folder = Path(tempfile.mkdtemp(prefix="wr-bench-fuzz-")) / "data"
        shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("quizzes", "*.md"))
        return folder

    def bank(data: bytes) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "bank.yaml"
            path.write_bytes(data)
            read_bank(path)

    def table(damage: tuple[str, bytes]) -> None:
        folder = scratch()
        try:
            (folder / damage[0]).write_bytes(damage[1])
            load_dataset(folder)
        finally:
            shutil.rmtree(folder.parent)

    def package(data: bytes, spec: bool = False) -> None:
        folder = scratch()
        try:
            (folder / "datapackage.json").write_bytes(data)
            if spec:
                checked = check_dataset(folder)
                found = checked.problems + spec_problems(checked)
                if found:
                    raise DataErrors(found)
            else:
                load_dataset(folder)
        finally:
            shutil.rmtree(folder.parent)

    plans = [
        ("question banks", bank_bytes(), bank, examples),
        ("CSV files", csv_file_damage(), table, examples // 2),
        ("datapackage.json", package_bytes(), package, examples // 2),
        (
            "datapackage.json + Frictionless",
            package_bytes(),
            lambda d: package(d, True),
            examples // 10,
        ),
    ]
    out: dict[str, dict[str, int | float]] = {}
    for name, strategy, target, n in plans:
        tally = {"inputs": 0, "DataError": 0, "crashes": 0, "seconds": 0.0}
        t0 = time.perf_counter()
        _runner(strategy, target, tally, max(1, n), DataError)()
        tally["seconds"] = time.perf_counter() - t0
        out[name] = tally
    return out


def _runner(strategy, target, tally: dict, n: int, expected: type):
    """A hypothesis test that feeds ``target`` and tallies how each input ended."""
    from hypothesis import HealthCheck, given, settings

    @settings(max_examples=n, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def run(value) -> None:
        tally["inputs"] += 1
        try:
            target(value)
        except expected:
            tally["DataError"] += 1
        except Exception:  # counted: the target is none
            tally["crashes"] += 1

    return run


def bench(runs: int = 5, quick: bool = False) -> Group:
    import yaml

    from widgets.quizzes.bank import check

    n_questions = 1000 if quick else 10_000
    group = Group(
        key="checking",
        title="8. Checking: the checker a course designer runs, and fuzzing the loaders",
        command="python -m benchmarks --only checking",
        definition=__doc__.split("\n\n", 1)[1].strip(),
    )
    load_before = os.getloadavg()[0]
    with temp_dir("wr-bench-check-") as tmp:
        path = make_bank(tmp / "big.yaml", n_questions)
        text = path.read_text(encoding="utf-8")
        checked, floor, pure = [], [], []
        problems = len(check([path]))  # warm-up, and proof that the bank is valid
        for n in range(runs):
            checked.append(_timed(lambda: check([path])))
            # the floor parses with the collector paused too, as the checker does: a fair floor
            floor.append(_timed(lambda: yaml.load(text, Loader=yaml.CSafeLoader), True))  # noqa: S506
            if n < (1 if quick else 3):
                pure.append(_timed(lambda: yaml.safe_load(text), True))
    command, bare = [], []
    for _ in range(runs):
        command.append(_check_command())
        bare.append(_fresh("import widgets"))
    imports = [_import_ms("frictionless") for _ in range(runs)]
    widgets_ms = [_import_ms("widgets") for _ in range(runs)]
    size = f"{len(text) / 1e6:.1f} MB, {text.count(chr(10)):,} lines"
    group.notes.append(
        f"Load average while the bank was checked: {load_before:.1f} before, "
        f"{os.getloadavg()[0]:.1f} after, on {os.cpu_count()} cores. Wall-clock time grows with "
        "the other work on the machine; CPU time much less, and the ratio to the floor not at all."
    )
    wall = [w for w, _c in checked]
    cpu = [c for _w, c in checked]
    group.rows += [
        Row(
            f"check a {n_questions:,}-question bank",
            wall,
            floor=[w for w, _c in floor],
            floor_name="`yaml.load(CSafeLoader)`",
            limits={"median": 1.0},
            note=f"{size}; {problems} problems reported",
        ),
        Row(
            "… CPU time of the same runs (what the check costs, whatever else the machine does)",
            cpu,
            floor=[c for _w, c in floor],
            floor_name="the floor's CPU time",
            limits={"median": 1.0},
        ),
        Row(
            "… the same file with `yaml.safe_load` (parse only, pure Python)",
            [w for w, _c in pure],
            floor=[w for w, _c in floor],
            note="the parser the checker used before",
        ),
        Row(
            "`python -m widgets check` of data/ (fresh process)",
            command,
            floor=bare,
            floor_name='`python -c "import widgets"`',
        ),
        Row("`import frictionless` (fresh interpreter)", imports, unit="ms"),
        Row("`import widgets` (fresh interpreter)", widgets_ms, unit="ms"),
    ]
    for name, t in fuzz(200 if quick else 2000).items():
        group.rows.append(
            Row(
                f"fuzz {name}: {t['inputs']:,} damaged inputs",
                [float(t["seconds"])],
                note=f"{t['DataError']:,} DataError, {t['crashes']} other exceptions",
                errors=int(t["crashes"]),
            )
        )
    return group
