"""What every benchmark shares: result rows, statistics, the machine, servers and process memory."""

from __future__ import annotations

import contextlib
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
BROWSER_TESTS = REPO / "tests" / "browser"
SAMPLE_BANK = REPO / "tests" / "fixtures" / "sample-bank.yaml"
#: Jupyter Server's standard kernel websocket connection (Nagle's algorithm on), for comparisons
#: with the collection's configured `widgets.websocket.NoDelayConnection`.
PLAIN_CONNECTION = (
    "jupyter_server.services.kernels.connection.channels.ZMQChannelsWebsocketConnection"
)
PACKAGES = (
    "jupyterlab",
    "voila",
    "ipywidgets",
    "ipykernel",
    "pandas",
    "matplotlib",
    "pydantic",
    "anywidget",
    "nbclient",
    "playwright",
)


def browser_support():
    """The browser tests' helpers (servers, Chromium, process clean-up), imported from tests/browser."""
    if str(BROWSER_TESTS) not in sys.path:
        sys.path.insert(0, str(BROWSER_TESTS))
    import browser_support as bs

    return bs


# --------------------------------------------------------------------------- results


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0-100) with linear interpolation, as numpy's default does."""
    if not values:
        return float("nan")
    xs = sorted(values)
    k = (len(xs) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


@dataclass
class Row:
    """One figure: its samples, optionally the floor measured in the same run, and its target.

    ``limits`` maps a statistic ("median", "p95", "max") to the largest value that passes;
    ``max_ratio`` is the largest passing ratio of the median to the floor's median.
    """

    figure: str
    samples: list[float]
    unit: str = "s"
    floor: list[float] | None = None
    floor_name: str = ""
    max_ratio: float | None = None
    limits: dict[str, float] = field(default_factory=dict)
    note: str = ""
    errors: int = 0

    @property
    def n(self) -> int:
        return len(self.samples)

    def stat(self, name: str) -> float:
        if not self.samples:
            return float("nan")
        if name in ("median", "p50"):
            return statistics.median(self.samples)
        if name == "min":
            return min(self.samples)
        if name == "max":
            return max(self.samples)
        if name.startswith("p"):
            return percentile(self.samples, float(name[1:]))
        raise ValueError(name)

    @property
    def floor_median(self) -> float | None:
        return statistics.median(self.floor) if self.floor else None

    @property
    def ratio(self) -> float | None:
        f = self.floor_median
        if not f or not self.samples:
            return None
        return self.stat("median") / f

    def target_text(self) -> str:
        parts = []
        if self.max_ratio is not None:
            parts.append(f"≤ {self.max_ratio:g}× floor")
        for name, limit in self.limits.items():
            label = "" if name == "median" else f"{name} "
            parts.append(f"{label}≤ {fmt(limit, self.unit)}")
        return ", ".join(parts) or "(figure only)"

    def verdict(self) -> str:
        if self.max_ratio is None and not self.limits:
            return "—"
        if not self.samples:
            return "MISS (no data)"
        ok = True
        if self.max_ratio is not None:
            ok &= self.ratio is not None and self.ratio <= self.max_ratio
        for name, limit in self.limits.items():
            ok &= self.stat(name) <= limit
        return "pass" if ok else "MISS"


@dataclass
class Group:
    """One target: a table of rows, how it was measured, and notes."""

    key: str
    title: str
    command: str
    definition: str = ""
    rows: list[Row] = field(default_factory=list)
    percentiles: bool = False  # show p95 (for latency samples, not for 5-run timings)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0  # how long this benchmark took


def fmt(value: float | None, unit: str) -> str:
    if value is None or value != value:  # None or NaN
        return "—"
    if unit == "s":
        return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"
    if unit == "ms":
        return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"
    if unit == "MB":
        return f"{value:.0f} MB"
    if unit == "":
        return f"{value:g}"
    return f"{value:g} {unit}"


# --------------------------------------------------------------------------- the machine


def machine() -> dict[str, str]:
    from importlib import metadata

    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = "unknown"
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    load = ""
    with contextlib.suppress(OSError):
        load = " ".join(os.getloadavg().__repr__().strip("()").split(", "))
    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "RAM": ram,
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "packages": ", ".join(versions),
        "load average at start": load,
    }


