"""Voilà in a real Chromium: time to a usable first quiz, click to feedback, and a class of learners at once."""

from __future__ import annotations

import asyncio
import shutil
import time
from pathlib import Path

from benchmarks.common import (
    NOTEBOOKS,
    PLAIN_CONNECTION,
    REPO,
    SAMPLE_BANK,
    Group,
    MemorySampler,
    Row,
    browser_support,
    server,
    temp_dir,
    wait_for_log,
    wait_idle_tree,
)

CLASS_NOTEBOOK = "05-professional-boundaries.ipynb"
QUIZ_READY = ".wrq .wrq-check"
FLOOR_READY = "button.widget-button"
POOL_FILLED = "is filled with"
PAGE_TIMEOUT_MS = 240_000
FIRST_TIMEOUT_MS = 90_000
NAV: list[tuple[float, float]] = []  # (first usable, HTML fully received) of each _first_usable

# Records, in the page, when the first element matching the selector is visible and enabled
# (performance.now(): milliseconds since the navigation started).
FIRST_USABLE_JS = """
(() => {
  const selector = %r;
  const probe = () => {
    if (window.__wrFirst !== undefined) return true;
    const el = document.querySelector(selector);
    if (el && !el.disabled && el.checkVisibility && el.checkVisibility()) {
      window.__wrFirst = performance.now();
      const nav = performance.getEntriesByType('navigation')[0];
      window.__wrNav = nav ? {responseEnd: nav.responseEnd, dcl: nav.domContentLoadedEventEnd} : {};
      return true;
    }
    return false;
  };
  const timer = setInterval(() => { if (probe()) clearInterval(timer); }, 5);
  const start = () => new MutationObserver(() => probe())
    .observe(document.documentElement, {childList: true, subtree: true, attributes: true});
  if (document.documentElement) start(); else document.addEventListener('DOMContentLoaded', start);
})();
"""

# Click to feedback: the Check button's click event (capture phase, event.timeStamp) until the
# `.wrq-verdict` of that question is in the DOM (MutationObserver on its `.wrq-feedback`).
LATENCY_JS = """
() => {
  if (window.__lat) return;
  window.__lat = [];
  const pending = new Map();
  document.addEventListener('click', (e) => {
    const b = e.target && e.target.closest && e.target.closest('.wrq-check');
    if (!b) return;
    pending.set(b.closest('.wrq'), e.timeStamp);
  }, true);
  for (const q of document.querySelectorAll('.wrq')) {
    const fb = q.querySelector('.wrq-feedback');
    new MutationObserver(() => {
      const t0 = pending.get(q);
      if (t0 !== undefined && fb.querySelector('.wrq-verdict')) {
        pending.delete(q);
        window.__lat.push({type: q.dataset.questionType, id: q.dataset.questionId,
                           ms: performance.now() - t0});
      }
    }).observe(fb, {childList: true, subtree: true});
  }
}
"""

# Choose an answer in question `index` as a learner would (the controls' own change events fire),
# varying with `k`, so the kernel grades right, partly right and wrong answers.
ANSWER_JS = """
([index, k]) => {
  const q = document.querySelectorAll('.wrq')[index];
  const fire = (el) => el.dispatchEvent(new Event('change', {bubbles: true}));
  const inputs = [...q.querySelectorAll('.wrq-option input')];
  if (inputs.length) {
    const pick = inputs[k % inputs.length];
    if (pick.type === 'checkbox') {
      inputs.forEach((i, n) => { i.checked = n === k % inputs.length || n === 0; });
    } else {
      pick.checked = true;
    }
    fire(pick);
    return q.dataset.questionType;
  }
  const selects = [...q.querySelectorAll('select')];
  selects.forEach((s, n) => { s.value = String((k + n) % (s.options.length - 1)); fire(s); });
  if (!selects.length && k % 2) {
    const down = q.querySelector('.wrq-down');
    if (down) down.click();
  }
  return q.dataset.questionType;
}
"""


def voila_cmd(port: int, target: Path, extra: list[str] | None = None) -> list[str]:
    return browser_support().voila_command(port, target, extra_args=extra)


def classroom_cmd(notebook: Path) -> list[str]:
    return ["bash", str(REPO / "scripts" / "classroom.sh"), str(notebook)]


def floor_notebook(path: Path) -> Path:
    bs = browser_support()
    return bs.write_notebook(
        path,
        [
            ("code", "import ipywidgets as ipw"),
            ("code", 'ipw.Button(description="Check answer")'),
        ],
    )


