"""A throwaway class hub for the hub's test and the class load test (run as root).

`class_hub(...)` installs the hub if needed (`scripts/install-hub.sh`), writes a class list of
made-up logins (`wr<random>-l01`, …), starts JupyterHub on free ports with its own instance folder
and Unix groups, and on exit stops it, ends any process still running as those accounts, and
removes the accounts (with their homes), the groups and the folder. `login()` is what a learner's
browser does: the login form, the wait while the server starts, the landing page.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from benchmarks.common import REPO

PREFIX = Path(os.environ.get("WR_HUB_PREFIX") or "/srv/working-relationships")
PASSWORD_LENGTH = 12


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class ClassHub:
    url: str
    instance: Path
    proc: subprocess.Popen
    learners: list[str]
    tutors: list[str]
    late: list[str]
    tutor_group: str
    learner_group: str
    log: Path
    passwords: dict[str, str] = field(default_factory=dict)

    @property
    def answers(self) -> Path:
        return self.instance / "answers"

    def password(self, login: str) -> str:
        return self.passwords.setdefault(login, secrets.token_urlsafe(PASSWORD_LENGTH))

    def processes(self) -> list[psutil.Process]:
        """Every process of the hub and of its accounts."""
        mine = set(self.learners + self.tutors + self.late)
        out = []
        for p in psutil.process_iter(["username", "pid"]):
            if p.info["username"] in mine or p.pid == self.proc.pid:
                out.append(p)
        with contextlib.suppress(psutil.Error):
            out += psutil.Process(self.proc.pid).children(recursive=True)
        return list({p.pid: p for p in out}.values())


def install() -> None:
    subprocess.run(["bash", str(REPO / "scripts" / "install-hub.sh")], check=True)  # noqa: S603,S607


def _wait_ready(url: str, proc: subprocess.Popen, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"the hub stopped at start:\n{log.read_text(errors='replace')[-3000:]}"
            )
        try:
            with urllib.request.urlopen(f"{url}hub/api/", timeout=5) as r:  # noqa: S310
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"the hub did not answer in {timeout:.0f} s")


@contextlib.contextmanager
def class_hub(
    learners: int = 3,
    tutors: int = 1,
    *,
    late: int = 0,
    lesson: str = "00-start-here.ipynb",
    extra_env: dict[str, str] | None = None,
    timeout: float = 120,
) -> Iterator[ClassHub]:
    if os.geteuid() != 0:
        raise PermissionError("the class hub needs root: it creates an account for each person")
    install()
    tag = "wr" + secrets.token_hex(3)
    learner_names = [f"{tag}-l{i:02d}" for i in range(1, learners + 1)]
    tutor_names = [f"{tag}-t{i}" for i in range(1, tutors + 1)]
    # Learners not on the class list: a tutor adds them on the admin page (the REST API).
    late_names = [f"{tag}-n{i:02d}" for i in range(1, late + 1)]
    instance = Path(tempfile.mkdtemp(prefix="wr-hub-"))
    instance.chmod(0o755)
    class_list = instance / "class-list.csv"
    class_list.write_text(
        "login,role\n"
        + "".join(f"{t},tutor\n" for t in tutor_names)
        + "".join(f"{n},learner\n" for n in learner_names),
        encoding="utf-8",
    )
    port = free_port()
    env = {
        **os.environ,
        "WR_HUB_PREFIX": str(PREFIX),
        "WR_HUB_INSTANCE": str(instance),
        "WR_HUB_CLASS_LIST": str(class_list),
        "WR_HUB_SOURCE": str(REPO),
        "WR_HUB_LESSON": lesson,
        "WR_HUB_PORT": str(port),
        "WR_HUB_API_PORT": str(free_port()),
        "WR_HUB_PROXY_API_PORT": str(free_port()),
        "WR_HUB_TUTOR_GROUP": f"{tag}-tutors",
        "WR_HUB_LEARNER_GROUP": f"{tag}-learners",
        "PATH": f"{PREFIX}/env/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        **(extra_env or {}),
    }
    for name in ("VIRTUAL_ENV", "PYTHONPATH", "JUPYTER_PATH", "WR_ANSWERS_DIR", "WR_DATA_DIR"):
        env.pop(name, None)
    log = instance / "hub.log"
    (instance / "state").mkdir()
    hub = None
    try:
        with open(log, "wb") as out:
            proc = subprocess.Popen(  # noqa: S603
                [
                    str(PREFIX / "env" / "bin" / "jupyterhub"),
                    "-f",
                    str(REPO / "scripts" / "jupyterhub_config.py"),
                ],
                cwd=instance / "state",
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        hub = ClassHub(
            f"http://127.0.0.1:{port}/",
            instance,
            proc,
            learner_names,
            tutor_names,
            late_names,
            f"{tag}-tutors",
            f"{tag}-learners",
            log,
        )
        _wait_ready(hub.url, proc, log, timeout)
        yield hub
    finally:
        if hub is not None:
            stop(hub)
        for name in learner_names + tutor_names + late_names:
            subprocess.run(["userdel", "--remove", name], capture_output=True, check=False)  # noqa: S603,S607
        for group in (f"{tag}-tutors", f"{tag}-learners"):
            subprocess.run(["groupdel", group], capture_output=True, check=False)  # noqa: S603,S607
        shutil.rmtree(instance, ignore_errors=True)


def stop(hub: ClassHub, timeout: float = 60) -> None:
    """Stop the hub (it stops every server it started), then end anything left of its accounts."""
    if hub.proc.poll() is None:
        hub.proc.send_signal(signal.SIGTERM)
        try:
            hub.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            hub.proc.kill()
            hub.proc.wait(10)
    left = [p for p in hub.processes() if p.is_running()]
    gone, alive = psutil.wait_procs(left, timeout=10)
    for p in alive:
        with contextlib.suppress(psutil.Error):
            p.kill()
    psutil.wait_procs(alive, timeout=10)


async def login(
    client, hub: ClassHub, user: str, *, password: str | None = None, timeout: float = 180
):
    """Log in (the first time sets the password) and follow the hub to the landing page."""
    await client.get(f"{hub.url}hub/login")
    xsrf = next((c.value for c in client.cookies.jar if c.name == "_xsrf"), "")
    response = await client.post(
        f"{hub.url}hub/login",
        data={"username": user, "password": password or hub.password(user), "_xsrf": xsrf},
    )
    if response.status_code != 200 or "/hub/login" in str(response.url):
        raise PermissionError(f"{user}: login refused ({response.status_code})")
    deadline = time.monotonic() + timeout
    while "/spawn-pending/" in str(response.url) or "/hub/spawn" in str(response.url):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{user}: server not ready after {timeout:.0f} s")
        await asyncio.sleep(0.5)
        state = await client.get(f"{hub.url}hub/api/user")
        server = state.json().get("servers", {}).get("", {}) if state.status_code == 200 else {}
        if server.get("ready"):
            response = await client.get(f"{hub.url}user/{user}/")
    return response