# --------------------------------------------------------------------------- timing helpers


def timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


@contextlib.contextmanager
def temp_dir(prefix: str) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        yield Path(tmp)


@contextlib.contextmanager
def chart_cache(folder: Path | None = None) -> Iterator[Path]:
    """Kernels started inside use ``folder`` (else a new empty one, removed after) as chart cache."""
    with contextlib.ExitStack() as stack:
        if folder is None:
            folder = stack.enter_context(temp_dir("wr-bench-charts-"))
        saved = os.environ.get("WR_CHART_CACHE")
        os.environ["WR_CHART_CACHE"] = str(folder)
        try:
            yield folder
        finally:
            if saved is None:
                del os.environ["WR_CHART_CACHE"]
            else:
                os.environ["WR_CHART_CACHE"] = saved


# --------------------------------------------------------------------------- processes


def tree_rss(pid: int) -> int:
    """Resident memory in bytes of a process and all its descendants (0 if it is gone)."""
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for p in procs:
        with contextlib.suppress(psutil.Error):
            total += p.memory_info().rss
    return total


class MemorySampler:
    """Samples the RSS of a process tree every ``interval`` seconds in a thread; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        self.pid = pid
        self.interval = interval
        self.peak = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self.samples += 1
            self._stop.wait(self.interval)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


@dataclass
class RunningServer:
    proc: subprocess.Popen
    port: int
    log_path: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + "/" + path.lstrip("/")

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""


@contextlib.contextmanager
def server(
    cmd: Sequence[str],
    *,
    port: int,
    home: Path,
    env: Mapping[str, str] | None = None,
    ready_path: str = "/voila/static/voila.js",
    timeout: float = 90.0,
) -> Iterator[RunningServer]:
    """Start a server in its own process group; on exit stop it and every kernel it started."""
    bs = browser_support()
    log_path = home / "server.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            list(cmd),
            cwd=REPO,
            env=bs.server_env(env, home=home),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        srv = RunningServer(proc, port, log_path)
        try:
            deadline = time.monotonic() + timeout
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(
                        f"server exited with {proc.returncode}:\n{srv.log()[-3000:]}"
                    )
                try:
                    with urllib.request.urlopen(srv.url(ready_path), timeout=5) as r:  # noqa: S310
                        if r.status == 200:
                            break
                except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                    pass
                if time.monotonic() > deadline:
                    raise TimeoutError(f"server not ready in {timeout:.0f} s:\n{srv.log()[-3000:]}")
                time.sleep(0.2)
            yield srv
        finally:
            bs.stop_process(proc)


def wait_for_log(srv: RunningServer, text: str, count: int = 1, timeout: float = 300.0) -> bool:
    """Wait until ``text`` appears ``count`` times in the server log (e.g. a kernel pool filled)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if srv.log().count(text) >= count:
            return True
        if srv.proc.poll() is not None:
            return False
        time.sleep(0.25)
    return False


def wait_quiet(max_wait: float = 20.0, cpu_below: float = 60.0) -> float:
    """Wait (bounded) until the machine's CPU use falls below ``cpu_below`` percent; return the wait."""
    import psutil

    t0 = time.monotonic()
    while time.monotonic() - t0 < max_wait:
        if psutil.cpu_percent(interval=0.5) < cpu_below:
            break
    return time.monotonic() - t0


def wait_idle_tree(pid: int, timeout: float = 600.0, below: float = 10.0) -> bool:
    """Wait until a process tree uses less than ``below`` % of one core over a second (bounded).

    A Voilà pool reports "filled" once its kernels have started, before they have run the
    notebook; this waits until they have finished too.
    """
    import psutil

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            procs = [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]
        except psutil.Error:
            return False
        for p in procs:
            with contextlib.suppress(psutil.Error):
                p.cpu_percent(None)
        time.sleep(1.0)
        used = 0.0
        for p in procs:
            with contextlib.suppress(psutil.Error):
                used += p.cpu_percent(None)
        if used < below:
            return True
    return False