def sample_notebook(path: Path, bank: Path = SAMPLE_BANK) -> Path:
    bs = browser_support()
    return bs.write_notebook(
        path,
        [
            (
                "code",
                "import widgets as wr\n"
                "from widgets.quizzes.bank import read_bank\n"
                "from widgets.quizzes.quiz import quiz_from_bank\n"
                f"quiz_from_bank(read_bank({str(bank)!r}), 'sample')",
            ),
        ],
    )


def _chromium():
    bs = browser_support()
    path = bs.find_chromium()
    if path is None:
        raise RuntimeError("Chromium not found: run `bash scripts/install-browser.sh`")
    return path, bs.CHROMIUM_ARGS


# --------------------------------------------------------------------------- 2. first quiz


def _first_usable(browser, url: str, selector: str) -> float:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.add_init_script(FIRST_USABLE_JS % selector)
        page.goto(url, wait_until="commit", timeout=FIRST_TIMEOUT_MS)
        page.wait_for_function(
            "() => window.__wrFirst !== undefined", timeout=FIRST_TIMEOUT_MS, polling=50
        )
        first, nav = page.evaluate("() => [window.__wrFirst, window.__wrNav]")
        NAV.append((first / 1000, (nav.get("responseEnd") or 0) / 1000))
        return first / 1000
    finally:
        context.close()


def bench_first_quiz(runs: int = 5, quick: bool = False) -> Group:
    from playwright.sync_api import sync_playwright

    group = Group(
        key="first-quiz",
        title="2. Time to first quiz in Voilà",
        command="python -m benchmarks --only first-quiz",
        definition=(
            f"Voilà (offline template) serves a folder holding a copy of `{CLASS_NOTEBOOK}` and the "
            "floor notebook (`import ipywidgets as ipw` + one `ipw.Button`). Each sample is a new "
            "browser context: a script injected before the page loads records `performance.now()` "
            "(ms since the navigation started) when the first `.wrq .wrq-check` (floor: the "
            "Button) is visible and enabled. Floor and notebook alternate. *Default* starts a "
            "kernel per page; *preheated* is `--preheat_kernel=True --pool_size=<runs+2> "
            "--VoilaKernelManager.fill_delay=600`, measured once the pools are filled and the "
            "kernels idle (they have run the notebooks)."
        ),
    )
    chromium, args = _chromium()
    with temp_dir("wr-bench-first-") as tmp, sync_playwright() as pw:
        root = tmp / "nb"
        root.mkdir()
        shutil.copy(NOTEBOOKS / CLASS_NOTEBOOK, root / "class.ipynb")
        floor_notebook(root / "floor.ipynb")
        env = {"WR_ANSWERS_DIR": str(tmp / "answers"), "WR_REMEMBER_LEARNER": "0"}
        browser = pw.chromium.launch(executable_path=chromium, args=args, headless=True)
        try:
            bs = browser_support()
            for mode in ("default", "preheated"):
                extra = (
                    []
                    if mode == "default"
                    else [
                        "--preheat_kernel=True",
                        f"--pool_size={runs + 2}",
                        "--VoilaKernelManager.fill_delay=600",
                    ]
                )
                port = bs.free_port()
                home = tmp / f"home-{mode}"
                home.mkdir()
                t_fill = 0.0
                with server(voila_cmd(port, root, extra), port=port, home=home, env=env) as srv:
                    if mode == "preheated":
                        t0 = time.monotonic()
                        if not wait_for_log(srv, POOL_FILLED, count=2, timeout=300):
                            group.notes.append(
                                "preheated: the kernel pools did not report full "
                                "within 300 s; figures may include cold kernels"
                            )
                        wait_idle_tree(srv.proc.pid, timeout=300)
                        t_fill = time.monotonic() - t0
                    floor_s, quiz_s, html_floor, html_quiz = [], [], [], []
                    failures = 0
                    for _ in range(runs):
                        for name, ready, times, html in (
                            ("floor.ipynb", FLOOR_READY, floor_s, html_floor),
                            ("class.ipynb", QUIZ_READY, quiz_s, html_quiz),
                        ):
                            try:
                                times.append(
                                    _first_usable(browser, srv.url(f"/voila/render/{name}"), ready)
                                )
                                html.append(NAV[-1][1])
                            except Exception as exc:  # one stuck page is reported, not fatal
                                failures += 1
                                group.notes.append(
                                    f"{mode}: a page of {name} never became usable "
                                    f"({type(exc).__name__}); sample skipped"
                                )
                                if failures > 2:
                                    break
                limits = {"median": 1.0} if mode == "preheated" else {}
                group.rows.append(
                    Row(
                        f"`{CLASS_NOTEBOOK}`, {mode}",
                        quiz_s,
                        floor=floor_s,
                        floor_name="ipywidgets Button",
                        max_ratio=1.2,
                        limits=limits,
                    )
                )
                group.rows.append(Row(f"floor (one ipywidgets Button), {mode}", floor_s))
                group.rows.append(
                    Row(
                        f"… of which the HTML page received, notebook, {mode}",
                        html_quiz,
                        note="navigation `responseEnd`: Voilà has run the notebook",
                    )
                )
                group.rows.append(
                    Row(f"… of which the HTML page received, floor, {mode}", html_floor)
                )
                if mode == "preheated":
                    group.notes.append(
                        f"Filling both pools ({2 * (runs + 2)} kernels) took "
                        f"{t_fill:.0f} s after the server answered."
                    )
        finally:
            browser.close()
    return group


