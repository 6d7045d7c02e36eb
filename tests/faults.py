"""Real faults for saving tests: a read-only folder, a full disk, a lock held by another process.

Root ignores a folder's permission bits, so a read-only folder is made the way a system makes
one: a read-only bind mount. A full disk is a small tmpfs. Both are mounted inside a private
mount namespace (`unshare --mount`, with `--map-root-user` when not root), so they vanish with
the process and never touch the machine. The code under test runs in that process.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _unshare() -> list[str]:
    if shutil.which("unshare") is None:
        _unavailable("the unshare command is missing (util-linux)")
    return ["unshare", "--mount"] if os.geteuid() == 0 else ["unshare", "-r", "--mount"]


def _unavailable(why: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {why}", pytrace=False)
    pytest.skip(why)


def run_mounted(setup: str, script: str, env: dict[str, str] | None = None) -> dict:
    """Run shell `setup` (mounts) then Python `script` in a private mount namespace.

    The script prints one JSON object on its last line; that object is returned."""
    cmd = [*_unshare(), "sh", "-c", f'{setup} && exec "$0" -c "$1"', sys.executable]
    cmd.append(textwrap.dedent(script))
    run = subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env={**os.environ, **(env or {})},
    )
    if run.returncode != 0 and "unshare" in run.stderr and "Operation not permitted" in run.stderr:
        _unavailable(f"mount namespaces are not allowed here: {run.stderr.strip()}")
    assert run.returncode == 0, (
        f"exit {run.returncode}\nstdout:\n{run.stdout}\nstderr:\n{run.stderr}"
    )
    return json.loads(run.stdout.strip().splitlines()[-1])


def read_only(folder: Path) -> str:
    """Shell commands that make `folder` read-only (EROFS) inside the namespace."""
    return f"mount --bind '{folder}' '{folder}' && mount -o remount,bind,ro '{folder}'"


def small_disk(folder: Path, kib: int = 256) -> str:
    """Shell commands that put a tiny empty disk (tmpfs) at `folder` inside the namespace."""
    return f"mount -t tmpfs -o size={kib}k tmpfs '{folder}'"


HOLDER = """
import sys
from filelock import FileLock
lock = FileLock(sys.argv[1])
lock.acquire()
print("held", flush=True)
sys.stdin.readline()
lock.release()
"""


@contextmanager
def lock_held_elsewhere(path: Path):
    """Another process holds the lock of `path` (the one every writer of it takes) until exit."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, f"{path}.lock"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        yield proc
    finally:
        if proc.stdin is not None:
            proc.stdin.close()
        proc.wait(timeout=30)
