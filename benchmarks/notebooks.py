"""How long each notebook takes top to bottom in a fresh kernel (as nbval runs it), against the floor
of a kernel that only imports the same libraries."""

from __future__ import annotations

import ast
import asyncio
import subprocess
import time
from pathlib import Path

from benchmarks.common import NOTEBOOKS, Group, Row

DEFINITION = (
    "Each run starts a fresh `python3` kernel with nbclient (as nbval does: a new kernel per "
    "notebook), waits for it to be ready and executes every code cell in order; the figure is "
    "kernel start + execution (kernel shutdown is not counted). The **floor** is the same "
    "measurement for a one-cell notebook holding the notebook's own imports with `widgets` "
    "replaced by what Jupyter itself needs to show the notebook: `import ipywidgets` for a quiz "
    "notebook, `import pandas, matplotlib, ipywidgets` for a notebook that uses the dataset or "
    "charts (`load_dataset`, `wr.charts`), plus any standard-library modules the notebook imports. "
    "Runs are interleaved (floor, notebook, floor, notebook ...) so both see the same machine load."
)

LAST_CELLS: list[tuple[float, str]] = []  # (seconds, last line) per code cell of the last run

DATA_MARKERS = ("load_dataset", "charts.", "wr.charts", "widgets.dataset", "generated_quiz")


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


def floor_imports(nb) -> list[str]:
    """What the floor kernel imports for this notebook (see DEFINITION)."""
    sources = code_cells(nb)
    uses_data = any(m in src for src in sources for m in DATA_MARKERS)
    own = [m for m in parse_imports(sources) if m != "widgets"]
    heavy = ["pandas", "matplotlib"] if uses_data else []
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
    floors = {name: tuple(floor_imports(nb)) for name, nb in nbs.items()}
    floor_nbs = {imp: floor_notebook(list(imp)) for imp in set(floors.values())}

    cells: dict[str, list[tuple[float, str]]] = {}
    total: dict[str, list[float]] = {n: [] for n in nbs}
    start: dict[str, list[float]] = {n: [] for n in nbs}
    floor_total: dict[tuple[str, ...], list[float]] = {imp: [] for imp in floor_nbs}
    floor_start: dict[tuple[str, ...], list[float]] = {imp: [] for imp in floor_nbs}
    errors: dict[str, str] = {}

    run_notebook(floor_notebook(["ipywidgets"]))  # warm the disk cache once, not counted
    for _ in range(runs):
        for imp, fnb in floor_nbs.items():
            k, e = run_notebook(fnb)
            floor_total[imp].append(k + e)
            floor_start[imp].append(k)
        for name, nb in nbs.items():
            if name in errors:
                continue
            try:
                k, e = run_notebook(nb)
            except Exception as exc:  # a failing notebook is reported, not fatal
                errors[name] = (
                    f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
                )
                continue
            total[name].append(k + e)
            start[name].append(k)
            cells[name] = list(LAST_CELLS)

    group = Group(
        key="notebooks",
        title="1. Each notebook top to bottom (fresh kernel, as nbval) against its floor",
        command="python -m benchmarks --only notebooks",
        definition=DEFINITION,
    )
    for name in nbs:
        imp = floors[name]
        group.rows.append(
            Row(
                figure=f"`{name}`",
                samples=total[name],
                floor=floor_total[imp],
                floor_name="import " + ", ".join(imp),
                max_ratio=1.3,
                note=errors.get(name, ""),
            )
        )
    for imp, samples in floor_total.items():
        group.rows.append(
            Row(figure=f"floor: kernel start + `import {', '.join(imp)}`", samples=samples)
        )
    all_starts = [s for v in floor_start.values() for s in v]
    group.rows.append(Row(figure="of which kernel start (all floor runs)", samples=all_starts))
    for name, vals in start.items():
        if vals and name.startswith("00-"):
            group.rows.append(Row(figure=f"of which kernel start (`{name}`)", samples=vals))
    for row in group.rows:
        name = row.figure.strip("`")
        if row.verdict() == "MISS" and cells.get(name):
            top = sorted(cells[name], reverse=True)[:4]
            group.notes.append(
                f"`{name}` misses; its slowest cells in the last run: "
                + "; ".join(f"{s:.2f} s `{src}`" for s, src in top)
                + f" (kernel start {start[name][-1]:.2f} s)"
            )
    for name, err in errors.items():
        group.notes.append(f"`{name}` failed: {err}")
    return group