# --------------------------------------------------------------------------- 3. click to feedback


TYPES = ("single", "multiple", "true_false", "matching", "ordering", "sorting")


def bench_click(runs: int = 5, quick: bool = False) -> Group:
    group = Group(
        key="click",
        title="3. Click to feedback, measured inside the page",
        command="python -m benchmarks --only click",
        percentiles=True,
    )
    per_type = 5 if quick else max(50, 10 * runs)
    group.definition = (
        "Voilà (offline template, the collection's installed settings) shows "
        "`tests/fixtures/sample-bank.yaml` (one question of each type) through "
        "`quiz_from_bank(read_bank(path), 'sample')`. Injected JavaScript records the Check "
        "button's `click` event (capture phase, `event.timeStamp`) and a MutationObserver on that "
        "question's `.wrq-feedback` records when `.wrq-verdict` appears; the difference is the "
        "figure. The loop chooses an answer (varying, so right, partly right and wrong answers are "
        "all graded), clicks Check (a real Playwright click), waits for the verdict, clicks Try "
        f"again; {per_type} answers per question type. Every Check also saves the answer to the "
        "learner's file (file lock + fsync) in the kernel, as in class. The kernel websocket is "
        "the collection's `widgets.websocket.NoDelayConnection` (TCP_NODELAY, set in the "
        "installed `etc/jupyter/voila.json`); the second half of the table repeats the loop with "
        "Jupyter Server's standard connection class, which leaves Nagle's algorithm on."
    )
    for plain in (False, True):
        samples = _click(
            per_type,
            extra=[f"--Voila.kernel_websocket_connection_class={PLAIN_CONNECTION}"]
            if plain
            else [],
        )
        everything = [v for vals in samples.values() for v in vals]
        for qtype, values in [*((t, samples.get(t, [])) for t in TYPES), ("all types", everything)]:
            if plain:
                group.rows.append(
                    Row(f"… {qtype}, standard connection (Nagle's algorithm on)", values, unit="ms")
                )
            else:
                group.rows.append(
                    Row(qtype, values, unit="ms", limits={"median": 50.0, "p95": 150.0})
                )
    return group


def _click(per_type: int, extra: list[str]) -> dict[str, list[float]]:
    """Click-to-feedback samples (ms) by question type, from one Voilà server started with
    ``extra`` arguments."""
    from playwright.sync_api import sync_playwright

    chromium, args = _chromium()
    bs = browser_support()
    samples: dict[str, list[float]] = {}
    with temp_dir("wr-bench-click-") as tmp, sync_playwright() as pw:
        nb = sample_notebook(tmp / "sample.ipynb")
        env = {"WR_ANSWERS_DIR": str(tmp / "answers"), "WR_REMEMBER_LEARNER": "0"}
        port = bs.free_port()
        browser = pw.chromium.launch(executable_path=chromium, args=args, headless=True)
        try:
            with server(voila_cmd(port, nb, extra), port=port, home=tmp, env=env) as srv:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                page.add_init_script(FIRST_USABLE_JS % QUIZ_READY)
                page.goto(srv.url("/"), wait_until="commit", timeout=PAGE_TIMEOUT_MS)
                page.wait_for_function(
                    "() => document.querySelectorAll('.wrq').length >= 6 && "
                    "window.__wrFirst !== undefined",
                    timeout=PAGE_TIMEOUT_MS,
                )
                page.evaluate(LATENCY_JS)
                questions = page.locator(".wrq")
                count = questions.count()
                for k in range(per_type):
                    for i in range(count):
                        q = questions.nth(i)
                        before = page.evaluate("() => window.__lat.length")
                        page.evaluate(ANSWER_JS, [i, k])
                        q.locator(".wrq-check").click(timeout=30_000)
                        page.wait_for_function(
                            f"() => window.__lat.length > {before}", timeout=30_000, polling=20
                        )
                        page.wait_for_function(
                            f"() => document.querySelectorAll('.wrq')[{i}].dataset.state === 'checked'",
                            timeout=30_000,
                            polling=20,
                        )
                        q.locator(".wrq-retry").click(timeout=30_000)
                        page.wait_for_function(
                            f"() => {{ const q = document.querySelectorAll('.wrq')[{i}];"
                            " return q.dataset.state === 'open' && !q.querySelector('.wrq-verdict'); }",
                            timeout=30_000,
                            polling=20,
                        )
                for rec in page.evaluate("() => window.__lat"):
                    samples.setdefault(rec["type"], []).append(rec["ms"])
                context.close()
        finally:
            browser.close()
    return samples


