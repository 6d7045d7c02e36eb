"""The class server's Voilà sends gzip and uses the no-delay kernel websocket, by configuration."""

from __future__ import annotations

import gzip
import json
import sys
import urllib.request
from pathlib import Path

from benchmarks.common import SAMPLE_BANK, server
from benchmarks.protocol import KernelSocket, choose, parse_page, questions, run_apart
from benchmarks.voila import sample_notebook

ROOT = Path(__file__).resolve().parents[1]


def _get(url: str) -> tuple[str | None, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=60) as r:  # noqa: S310
        return r.headers.get("Content-Encoding"), r.read()


def test_the_shipped_settings_are_installed_with_the_package():
    prefix = Path(sys.prefix) / "etc" / "jupyter"
    voila = json.loads((prefix / "voila.json").read_text(encoding="utf-8"))["Voila"]
    assert voila["tornado_settings"]["compress_response"] is True
    assert voila["kernel_websocket_connection_class"] == "widgets.websocket.NoDelayConnection"
    server_conf = prefix / "jupyter_server_config.d" / "working-relationships.json"
    assert (
        json.loads(server_conf.read_text(encoding="utf-8"))["ServerApp"][
            "kernel_websocket_connection_class"
        ]
        == "widgets.websocket.NoDelayConnection"
    )


def test_the_class_server_sends_gzip_and_answers_over_its_websocket(tmp_path):
    from benchmarks.common import browser_support

    bs = browser_support()
    nb = sample_notebook(tmp_path / "sample.ipynb", SAMPLE_BANK)
    port = bs.free_port()
    cmd = [
        sys.executable,
        "-m",
        "widgets.voila_app",
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--template=offline",
        str(nb),
    ]
    env = {"WR_ANSWERS_DIR": str(tmp_path / "answers"), "WR_LEARNER": "sam"}
    with server(cmd, port=port, home=tmp_path, env=env) as srv:
        encoding, body = _get(srv.url("/voila/static/voila.js"))
        assert encoding == "gzip" and body[:2] == b"\x1f\x8b"
        encoding, html = _get(srv.url("/"))
        page = parse_page(gzip.decompress(html).decode() if encoding == "gzip" else html.decode())

        async def check_all() -> list[str]:
            ws = srv.base_url.replace("http", "ws", 1)
            ks = await KernelSocket.open(f"{ws}/api/kernels/{page.kernel_id}/channels")
            try:
                verdicts = []
                for mid, state in questions(await ks.widget_states(), page.model_ids):
                    _s, feedback = await ks.check(mid, choose(state["spec"], 1))
                    verdicts.append(feedback["verdict"])
                return verdicts
            finally:
                await ks.close()

        verdicts = run_apart(check_all())
    from widgets.quizzes.store import AnswerStore

    saved = json.loads(AnswerStore("sam", tmp_path / "answers").path.read_text(encoding="utf-8"))
    assert verdicts and len(saved["answers"]["sample"]) == len(verdicts)
