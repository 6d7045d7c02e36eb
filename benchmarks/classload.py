"""A class at once, without browsers: N simulated learners (`benchmarks.simlearner`) at once.

    python -m benchmarks class --learners 1 --learners 10 [--setup voila|hub] [--variant …]

Each simulated learner (asyncio, one task each): GET the Voilà page (on the hub: log in first,
which sets the password and starts the learner's server), GET the page's static files with six
connections as a browser does (the list is recorded once from a real page in Chromium), open the
kernel websocket, ask for the widgets' states, answer every question with the Check button's
messages and wait for each feedback (`benchmarks.protocol`). On the class server a learner first
claims a name in the name box (its file is named after it); on the hub the login is the name.

Why asyncio and `websockets` rather than Locust: a learner is a conversation on one websocket (open
a comm, ask for states, send a check, wait for the update that carries the feedback), which Locust's
request/response statistics do not model; Locust would need gevent and a blocking websocket
client beside Tornado's asyncio, while `websockets` is already installed with Voilà, keeps exact
per-learner timelines and runs 60 learners in one process on the same two cores as the server.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import statistics
import time
from pathlib import Path

from benchmarks.common import (
    NOTEBOOKS,
    PLAIN_CONNECTION,
    REPO,
    Group,
    Row,
    server,
    temp_dir,
    wait_for_log,
)
from benchmarks.simlearner import Learner, run_learner
from benchmarks.treesampler import TreeSampler

CLASS_NOTEBOOK = "05-professional-boundaries.ipynb"
SETUPS = ("voila", "hub")
POOL_FILLED = "is filled with"
VARIANTS = {
    # name: (gzip, TCP_NODELAY)
    "plain": (False, False),
    "gzip": (True, False),
    "nodelay": (False, True),
    "gzip+nodelay": (True, True),
}


def saved_answers(folder: Path) -> dict[str, dict[str, dict[str, bool]]]:
    """{learner: {quiz: {question: correct}}} for every answers file below (files are named by a
    slug and a hash; the learner's name is inside)."""
    from widgets.quizzes.store import is_answers_name

    out: dict[str, dict[str, dict[str, bool]]] = {}
    for path in sorted(folder.rglob("*.json")):
        inside = path.relative_to(folder).parts
        if not is_answers_name(path) or any(part.startswith(".") for part in inside):
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != "working-relationships-answers":
            continue
        out[str(data.get("learner", path.stem))] = {
            quiz: {q: bool(r.get("correct")) for q, r in answers.items()}
            for quiz, answers in data.get("answers", {}).items()
        }
    return out


def record_assets(url: str) -> list[str]:
    """The static files one real page loads (recorded once in Chromium), relative to its base."""
    from benchmarks.voila import _chromium, static_urls

    chromium, args = _chromium()
    base = url.rstrip("/") + "/"
    out = []
    for u in static_urls(url, chromium, args):
        if u.startswith(base) and "/api/" not in u:
            out.append(u[len(base) :])
    return sorted(set(out))


async def _class(
    n: int, origin: str, arrive_for, assets: list[str], pid: int, claim: bool, think: float
):
    sampler = TreeSampler(pid)
    sampler.begin()
    watcher = asyncio.create_task(sampler.run())
    learners = [Learner(f"learner-{k:02d}") for k in range(n)]
    t0, cpu0 = time.perf_counter(), time.process_time()
    await asyncio.gather(
        *(
            run_learner(me, k, origin, arrive_for(k), assets, claim_name=claim, think=think)
            for k, me in enumerate(learners)
        )
    )
    wall = time.perf_counter() - t0
    sampler.client_cpu = time.process_time() - cpu0  # the simulated learners' own CPU
    sampler.sample()
    pss = await asyncio.to_thread(sampler.pss)
    sampler.stop()
    await watcher
    return learners, wall, sampler, pss


def voila_config(folder: Path, gzip: bool, nodelay: bool) -> Path:
    """A voila.json that turns each setting on or off (it wins over the installed one)."""
    settings: dict = {
        "tornado_settings": {"compress_response": gzip},
        "kernel_websocket_connection_class": "widgets.websocket.NoDelayConnection"
        if nodelay
        else PLAIN_CONNECTION,
    }
    folder.mkdir(parents=True, exist_ok=True)
    config = {"Voila": settings, "ClassVoila": {"gzip_level": 1}}  # as shipped
    (folder / "voila.json").write_text(json.dumps(config), encoding="utf-8")
    return folder


def measure_voila(
    n: int, variant: str, think: float, notebook: str, fill_delay: int | None = None
) -> dict:
    """`scripts/classroom.sh` with CLASS_SIZE=n, measured once its pool has run the notebook."""
    from benchmarks.common import browser_support, wait_idle_tree

    gzip, nodelay = VARIANTS[variant]
    bs = browser_support()
    with temp_dir("wr-bench-classload-") as tmp:
        nb = tmp / notebook
        shutil.copy(NOTEBOOKS / notebook, nb)
        port = bs.free_port()
        answers = tmp / "answers"
        env = {
            "WR_ANSWERS_DIR": str(answers),
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "CLASS_SIZE": str(n),
            "JUPYTER_CONFIG_PATH": str(voila_config(tmp / "config", gzip, nodelay)),
        }
        if fill_delay is not None:
            env["FILL_DELAY"] = str(fill_delay)
        cmd = ["bash", str(REPO / "scripts" / "classroom.sh"), str(nb)]
        with server(cmd, port=port, home=tmp, env=env) as srv:
            t0 = time.monotonic()
            wait_for_log(srv, POOL_FILLED, timeout=900)
            wait_idle_tree(srv.proc.pid, timeout=900)
            fill = time.monotonic() - t0
            assets = page_assets(notebook)

            def arrive_for(_k):
                return lambda client: client.get(srv.url("/"))

            learners, wall, sampler, pss = asyncio.run(
                _class(n, srv.base_url, arrive_for, assets, srv.proc.pid, True, think)
            )
            saved = saved_answers(answers)
        expected = {me.name: me.answered for me in learners if not me.error}
        return _summary(learners, wall, sampler, pss, saved, expected, len(assets), fill)


def measure_hub(n: int, think: float, notebook: str) -> dict:
    """A throwaway class hub of n learners who all log in at once."""
    from benchmarks.classhub import class_hub, login

    assets = page_assets(notebook)
    with class_hub(learners=n, tutors=1, lesson=notebook) as hub:

        def arrive_for(k):
            return lambda client: login(client, hub, hub.learners[k])

        learners, wall, sampler, pss = asyncio.run(
            _class(n, hub.url.rstrip("/"), arrive_for, assets, hub.proc.pid, False, think)
        )
        for me, login_name in zip(learners, hub.learners, strict=True):
            me.name = login_name
        saved = saved_answers(hub.answers)
    expected = {me.name: me.answered for me in learners if not me.error}
    return _summary(learners, wall, sampler, pss, saved, expected, len(assets), 0.0)


_ASSETS: dict[str, list[str]] = {}


def page_assets(notebook: str) -> list[str]:
    """The page's static files, recorded once per run from a quiet standalone Voilà (the class
    server and the hub serve the same files under their own base URL)."""
    from benchmarks.common import browser_support

    if notebook not in _ASSETS:
        bs = browser_support()
        with temp_dir("wr-bench-assets-") as tmp:
            nb = tmp / notebook
            shutil.copy(NOTEBOOKS / notebook, nb)
            port = bs.free_port()
            env = {"WR_ANSWERS_DIR": str(tmp / "a")}
            with server(bs.voila_command(port, nb), port=port, home=tmp, env=env) as srv:
                _ASSETS[notebook] = record_assets(srv.url("/"))
    return _ASSETS[notebook]


def _summary(learners, wall, sampler, pss, saved, expected, n_assets, fill) -> dict:
    n = len(learners)
    missing = sum(
        1
        for name, quizzes in expected.items()
        for quiz, answers in quizzes.items()
        for q in answers
        if saved.get(name, {}).get(quiz, {}).get(q) != answers[q]
    )
    return {
        "n": n,
        "first": [me.first for me in learners if me.first is not None],
        "server_first": [
            me.first - me.assets
            for me in learners
            if me.first is not None and me.assets is not None
        ],
        "page": [me.page for me in learners if me.page is not None],
        "assets": [me.assets for me in learners if me.assets is not None],
        "feedback": [ms for me in learners for ms in me.feedback],
        "errors": [me.error for me in learners if me.error],
        "retries": sum(me.retries for me in learners),
        "answers": sum(len(a) for me in learners for a in me.answered.values()),
        "missing": missing,
        "bytes_per_learner": sum(me.bytes for me in learners) / max(n, 1),
        "wall": wall,
        "peak_rss": sampler.peak_rss,
        "pss": pss,
        "cpu": sampler.cpu_seconds,
        "client_cpu": sampler.client_cpu,
        "assets_files": n_assets,
        "fill": fill,
    }


def rows_for(setup: str, variant: str, result: dict, targets: bool) -> list[Row]:
    n = result["n"]
    label = f"{setup}{'' if variant == 'plain' else ', ' + variant}, N={n}"
    errors = len(result["errors"]) + result["missing"]
    med = statistics.median
    note = (
        f"page {med(result['page'] or [0]):.2f} s, static files {med(result['assets'] or [0]):.2f} s "
        "(medians); "
        f"{result['retries']} GETs retried on a closed or reset connection; "
        f"{result['answers']} answers, {result['missing']} missing from the answers folder; "
        f"{result['assets_files']} static files, {result['bytes_per_learner'] / 2**20:.2f} MB "
        f"per learner; peak RSS {result['peak_rss'] / 2**20:.0f} MB, PSS at the end "
        f"{result['pss'] / 2**20:.0f} MB; whole class {result['wall']:.1f} s; the simulated "
        f"learners used {result['client_cpu']:.1f} CPU-s"
        + (f"; pool filled in {result['fill']:.0f} s" if result["fill"] else "")
    )
    first_limit = {"p95": 60.0} if setup == "hub" else {"p95": 5.0}
    return [
        Row(
            f"{label}: {'login' if setup == 'hub' else 'arrival'} to first quiz",
            result["first"],
            limits=first_limit if targets else {},
            errors=errors,
            note=note,
        ),
        Row(
            f"{label}: … of which without the static files' download",
            result["server_first"],
            note="the page, the websocket and the widgets' states: the server's part when "
            "each learner's own device fetches the static files",
        ),
        Row(
            f"{label}: click to feedback",
            result["feedback"],
            unit="ms",
            limits={"p95": 150.0} if targets and setup == "voila" else {},
        ),
        Row(
            f"{label}: memory per learner (PSS ÷ N)",
            [result["pss"] / 2**20 / n],
            unit="MB",
            limits={"max": 100.0} if targets and setup == "voila" else {},
        ),
        Row(f"{label}: CPU per learner", [result["cpu"] / n], note="server tree CPU seconds ÷ N"),
        Row(
            f"{label}: errors",
            [float(errors)],
            unit="",
            limits={"max": 0.0} if targets else {},
            note="; ".join(result["errors"][:3]),
        ),
    ]


def bench(
    sizes: tuple[int, ...] = (1, 10, 30, 60),
    setups: tuple[str, ...] = ("voila", "hub"),
    variants: tuple[str, ...] = ("gzip+nodelay",),
    think: float = 1.0,
    notebook: str = CLASS_NOTEBOOK,
    fill_delay: int | None = None,
) -> Group:
    group = Group(
        key="class",
        title="6. A class at once, at the protocol level",
        command="python -m benchmarks class "
        + " ".join(f"--learners {n}" for n in sizes)
        + "".join(f" --setup {s}" for s in setups)
        + "".join(f" --variant {v}" for v in variants),
        percentiles=True,
        definition=(
            f"N simulated learners arrive at once at `{notebook}` (`benchmarks/classload.py`: "
            "asyncio, httpx and websockets; no browser). Each fetches the page and its static "
            "files (six connections), opens the kernel websocket, asks for the widgets' states, "
            "then answers every question with the Check button's messages, waiting up to "
            f"{think:g} s (random) before each. *voila* is `scripts/classroom.sh` with "
            "CLASS_SIZE=N (a preheated pool"
            + (f", FILL_DELAY={fill_delay}" if fill_delay is not None else "")
            + "), measured once the pool has run the notebook; learners "
            "type a name first. *hub* is a throwaway class hub (`benchmarks/classhub.py`): N "
            "accounts log in at once, each first login starts that learner's server, so its "
            "first-quiz time runs from the login. Memory per learner is the proportional memory "
            "(PSS) of the whole server tree when the class is done, ÷ N; CPU per learner is the "
            "tree's CPU seconds during the run ÷ N. Errors count learners who failed and answers "
            "missing from the answers folder. Variants: *plain* (as shipped before), *gzip* "
            "(`compress_response`), *nodelay* (`widgets.websocket.NoDelayConnection`)."
        ),
    )
    for setup in setups:
        for variant in variants if setup == "voila" else ("gzip+nodelay",):
            for n in sizes:
                print(f"   {setup} {variant} N={n} ...", flush=True)
                try:
                    if setup == "voila":
                        result = measure_voila(n, variant, think, notebook, fill_delay)
                    else:
                        result = measure_hub(n, think, notebook)
                except Exception as exc:  # one class that could not run is reported, not fatal
                    group.notes.append(
                        f"{setup} {variant} N={n} did not run: {type(exc).__name__}: {exc}"[:400]
                    )
                    group.rows.append(
                        Row(
                            f"{setup}, {variant}, N={n}: errors",
                            [float(n)],
                            unit="",
                            limits={"max": 0.0},
                        )
                    )
                    continue
                group.rows += rows_for(setup, variant, result, targets=n == 30)
    return group
