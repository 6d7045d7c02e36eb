"""Helpers for the browser tests: servers, request recording, axe-core, waiting, screenshots.

The fixtures in ``conftest.py`` wrap these; a test file can also import them directly::

    from browser_support import assert_only_local, run_axe, serious_or_critical, wait_for_widgets

Nothing here downloads anything: Chromium is the system package, axe-core comes from the
``axe_playwright_python`` wheel, and the servers only listen on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = REPO_ROOT / "test-artifacts"
SCREENSHOTS_DIR = ARTIFACTS_DIR / "screenshots"
REPO_JUPYTER_SHARE = REPO_ROOT / "share" / "jupyter"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
# Schemes that never leave the machine.
LOCAL_SCHEMES = {"data", "blob", "about", "chrome", "chrome-extension", "devtools"}

# Generous limits: a slow 2-core machine starts a kernel in 1-3 s and Voila's first render
# (kernel start + executing every cell) can take 5-10 s or more.
SERVER_START_TIMEOUT_S = 60.0
RENDER_TIMEOUT_MS = 90_000
KERNEL_TIMEOUT_MS = 60_000

# Every server process started by this module, so the session can check none is left over.
STARTED_PIDS: list[int] = []


# --------------------------------------------------------------------------- Chromium


def find_chromium() -> str | None:
    """Path of the system Chromium (Debian package), or None.

    ``WR_CHROMIUM`` names another Chromium binary (and nothing else is tried when it is set).
    """
    override = os.environ.get("WR_CHROMIUM")
    if override:
        return override if os.access(override, os.X_OK) else None
    for candidate in (
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


# --------------------------------------------------------------------------- servers


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(
    extra: Mapping[str, str] | None = None, *, home: Path | None = None
) -> dict[str, str]:
    """The test process's environment, with the venv first on PATH and the repo's
    ``share/jupyter`` first on JUPYTER_PATH (so the working tree's offline template is used)."""
    env = dict(os.environ)
    bindir = str(Path(sys.executable).parent)
    env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
    jupyter_path = [str(REPO_JUPYTER_SHARE)]
    if env.get("JUPYTER_PATH"):
        jupyter_path.append(env["JUPYTER_PATH"])
    env["JUPYTER_PATH"] = os.pathsep.join(jupyter_path)
    env["PYTHONUNBUFFERED"] = "1"
    if home is not None:
        env["JUPYTER_RUNTIME_DIR"] = str(home / "runtime")
    # Never let a learner page or kernel reach the network through a proxy.
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        env.pop(name, None)
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    if extra:
        env.update({k: str(v) for k, v in extra.items()})
    return env


@dataclass
class Server:
    """A running Voila or JupyterLab server."""

    kind: str  # "voila" or "lab"
    port: int
    proc: subprocess.Popen
    log_path: Path
    target: Path  # the notebook file or directory served
    home: Path  # temp dir for runtime files, workspaces, settings
    template: str | None = None
    env: dict[str, str] = field(default_factory=dict)  # the extra env given to the server

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        return self.proc.pid

    def url(self, path: str = "/") -> str:
        return self.base_url + "/" + path.lstrip("/")

    def notebook_url(self, notebook: str | Path | None = None) -> str:
        """URL that shows ``notebook`` (a path relative to the served directory)."""
        if self.kind == "voila":
            if self.target.is_file():
                return self.url("/")
            if notebook is None:
                raise ValueError("name the notebook: this Voila server serves a directory")
            return self.url("/voila/render/" + quote(Path(notebook).as_posix()))
        if notebook is None:
            return self.url("/lab")
        return self.url("/lab/tree/" + quote(Path(notebook).as_posix()))

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    def fetch(self, path: str = "/", timeout: float = 120.0) -> str:
        """GET a path (or a full URL of this server) and return the body as text."""
        url = path if path.startswith("http") else self.url(path)
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
            return response.read().decode("utf-8", errors="replace")


def _wait_until_ready(server: Server, path: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    last_error = "no attempt"
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise RuntimeError(
                f"{server.kind} exited with code {server.proc.returncode} before it was ready.\n"
                f"--- server log ---\n{server.log()}"
            )
        try:
            with urllib.request.urlopen(server.url(path), timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
                last_error = f"HTTP {response.status}"
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as exc:
            last_error = repr(exc)
        time.sleep(0.2)  # polling interval while the server boots; nothing to wait on instead
    raise TimeoutError(
        f"{server.kind} did not answer {path} within {timeout:.0f} s (last: {last_error}).\n"
        f"--- server log ---\n{server.log()}"
    )


def _parent_pids() -> dict[int, int]:
    """pid -> parent pid for every process (from /proc)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid ..."; comm may hold spaces or parentheses.
        fields = stat[stat.rfind(")") + 2 :].split()
        parents[int(entry.name)] = int(fields[1])
    return parents


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (kernels start in a session of their own, so the
    server's process group does not include them)."""
    parents = _parent_pids()
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        children = {child for child, parent in parents.items() if parent in frontier}
        children -= found
        found |= children
        frontier = children
    return found


def pid_alive(pid: int) -> bool:
    """True when ``pid`` is a live (not zombie) process."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in status


def process_group_alive(pgid: int) -> bool:
    """True when a live process still belongs to process group ``pgid``."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.getpgid(int(entry.name)) == pgid and pid_alive(int(entry.name)):
                return True
        except (ProcessLookupError, PermissionError):
            continue
    return False


def _wait_gone(pids: set[int], timeout: float) -> set[int]:
    deadline = time.monotonic() + timeout
    alive = {p for p in pids if pid_alive(p)}
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)  # kernels shut down on their own once told; poll until they have
        alive = {p for p in alive if pid_alive(p)}
    return alive


def stop_process(proc: subprocess.Popen, timeout: float = 10.0) -> None:
    """Stop a server, its process group and every kernel it started; reap it."""
    children = descendants(proc.pid)
    STARTED_PIDS.extend(children)
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=timeout)
    # A server stopped by SIGTERM shuts its kernels down; give them a moment, then make sure.
    for pid in _wait_gone(children, 5.0):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
    _wait_gone(children, 5.0)


def stop_leftover(pid: int) -> None:
    """Kill a leftover process and its process group by id."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, signal.SIGKILL)


def leftover_processes() -> list[int]:
    """Server and kernel PIDs started by these tests that are still alive."""
    return [pid for pid in STARTED_PIDS if pid_alive(pid)]


@contextlib.contextmanager
def _run_server(
    kind: str,
    cmd: list[str],
    target: Path,
    home: Path,
    port: int,
    env: Mapping[str, str] | None,
    ready_path: str,
    timeout: float,
    template: str | None = None,
) -> Iterator[Server]:
    log_path = home / f"{kind}.log"
    log_file = open(log_path, "wb")  # closed in finally
    proc = subprocess.Popen(
        cmd,
        cwd=REPO_ROOT,
        env=server_env(env, home=home),
        stdin=subprocess.DEVNULL,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # own process group: stopping it stops its kernels too
    )
    STARTED_PIDS.append(proc.pid)
    server = Server(kind, port, proc, log_path, target, home, template, dict(env or {}))
    try:
        _wait_until_ready(server, ready_path, timeout)
        yield server
    finally:
        stop_process(proc)
        log_file.close()


def voila_command(
    port: int, target: Path, *, template: str = "offline", extra_args: list[str] | None = None
) -> list[str]:
    """The command line that serves a notebook or folder with Voila on 127.0.0.1."""
    return [
        sys.executable,
        "-m",
        "voila",
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        f"--template={template}",
        *(extra_args or []),
        str(target),
    ]


@contextlib.contextmanager
def voila_server(
    notebook_path: str | Path,
    env: Mapping[str, str] | None = None,
    *,
    template: str = "offline",
    extra_args: list[str] | None = None,
    timeout: float = SERVER_START_TIMEOUT_S,
) -> Iterator[Server]:
    """Start Voila on 127.0.0.1 for a notebook file or a directory of notebooks.

    Readiness is probed on ``/voila/static/voila.js`` (GET / would execute the notebook in
    single-notebook mode). Use ``server.notebook_url("name.ipynb")`` to get the page.
    """
    target = Path(notebook_path).resolve()
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="wr-voila-") as tmp:
        home = Path(tmp)
        cmd = voila_command(port, target, template=template, extra_args=extra_args)
        with _run_server(
            "voila", cmd, target, home, port, env, "/voila/static/voila.js", timeout, template
        ) as server:
            yield server


@contextlib.contextmanager
def lab_server(
    root_dir: str | Path,
    env: Mapping[str, str] | None = None,
    *,
    extra_args: list[str] | None = None,
    timeout: float = SERVER_START_TIMEOUT_S,
) -> Iterator[Server]:
    """Start JupyterLab on 127.0.0.1 serving ``root_dir``, without token or password.

    Workspaces and user settings go to a temp dir so a developer's own settings never leak in;
    the news pop-up stays off through the installed ``share/jupyter/lab/settings/overrides.json``.
    Readiness is probed on ``/api/status``.
    """
    target = Path(root_dir).resolve()
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="wr-lab-") as tmp:
        home = Path(tmp)
        cmd = [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={port}",
            "--ServerApp.token=",
            "--ServerApp.password=",
            "--ServerApp.disable_check_xsrf=True",
            f"--ServerApp.root_dir={target}",
            f"--LabApp.workspaces_dir={home / 'workspaces'}",
            f"--LabApp.user_settings_dir={home / 'user-settings'}",
            *(["--allow-root"] if os.geteuid() == 0 else []),
            *(extra_args or []),
        ]
        with _run_server("lab", cmd, target, home, port, env, "/api/status", timeout) as server:
            yield server


# --------------------------------------------------------------------------- page recording


@dataclass
class PageRecord:
    """What a page did: every request URL, every dialog, console errors, uncaught errors."""

    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    allow_dialogs: bool = False

    def attach(self, page) -> None:
        page.on("request", lambda request: self.requests.append(request.url))

        def on_dialog(dialog) -> None:
            self.dialogs.append(f"{dialog.type}: {dialog.message}")
            with contextlib.suppress(Exception):
                dialog.dismiss()

        page.on("dialog", on_dialog)
        page.on(
            "console",
            lambda msg: self.console_errors.append(msg.text) if msg.type == "error" else None,
        )
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))


def non_local_requests(urls: list[str]) -> list[str]:
    bad = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in LOCAL_SCHEMES:
            continue
        if (parts.hostname or "") not in LOCAL_HOSTS:
            bad.append(url)
    return bad


def assert_only_local(requests: list[str] | PageRecord) -> None:
    """Fail listing every request whose host is not 127.0.0.1 / localhost."""
    urls = requests.requests if isinstance(requests, PageRecord) else list(requests)
    bad = non_local_requests(urls)
    assert not bad, f"{len(bad)} request(s) left 127.0.0.1:\n" + "\n".join(f"  {u}" for u in bad)


# --------------------------------------------------------------------------- axe-core


def axe_script_path() -> Path:
    import axe_playwright_python

    path = Path(axe_playwright_python.__file__).parent / "axe.min.js"
    if not path.is_file():
        raise FileNotFoundError(f"axe.min.js not found at {path}")
    return path


def run_axe(page, context: str | None = None, options: dict | None = None) -> dict:
    """Inject axe-core from the installed wheel (never a CDN) and return ``axe.run``'s result.

    ``context`` is a CSS selector to limit the check (default: the whole document).
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_script_path()))
    opts = {"resultTypes": ["violations"], **(options or {})}
    return page.evaluate(
        "async ([ctx, opts]) => "
        "await window.axe.run(ctx ? document.querySelector(ctx) : document, opts)",
        [context, opts],
    )


