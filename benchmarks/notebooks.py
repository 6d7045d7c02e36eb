"""How long each notebook takes top to bottom in a fresh kernel (as nbval runs it), against the floor
of a kernel that only imports the same libraries."""

from __future__ import annotations

import ast
import asyncio
import contextlib
import subprocess
import time
from pathlib import Path

from benchmarks.common import NOTEBOOKS, Group, Row, chart_cache, temp_dir

DEFINITION = (
    "Each run starts a fresh `python3` kernel with nbclient (as nbval does: a new kernel per "
    "notebook), waits for it to be ready and executes every code cell in order; the figure is "
    "kernel start + execution (kernel shutdown is not counted). The **floor** is the same "
    "measurement for a one-cell notebook holding the notebook's own imports with `widgets` "
    "replaced by what Jupyter itself needs to show the notebook: `import ipywidgets` for a quiz "
    "notebook, `import pandas, matplotlib, ipywidgets` for a notebook that uses the dataset or "
    "charts (`load_dataset`, `wr.charts`), plus any standard-library modules the notebook imports. "
    "A notebook that draws charts runs twice per round: with the chart cache an earlier run filled "
    "(what every kernel after the first sees: a class server's pool, a learner opening the lesson "
    "again), and with an empty chart cache (the first run after the data or the charts change), "
    "whose floor also imports what drawing any matplotlib chart needs (`matplotlib.figure` and the "
    "Agg backend). Targets: 1.3× the floor for a quiz notebook, 1.6× for a notebook that uses the "
    "dataset or charts. Runs are interleaved (floor, notebook, floor, notebook ...) so both see the "
    "same machine load; every kernel's chart cache is a scratch folder of the benchmark."
)

LAST_CELLS: list[tuple[float, str]] = []  # (seconds, last line) per code cell of the last run

DATA_MARKERS = ("load_dataset", "charts.", "wr.charts", "widgets.dataset", "generated_quiz")
CHART_MARKERS = ("charts.",)
DRAWING = ("matplotlib.figure", "matplotlib.backends.backend_agg")
QUIZ_RATIO = 1.3
DATA_RATIO = 1.6


def code_cells(nb) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "code"]


def parse_imports(sources: list[str]) -> list[str]:
    """Top-level module names the code cells import, in first-seen order (magics are skipped)."""
    found: list[str] = []
    for src in sources:
        text = "\n".join(
            line for line in src.splitlines() if not line.lstrip().startswith(("%", "!"))
        )
        try:
            tree = ast.parse(text)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module.split(".")[0]]
            for n in names:
                if n not in found:
                    found.append(n)
    return found


def uses(nb, markers: tuple[str, ...]) -> bool:
    return any(m in src for src in code_cells(nb) for m in markers)


def floor_imports(nb, drawing: bool = False) -> list[str]:
    """What the floor kernel imports for this notebook (see DEFINITION); ``drawing`` adds what
    drawing a matplotlib chart needs."""
    sources = code_cells(nb)
    own = [m for m in parse_imports(sources) if m != "widgets"]
    heavy = ["pandas", "matplotlib"] if uses(nb, DATA_MARKERS) else []
    if drawing:
        heavy = ["pandas", *DRAWING]
    out: list[str] = []
    for m in [*own, *heavy, "ipywidgets"]:
        if m not in out:
            out.append(m)
    return out


def floor_notebook(imports: list[str]):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [nbformat.v4.new_code_cell("import " + ", ".join(imports))]
    return nb


async def _run(nb, cwd: Path, timeout: int) -> tuple[float, float]:
    from nbclient import NotebookClient

    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}
    )
    client.reset_execution_trackers()
    t0 = time.perf_counter()
    async with client.async_setup_kernel(stderr=subprocess.DEVNULL):
        msg_id = client.kc.kernel_info()
        await client.async_wait_for_reply(msg_id)
        t1 = time.perf_counter()
        LAST_CELLS.clear()
        for index, cell in enumerate(client.nb.cells):
            c0 = time.perf_counter()
            await client.async_execute_cell(
                cell, index, execution_count=client.code_cells_executed + 1
            )
            if cell.cell_type == "code":
                first = cell.source.strip().splitlines()[-1] if cell.source.strip() else ""
                LAST_CELLS.append((time.perf_counter() - c0, first[:70]))
        t2 = time.perf_counter()
    return t1 - t0, t2 - t1


def run_notebook(nb, cwd: Path = NOTEBOOKS, timeout: int = 300) -> tuple[float, float]:
    """(kernel start, execution) in seconds for one fresh-kernel run of a notebook node."""
    import copy

    return asyncio.run(_run(copy.deepcopy(nb), cwd, timeout))