# --------------------------------------------------------------------------- 6. a class at once


async def _learner(browser, url: str, start: asyncio.Event) -> dict:
    out: dict = {"error": None, "first": None, "feedback": None, "page_errors": []}
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = await context.new_page()
        page.on("pageerror", lambda e: out["page_errors"].append(str(e)[:200]))
        await page.add_init_script(FIRST_USABLE_JS % QUIZ_READY)
        await start.wait()
        await page.goto(url, wait_until="commit", timeout=PAGE_TIMEOUT_MS)
        await page.wait_for_function(
            "() => window.__wrFirst !== undefined", timeout=PAGE_TIMEOUT_MS, polling=50
        )
        out["first"] = await page.evaluate("() => window.__wrFirst") / 1000
        await page.evaluate(LATENCY_JS)
        await page.evaluate(ANSWER_JS, [0, 0])
        await page.locator(".wrq").first.locator(".wrq-check").click(timeout=60_000)
        await page.wait_for_function("() => window.__lat.length > 0", timeout=60_000, polling=20)
        out["feedback"] = await page.evaluate("() => window.__lat[0].ms")
    except Exception as exc:  # a learner who never got a usable quiz is an error, not a crash
        out["error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:160] if str(exc) else ''}"
    finally:
        await context.close()
    return out


async def _class(url: str, n: int, chromium: str, args: list[str]) -> tuple[list[dict], float]:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=chromium, args=args, headless=True)
        try:
            start = asyncio.Event()
            tasks = [asyncio.create_task(_learner(browser, url, start)) for _ in range(n)]
            await asyncio.sleep(1.0)  # every context and page exists before the bell rings
            t0 = time.perf_counter()
            start.set()
            results = await asyncio.gather(*tasks)
            return results, time.perf_counter() - t0
        finally:
            await browser.close()


def static_urls(url: str, chromium: str, args: list[str]) -> list[str]:
    """Every static file one learner's page loads (from one real page load)."""
    from playwright.sync_api import sync_playwright

    urls: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=args, headless=True)
        try:
            page = browser.new_page()
            page.on(
                "requestfinished",
                lambda r: (
                    urls.append(r.url)
                    if r.method == "GET" and r.url.startswith("http") and "/api/" not in r.url
                    else None
                ),
            )
            page.goto(url, timeout=PAGE_TIMEOUT_MS)
            page.wait_for_selector(QUIZ_READY, timeout=PAGE_TIMEOUT_MS)
        finally:
            browser.close()
    base = url.rstrip("/")
    return [u for u in urls if u.rstrip("/") != base]


def serve_static(urls: list[str], n: int) -> tuple[float, int]:
    """(seconds, bytes) for n learners fetching every static file, 6 connections each, no browser."""
    import concurrent.futures as cf
    import urllib.request

    def learner(_: int) -> int:
        with cf.ThreadPoolExecutor(6) as ex:
            return sum(ex.map(lambda u: len(urllib.request.urlopen(u, timeout=300).read()), urls))  # noqa: S310

    t0 = time.perf_counter()
    with cf.ThreadPoolExecutor(n) as ex:
        total = sum(ex.map(learner, range(n)))
    return time.perf_counter() - t0, total