def format_violation(violation: dict, max_targets: int = 3) -> str:
    targets = [
        " ".join(t) if isinstance(t, list) else str(t)
        for node in violation.get("nodes", [])[:max_targets]
        for t in node.get("target", [])[:1]
    ]
    more = len(violation.get("nodes", [])) - max_targets
    suffix = f" (+{more} more)" if more > 0 else ""
    return (
        f"{violation['id']} [{violation.get('impact')}]: {violation.get('help')} "
        f"-> {', '.join(targets)}{suffix}"
    )


def serious_or_critical(results: dict) -> list[str]:
    """Readable lines for the violations whose impact is serious or critical."""
    return [
        format_violation(v)
        for v in results.get("violations", [])
        if v.get("impact") in {"serious", "critical"}
    ]


def all_violations(results: dict) -> list[str]:
    return [format_violation(v) for v in results.get("violations", [])]


# --------------------------------------------------------------------------- waiting


def wait_for_voila(
    page, timeout_ms: int = RENDER_TIMEOUT_MS, widget_selector: str | None = ".jupyter-widgets"
) -> None:
    """Wait until Voila has executed every cell, the spinner is gone, and widgets are drawn.

    ``widget_selector`` defaults to any ipywidgets view; pass e.g. ``.wrq`` for the project's
    question widget, or None for a page without widgets.
    """
    # Voila shows #rendered_cells (and removes the #loading spinner) after the last cell ran.
    page.wait_for_selector("#rendered_cells", state="visible", timeout=timeout_ms)
    page.wait_for_selector("#loading", state="detached", timeout=timeout_ms)
    if widget_selector:
        page.wait_for_selector(widget_selector, state="attached", timeout=timeout_ms)
    # Widget views are created asynchronously; wait until the last widget output is drawn.
    page.wait_for_function(
        """() => {
            const outs = document.querySelectorAll('.jupyter-widgets-view, .jp-OutputArea-output');
            return ![...outs].some(el => el.textContent.includes('Loading widget'));
        }""",
        timeout=timeout_ms,
    )


