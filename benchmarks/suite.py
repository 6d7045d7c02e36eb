"""How long the test suite's parts take, what they cost before any test runs, and whether pytest-xdist helps."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import REPO, Group, Row, temp_dir
from benchmarks.imports import cumulative, importtime

PARTS = [
    ("unit", ["tests", "-m", "not browser", "--ignore=tests/browser"]),
    ("nbval", ["notebooks", "--nbval-lax"]),
    ("browser", ["tests/browser"]),
]
XDIST = [
    ("unit, `-n 2`", ["tests", "-m", "not browser", "--ignore=tests/browser", "-n", "2"]),
    (
        "nbval, `-n 2 --dist loadscope`",
        ["notebooks", "--nbval-lax", "-n", "2", "--dist", "loadscope"],
    ),
]
STUB = "raise ImportError('rfc3987_syntax hidden by the benchmark')\n"


def _pytest(
    args: list[str], env: dict[str, str] | None = None, timeout: int = 1800
) -> tuple[float, str]:
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )
    summary = (proc.stdout.strip().splitlines() or ["(no output)"])[-1]
    return time.perf_counter() - t0, f"exit {proc.returncode}: {summary[:160]}"


def _without_rfc3987(stub_dir: Path) -> dict[str, str]:
    """An environment in which `import rfc3987_syntax` fails, as if it were not installed."""
    (stub_dir / "rfc3987_syntax.py").write_text(STUB)
    return {
        "PYTHONPATH": os.pathsep.join(filter(None, [str(stub_dir), os.environ.get("PYTHONPATH")]))
    }


def _import_nbformat(env: dict[str, str] | None) -> float:
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", "import nbformat"],
        cwd=REPO,
        check=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )
    return time.perf_counter() - t0


def bench(runs: int = 5, quick: bool = False, suite_runs: int = 1) -> Group:
    group = Group(
        key="suite",
        title="7. The test suite and its fixed costs",
        command="python -m benchmarks --only suite",
        definition=(
            "Fixed costs: a fresh interpreter per sample. `rfc3987_syntax` rows come from "
            '`python -X importtime -c "import nbformat"`; *hidden* means a stub '
            "`rfc3987_syntax.py` that raises ImportError is put first on PYTHONPATH, which is what "
            "jsonschema sees when the package is not installed (it then skips the `iri` and "
            "`iri-reference` formats), and which every child process (kernels, servers) inherits. "
            f"Suite parts: wall time of `python -m pytest -q <args>`, {suite_runs} run(s) each "
            "(they take minutes; other test runs share the machine), serial unless "
            "`-n 2` is shown."
        ),
    )
    with_s, without_s, rfc_cum, js_cum = [], [], [], []
    with temp_dir("wr-bench-suite-") as tmp:
        hidden = _without_rfc3987(tmp)
        for _ in range(runs):
            rows = importtime("import nbformat")
            rfc_cum.append(cumulative(rows, "rfc3987_syntax") / 1000)
            js_cum.append(cumulative(rows, "jsonschema") / 1000)
            with_s.append(_import_nbformat(None))
            without_s.append(_import_nbformat(hidden))
        group.rows += [
            Row(
                "`import nbformat` (wall, whole interpreter)",
                with_s,
                floor=without_s,
                floor_name="rfc3987_syntax hidden",
            ),
            Row("`import nbformat`, rfc3987_syntax hidden", without_s),
            Row("… `rfc3987_syntax` cumulative (-X importtime)", rfc_cum),
            Row("… `jsonschema` cumulative (-X importtime)", js_cum),
        ]
        if quick:
            group.notes.append("`--quick`: the pytest runs are skipped.")
            return group
        for label, args in PARTS:
            times, notes = [], []
            for _ in range(suite_runs):
                s, note = _pytest(args)
                times.append(s)
                notes.append(note)
            group.rows.append(Row(f"pytest {label}: `{' '.join(args)}`", times, note=notes[-1]))
        for label, args in PARTS[:2]:
            s, note = _pytest(args, env=hidden)
            group.rows.append(Row(f"pytest {label}, rfc3987_syntax hidden", [s], note=note))
        for label, args in XDIST:
            s, note = _pytest(args)
            group.rows.append(Row(f"pytest {label}", [s], note=note))
    return group
