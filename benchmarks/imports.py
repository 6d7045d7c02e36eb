"""What importing the package costs: `import widgets` and the first use of each part, over `import ipywidgets`."""

from __future__ import annotations

import subprocess
import sys

from benchmarks.common import REPO, Group, Row

# label, code run after `import ipywidgets` in a fresh interpreter, target (ms) or None
SCENARIOS = [
    ("`import widgets`", "import widgets", 50.0),
    (
        "`wr.start` / `wr.quiz` (widgets.quizzes.api)",
        "import widgets; widgets.start; widgets.quiz",
        None,
    ),
    ("`wr.load_dataset` (widgets.dataset)", "import widgets; widgets.load_dataset", None),
    ("`wr.charts` (widgets.charts)", "import widgets; widgets.charts", None),
]
# modules whose cumulative import time is reported from the `wr.start` scenario
PARTS = ["pydantic", "anywidget", "yaml", "filelock", "widgets.quizzes.models", "platformdirs"]


def parse_importtime(stderr: str) -> list[tuple[int, int, int, str]]:
    """[(self µs, cumulative µs, depth, module)] from `python -X importtime` output, in order."""
    rows = []
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        parts = line.split(":", 1)[1].split("|")
        if len(parts) != 3:
            continue
        name = parts[2].rstrip("\n")
        depth = (len(name) - len(name.lstrip(" ")) - 1) // 2
        rows.append((int(parts[0]), int(parts[1]), depth, name.strip()))
    return rows


def importtime(code: str) -> list[tuple[int, int, int, str]]:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return parse_importtime(proc.stderr)


def over_baseline(rows: list[tuple[int, int, int, str]], after: str = "ipywidgets") -> float:
    """Milliseconds of top-level imports that finished after the `after` module (its own excluded)."""
    names = [r[3] for r in rows]
    start = names.index(after) + 1 if after in names else 0
    return sum(cum for _s, cum, depth, _n in rows[start:] if depth == 0) / 1000


def cumulative(rows: list[tuple[int, int, int, str]], module: str) -> float:
    for _s, cum, _d, name in rows:
        if name == module:
            return cum / 1000
    return 0.0


def bench(runs: int = 5, quick: bool = False) -> Group:
    group = Group(
        key="imports",
        title="4. Import cost of `widgets` over `ipywidgets` alone",
        command="python -m benchmarks --only imports",
    )
    group.definition = (
        'Each sample is a fresh interpreter running `python -X importtime -c "import ipywidgets; '
        '<code>"`; the figure is the sum of the cumulative import times of the top-level imports '
        "that complete after `ipywidgets` (ipywidgets, IPython and traitlets are already loaded in "
        "a kernel, so they are not counted). Lazy names (PEP 562) are imported by touching the "
        "attribute, which is what a notebook's `wr.start()` or `wr.quiz(...)` does first. The floor "
        "column is the cumulative time of `import ipywidgets` in the same interpreter. `-X importtime` "
        "adds its own overhead, so compare figures within this table only."
    )
    samples: dict[str, list[float]] = {label: [] for label, _c, _t in SCENARIOS}
    floor: dict[str, list[float]] = {label: [] for label, _c, _t in SCENARIOS}
    parts: dict[str, list[float]] = {m: [] for m in PARTS}
    for _ in range(runs):
        for label, code, _target in SCENARIOS:
            rows = importtime("import ipywidgets; " + code)
            samples[label].append(over_baseline(rows))
            floor[label].append(cumulative(rows, "ipywidgets"))
            if code.endswith("widgets.quiz"):
                for m in PARTS:
                    parts[m].append(cumulative(rows, m))
    for label, _code, target in SCENARIOS:
        group.rows.append(
            Row(
                label,
                samples[label],
                unit="ms",
                floor=floor[label],
                floor_name="import ipywidgets",
                limits={"median": target} if target else {},
            )
        )
    for m in PARTS:
        group.rows.append(Row(f"… of which `{m}` (cumulative)", parts[m], unit="ms"))
    return group