def bench(
    runs: int = 5,
    quick: bool = False,
    only_notebooks: list[str] | None = None,
) -> Group:
    import nbformat

    paths = sorted(NOTEBOOKS.glob("*.ipynb"))
    if only_notebooks:
        paths = [p for p in paths if any(k in p.name for k in only_notebooks)]
    elif quick:
        paths = [p for p in paths if p.name.startswith(("00-", "04-"))]
    nbs = {p.name: nbformat.read(p, as_version=4) for p in paths}
    # Each notebook once as it is (cache filled), and a notebook that draws once more, cold.
    cases = [(name, False) for name in nbs]
    cases += [(name, True) for name, nb in nbs.items() if uses(nb, CHART_MARKERS)]
    floors = {case: tuple(floor_imports(nbs[case[0]], drawing=case[1])) for case in cases}
    floor_nbs = {imp: floor_notebook(list(imp)) for imp in set(floors.values())}

    cells: dict[tuple[str, bool], list[tuple[float, str]]] = {}
    total: dict[tuple[str, bool], list[float]] = {c: [] for c in cases}
    start: dict[tuple[str, bool], list[float]] = {c: [] for c in cases}
    floor_total: dict[tuple[str, ...], list[float]] = {imp: [] for imp in floor_nbs}
    floor_start: dict[tuple[str, ...], list[float]] = {imp: [] for imp in floor_nbs}
    errors: dict[str, str] = {}

    with temp_dir("wr-bench-charts-") as warm, chart_cache(warm):
        run_notebook(floor_notebook(["ipywidgets"]))  # warm the disk cache once, not counted
        for nb in nbs.values():  # and fill the chart cache as a first run would, not counted
            if uses(nb, CHART_MARKERS):
                with contextlib.suppress(Exception):  # a failing notebook is reported below
                    run_notebook(nb)
        for _ in range(runs):
            for imp, fnb in floor_nbs.items():
                k, e = run_notebook(fnb)
                floor_total[imp].append(k + e)
                floor_start[imp].append(k)
            for case in cases:
                name, cold = case
                if name in errors:
                    continue
                try:
                    with chart_cache(None if cold else warm):
                        k, e = run_notebook(nbs[name])
                except Exception as exc:  # a failing notebook is reported, not fatal
                    first = str(exc).splitlines()[0][:200] if str(exc) else ""
                    errors[name] = f"{type(exc).__name__}: {first}"
                    continue
                total[case].append(k + e)
                start[case].append(k)
                cells[case] = list(LAST_CELLS)

    group = Group(
        key="notebooks",
        title="1. Each notebook top to bottom (fresh kernel, as nbval) against its floor",
        command="python -m benchmarks --only notebooks",
        definition=DEFINITION,
    )
    rows: dict[tuple[str, bool], Row] = {}
    for case in sorted(cases):  # each notebook, then its empty-cache run
        name, cold = case
        imp = floors[case]
        drawn = (name, True) in floors
        rows[case] = Row(
            figure="… with an empty chart cache (first run after a change)"
            if cold
            else f"`{name}`",
            samples=total[case],
            floor=floor_total[imp],
            floor_name="import " + ", ".join(imp),
            max_ratio=DATA_RATIO if uses(nbs[name], DATA_MARKERS) else QUIZ_RATIO,
            note=errors.get(name, "")
            or ("charts from the chart cache" if drawn and not cold else ""),
        )
        group.rows.append(rows[case])
    for imp, samples in floor_total.items():
        group.rows.append(
            Row(figure=f"floor: kernel start + `import {', '.join(imp)}`", samples=samples)
        )
    all_starts = [s for v in floor_start.values() for s in v]
    group.rows.append(Row(figure="of which kernel start (all floor runs)", samples=all_starts))
    for case, vals in start.items():
        if vals and case[0].startswith("00-"):
            group.rows.append(Row(figure=f"of which kernel start (`{case[0]}`)", samples=vals))
    for case, row in rows.items():
        if row.verdict() == "MISS" and cells.get(case):
            top = sorted(cells[case], reverse=True)[:4]
            what = f"`{case[0]}`" + (" with an empty chart cache" if case[1] else "")
            group.notes.append(
                f"{what} misses; its slowest cells in the last run: "
                + "; ".join(f"{s:.2f} s `{src}`" for s, src in top)
                + f" (kernel start {start[case][-1]:.2f} s)"
            )
    for name, err in errors.items():
        group.notes.append(f"`{name}` failed: {err}")
    return group
