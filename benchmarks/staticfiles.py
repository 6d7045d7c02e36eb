"""The class server's static files alone: what gzip costs the one server thread, and saves.

    python -m benchmarks class --static-only --learners 30

N simulated learners fetch only the page's 96 static files (six connections each) from
`python -m widgets.voila_app`, uncompressed, at gzip level 6 and at level 1; printed, not stored.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
import time

import httpx
import psutil

from benchmarks.classload import CLASS_NOTEBOOK, page_assets, voila_config
from benchmarks.common import NOTEBOOKS, browser_support, server, temp_dir
from benchmarks.simlearner import CONNECTIONS, fetch_assets


def measure_static(n: int, gzip: bool, level: int | None, notebook: str = CLASS_NOTEBOOK) -> dict:
    """N learners fetch only the page's static files from `widgets.voila_app` (no kernels used):
    the server's CPU for them, the wall time and the bytes per learner."""
    assets = page_assets(notebook)
    bs = browser_support()
    with temp_dir("wr-bench-static-") as tmp:
        nb = tmp / notebook
        shutil.copy(NOTEBOOKS / notebook, nb)
        port = bs.free_port()
        config = voila_config(tmp / "config", gzip, True)
        cmd = [sys.executable, "-m", "widgets.voila_app", "--no-browser", f"--port={port}"]
        cmd += [
            "--Voila.ip=127.0.0.1",
            "--template=offline",
            f"--ClassVoila.gzip_level={level or 6}",
        ]
        env = {"JUPYTER_CONFIG_PATH": str(config), "WR_ANSWERS_DIR": str(tmp / "a")}
        with server([*cmd, str(nb)], port=port, home=tmp, env=env) as srv:

            async def everyone() -> list[int]:
                async def one() -> int:
                    limits = httpx.Limits(max_connections=CONNECTIONS)
                    async with httpx.AsyncClient(limits=limits, timeout=300) as client:
                        return await fetch_assets(client, srv.base_url + "/", assets)

                return await asyncio.gather(*(one() for _ in range(n)))

            proc = psutil.Process(srv.proc.pid)
            cpu0 = sum(proc.cpu_times()[:2])
            t0 = time.perf_counter()
            sizes = asyncio.run(everyone())
            wall = time.perf_counter() - t0
            cpu = sum(proc.cpu_times()[:2]) - cpu0
    return {"wall": wall, "server_cpu": cpu, "mb_per_learner": sizes[0] / 2**20}


def static_table(n: int, runs: int = 3) -> list[str]:
    """`python -m benchmarks class --static-only`: gzip off, level 6 and level 1, `runs` each."""
    lines = [f"| N={n} | wall | server CPU | MB per learner |", "|---|---|---|---|"]
    for label, gzip, level in (
        ("uncompressed", False, None),
        ("gzip 6", True, 6),
        ("gzip 1", True, 1),
    ):
        for _ in range(runs):
            r = measure_static(n, gzip, level)
            lines.append(
                f"| {label} | {r['wall']:.2f} s | {r['server_cpu']:.2f} s | {r['mb_per_learner']:.2f} |"
            )
    return lines