def bench_class(runs: int = 5, quick: bool = False) -> Group:
    sizes = (3,) if quick else (10, 20, 30)
    group = Group(
        key="class",
        title="6. A class at once",
        command="python -m benchmarks --only class",
        percentiles=True,
        definition=(
            f"N learners open `{CLASS_NOTEBOOK}` in Voilà at the same moment: one Chromium, N "
            "browser contexts created first, then all navigate together (asyncio Playwright); "
            "each waits for the first question to be usable, chooses an answer and presses "
            "Check. Samples are the N learners of one run (p50/p95 over learners). Errors are "
            "learners who never got a usable quiz or feedback (240 s limit) or whose page threw. "
            "Server memory is the peak RSS of the Voilà process plus all its kernels, sampled with "
            "psutil every 100 ms from server start to the end of the run. *default* is "
            "`voila --template=offline <notebook>`; *classroom* is `scripts/classroom.sh "
            "<notebook>` with `CLASS_SIZE=N` (preheated pool of N+2 kernels, refills after 20 s), "
            "measured once the pool is full. The learners' browsers run on the same two cores as "
            "the server here, which a real class does not do: the figures are pessimistic."
        ),
    )
    chromium, args = _chromium()
    bs = browser_support()
    for setup in ("default", "classroom"):
        for n in sizes:
            with temp_dir("wr-bench-class-") as tmp:
                nb = tmp / CLASS_NOTEBOOK
                shutil.copy(NOTEBOOKS / CLASS_NOTEBOOK, nb)
                port = bs.free_port()
                env = {"WR_ANSWERS_DIR": str(tmp / "answers"), "WR_REMEMBER_LEARNER": "0"}
                if setup == "default":
                    cmd = voila_cmd(port, nb)
                else:
                    cmd = classroom_cmd(nb)
                    env.update(HOST="127.0.0.1", PORT=str(port), CLASS_SIZE=str(n))
                t_fill = 0.0
                with (
                    server(cmd, port=port, home=tmp, env=env) as srv,
                    MemorySampler(srv.proc.pid) as mem,
                ):
                    if setup == "classroom":
                        t0 = time.monotonic()
                        filled = wait_for_log(srv, POOL_FILLED, timeout=600)
                        filled = filled and wait_idle_tree(srv.proc.pid, timeout=600)
                        t_fill = time.monotonic() - t0
                        if not filled:
                            group.notes.append(f"classroom N={n}: pool not full after 600 s")
                    results, wall = asyncio.run(_class(srv.url("/"), n, chromium, args))
                    if setup == "classroom" and n == max(sizes):
                        urls = static_urls(srv.url("/"), chromium, args)
                        static = [serve_static(urls, n) for _ in range(3)]
                errors = [r["error"] for r in results if r["error"]]
                page_errors = [e for r in results for e in r["page_errors"]]
                first = [r["first"] for r in results if r["first"] is not None]
                feedback = [r["feedback"] for r in results if r["feedback"] is not None]
                target = setup == "classroom" and n == max(sizes)
                group.rows.append(
                    Row(
                        f"{setup}, N={n}: time to first quiz",
                        first,
                        limits={"p95": 5.0} if target else {},
                        errors=len(errors) + len(page_errors),
                        note=(
                            f"errors: {len(errors)} learners, {len(page_errors)} page errors; "
                            f"peak server RSS {mem.peak / 2**20:.0f} MB ({mem.samples} samples); "
                            f"whole class done in {wall:.1f} s"
                            + (f"; pool filled in {t_fill:.0f} s" if setup == "classroom" else "")
                        ),
                    )
                )
                group.rows.append(Row(f"{setup}, N={n}: click to feedback", feedback, unit="ms"))
                group.rows.append(
                    Row(f"{setup}, N={n}: peak server RSS", [mem.peak / 2**20], unit="MB")
                )
                group.rows.append(
                    Row(
                        f"{setup}, N={n}: errors",
                        [float(len(errors) + len(page_errors))],
                        unit="",
                        limits={"max": 0.0} if target else {},
                    )
                )
                if setup == "classroom" and n == max(sizes):
                    group.rows.append(
                        Row(
                            f"classroom, N={n}: server alone sends every learner's static files",
                            [s for s, _b in static],
                            note=f"{len(urls)} files, {static[0][1] / n / 2**20:.1f} MB per learner, "
                            "fetched with 6 connections per learner and no browser (3 runs)",
                        )
                    )
                for e in (errors + page_errors)[:3]:
                    group.notes.append(f"{setup} N={n}: {e}")
    return group