def open_voila(page, server: Server, notebook: str | Path | None = None, **kwargs) -> None:
    page.goto(server.notebook_url(notebook), wait_until="commit", timeout=RENDER_TIMEOUT_MS)
    wait_for_voila(page, **kwargs)


def open_lab_notebook(
    page, server: Server, notebook: str | Path, timeout_ms: int = RENDER_TIMEOUT_MS
) -> None:
    """Open ``notebook`` in JupyterLab and wait until its kernel is connected and idle."""
    page.goto(server.notebook_url(notebook), timeout=timeout_ms)
    page.wait_for_selector(f"{LAB_PANEL} .jp-Notebook .jp-Cell", timeout=timeout_ms)
    wait_for_lab_kernel_idle(page, timeout_ms)


LAB_PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"


def open_in_own_workspace(page, server, notebook: str, workspace: str) -> None:
    """Open a notebook in a workspace of its own: the server would otherwise restore the tabs a
    previous test left open (and Run All might run another tab's notebook)."""
    from playwright.sync_api import expect

    page.goto(server.url(f"/lab/workspaces/{workspace}/tree/{quote(notebook)}"))
    page.wait_for_selector(f"{LAB_PANEL} .jp-Notebook .jp-Cell", timeout=RENDER_TIMEOUT_MS)
    wait_for_lab_kernel_idle(page, RENDER_TIMEOUT_MS)
    tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel")
    expect(tab).to_have_text(notebook)
    expect(page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab")).to_have_count(1)


_LAB_KERNEL_IDLE = """() => {
    const ind = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) '
                                       + '.jp-Notebook-ExecutionIndicator');
    const bar = document.querySelector('#jp-main-statusbar');
    return !!ind && ind.getAttribute('data-status') === 'idle'
        && !!bar && /\\|\\s*Idle/.test(bar.textContent);
}"""

# A cell whose input is hidden (metadata jupyter.source_hidden, as in the collection's set-up and
# quiz cells) shows a placeholder without an execution count: it counts as run once it has output.
_LAB_ALL_RUN = """() => {
    const cells = [...document.querySelectorAll(
        '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell')];
    const ran = (cell) => {
        const prompt = cell.querySelector('.jp-InputArea-prompt');
        if (prompt) return /\\[\\d+\\]/.test(prompt.textContent);
        return !!cell.querySelector('.jp-OutputArea-output');
    };
    return cells.length > 0 && cells.every(ran);
}"""


def wait_for_lab_kernel_idle(page, timeout_ms: int = KERNEL_TIMEOUT_MS) -> None:
    """Wait until the notebook's kernel is idle (toolbar indicator and status bar agree)."""
    page.wait_for_function(_LAB_KERNEL_IDLE, timeout=timeout_ms)


def lab_run_all(page, timeout_ms: int = RENDER_TIMEOUT_MS) -> None:
    """Run every cell of the open notebook through the menu Run > Run All Cells, then wait
    until every code cell has an execution count and the kernel is idle again."""
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    try:
        page.wait_for_function(_LAB_ALL_RUN, timeout=timeout_ms)
        wait_for_lab_kernel_idle(page, timeout_ms)
    except Exception as exc:
        path = screenshot(page, "failure-lab-run-all", full_page=False)
        prompts = page.locator(f"{LAB_PANEL} .jp-CodeCell .jp-InputArea-prompt").all_inner_texts()
        raise AssertionError(
            f"JupyterLab did not finish Run All Cells: prompts {prompts}; screenshot {path}"
        ) from exc


def lab_cell(page, index: int):
    """The ``index``-th cell of the open notebook, scrolled into view (JupyterLab only lays
    out cells near the viewport, so Playwright does not see off-screen ones as visible)."""
    cell = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell").nth(index)
    cell.scroll_into_view_if_needed()
    return cell


def lab_find(page, selector: str, timeout_ms: int = 20_000, step_px: int = 400):
    """Scroll the notebook down until ``selector`` exists in the DOM, then scroll it into view.

    JupyterLab 4 windows the notebook: cells far below the viewport are not in the DOM.
    """
    deadline = time.monotonic() + timeout_ms / 1000
    locator = page.locator(selector).first
    while time.monotonic() < deadline:
        if locator.count():
            locator.scroll_into_view_if_needed()
            return locator
        at_end = page.evaluate(
            """(step) => {
                const el = document.querySelector(
                    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer');
                if (!el) return true;
                const before = el.scrollTop;
                el.scrollTop = before + step;
                return el.scrollTop === before;
            }""",
            step_px,
        )
        if at_end:
            locator.wait_for(state="attached", timeout=2_000)
        else:
            page.wait_for_timeout(100)  # let the windowed list render the newly visible cells
    locator.wait_for(state="attached", timeout=1)
    return locator


# --------------------------------------------------------------------------- screenshots


def screenshot(page, name: str, *, full_page: bool = True) -> Path:
    """Write ``test-artifacts/screenshots/<name>.png`` (git-ignored) and return its path."""
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


# --------------------------------------------------------------------------- notebooks


def write_notebook(path: str | Path, cells: list[tuple[str, str]]) -> Path:
    """Write a notebook of ``(kind, source)`` cells, kind "code" or "markdown"."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    maker = {"code": nbformat.v4.new_code_cell, "markdown": nbformat.v4.new_markdown_cell}
    nb.cells = [maker[kind](source) for kind, source in cells]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


def readme_image(name: str) -> Path:
    """Where a test puts a picture the README shows: docs/images/ when WR_UPDATE_README_IMAGES=1
    (a deliberate refresh), else test-artifacts/screenshots/, so a test run never changes a
    tracked file."""
    if os.environ.get("WR_UPDATE_README_IMAGES") == "1":
        folder = REPO_ROOT / "docs" / "images"
    else:
        folder = SCREENSHOTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name
