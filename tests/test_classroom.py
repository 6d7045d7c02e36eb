"""scripts/classroom.sh: this computer only by default; the classroom network only with a token."""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))

import browser_support as bs  # noqa: E402

SCRIPT = REPO / "scripts" / "classroom.sh"
NOTEBOOK = "notebooks/00-start-here.ipynb"
TOKEN = "class-token-for-tests-7Qx"


def refused(*args: str, **env: str) -> subprocess.CompletedProcess:
    run = subprocess.run(
        ["bash", str(SCRIPT), *args, NOTEBOOK],
        capture_output=True,
        text=True,
        timeout=60,
        env=bs.server_env(env),
    )
    assert run.returncode != 0, run.stdout
    assert "Starting Voilà" not in run.stdout
    return run


def test_the_network_needs_a_token() -> None:
    for token in ("", "short", "has spaces in it!", "quote'and\"more"):
        run = refused("--network", CLASS_TOKEN=token, HOST="127.0.0.1")
        assert "refusing to start on the classroom network without a token" in run.stderr


def test_another_address_needs_the_network_option() -> None:
    for host in ("0.0.0.0", "192.168.1.20", "::"):
        run = refused(HOST=host)
        assert f"HOST={host} would let other computers in; add --network" in run.stderr


@contextlib.contextmanager
def classroom(*args: str, **env: str) -> Iterator[bs.Server]:
    port = bs.free_port()
    settings = {"PORT": str(port), "CLASS_SIZE": "1", "SPARE": "0", "FILL_DELAY": "20", **env}
    with tempfile.TemporaryDirectory(prefix="wr-class-") as tmp:
        home = Path(tmp)
        settings.setdefault("WR_ANSWERS_DIR", str(home / "answers"))
        cmd = ["bash", str(SCRIPT), *args, NOTEBOOK]
        with bs._run_server(
            "voila", cmd, REPO / NOTEBOOK, home, port, settings, "/voila/static/voila.js", 120
        ) as server:
            yield server


def listening(server: bs.Server) -> set[str]:
    pids = {server.pid, *bs.descendants(server.pid)}
    return {
        c.laddr.ip
        for c in psutil.net_connections(kind="inet")
        if c.status == psutil.CONN_LISTEN and c.pid in pids and c.laddr.port == server.port
    }


def status_of(url: str) -> tuple[int, str]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a, **k):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=60) as response:
            return response.status, ""
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Location", "")


def test_by_default_only_this_computer_can_connect() -> None:
    with classroom() as server:
        assert listening(server) == {"127.0.0.1"}
        assert f"Open: http://127.0.0.1:{server.port}/ (this computer only" in server.log()
        # Kernels talk to the server over Unix sockets: no TCP port of theirs for another process
        # to take first (or to reach).
        kernels = [p for p in bs.descendants(server.pid) if b"ipykernel" in cmdline(p)]
        assert kernels
        tcp = [
            c.laddr
            for c in psutil.net_connections(kind="tcp")
            if c.pid in kernels and c.status == psutil.CONN_LISTEN
        ]
        assert not tcp, tcp
        for pid in kernels:
            args = cmdline(pid).split(b"\0")
            info = json.loads(Path(args[args.index(b"-f") + 1].decode()).read_text())
            assert info["transport"] == "ipc", info


def cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


@pytest.mark.parametrize("host", ["127.0.0.1", None])
def test_on_the_network_every_page_needs_the_token(host: str | None) -> None:
    env = {"CLASS_TOKEN": TOKEN, **({"HOST": host} if host else {})}
    with classroom("--network", **env) as server:
        assert listening(server) == {host or "0.0.0.0"}
        shown = re.search(r"Learners open: (http://\S+)", server.log())
        assert shown, server.log()
        assert shown.group(1).endswith(f":{server.port}/?token={TOKEN}")
        assert "0.0.0.0" not in shown.group(1), "the address to share is a real one"
        for path in ("/", f"/?token={TOKEN[:-1]}", "/voila/render/x.ipynb"):
            code, where = status_of(server.url(path))
            assert code in (302, 403), (path, code)
            assert code == 403 or "/login" in where
        assert status_of(server.url(f"/?token={TOKEN}"))[0] == 200
        kernels = 0
        for pid in {server.pid, *bs.descendants(server.pid)}:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            assert TOKEN.encode() not in cmdline, "the token shows in the process list"
            if b"ipykernel" in cmdline:  # a learner's code runs here: it needs no token
                kernels += 1
                assert TOKEN.encode() not in Path(f"/proc/{pid}/environ").read_bytes()
        assert kernels >= 1
