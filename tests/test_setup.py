"""Set-up on a new machine: the Python version is checked, and a .venv made by another Python is
reported and made again (``scripts/setup.sh``, which every ``make`` target runs first)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from datahelpers import REPO

SETUP = REPO / "scripts" / "setup.sh"


def fake_python(path: Path, version: str) -> Path:
    """A stand-in interpreter that answers the version question like Python ``version`` would."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\necho {version}\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


def setup(folder: Path, python: str, chosen: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHON": python, "VENV": ".venv", "PYTHON_CHOSEN": chosen}
    env["VENV_ARGS"] = "--without-pip"  # what is tested is the choice to rebuild, not pip itself
    return subprocess.run(
        ["bash", str(SETUP), "--venv-only"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def venv_version(folder: Path) -> str:
    code = "import sys; print('%d.%d' % sys.version_info[:2])"
    run = subprocess.run([folder / ".venv/bin/python", "-c", code], capture_output=True, text=True)
    return run.stdout.strip()


def test_a_python_that_is_too_old_is_refused_with_a_way_out(tmp_path: Path) -> None:
    old = fake_python(tmp_path / "bin" / "python3.10", "3.10.12")
    run = setup(tmp_path, str(old))
    assert run.returncode == 1
    assert f"'{old}' is Python 3.10.12; this collection needs 3.11 or newer." in run.stderr
    assert "make PYTHON=python3.11 lab" in run.stderr
    assert not (tmp_path / ".venv").exists()


def test_a_missing_python_is_named(tmp_path: Path) -> None:
    run = setup(tmp_path, "no-such-python-here")
    assert run.returncode == 1
    assert "Python was not found (looked for 'no-such-python-here')." in run.stderr


def test_a_venv_made_by_an_old_python_is_reported_and_made_again(tmp_path: Path) -> None:
    fake_python(tmp_path / ".venv" / "bin" / "python", "3.10.12")
    run = setup(tmp_path, sys.executable)
    assert run.returncode == 0, run.stderr
    assert (
        "The .venv folder cannot be used: it was made by Python 3.10.12, and this collection "
        "needs 3.11 or newer." in run.stdout
    )
    assert venv_version(tmp_path) == "{}.{}".format(*sys.version_info[:2])
    again = setup(tmp_path, sys.executable)  # a good .venv is kept as it is
    assert again.returncode == 0 and "cannot be used" not in again.stdout
    assert "Making" not in again.stdout


def test_a_venv_whose_python_is_gone_is_made_again(tmp_path: Path) -> None:
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "python").symlink_to(tmp_path / "uninstalled-python")
    run = setup(tmp_path, sys.executable)
    assert run.returncode == 0, run.stderr
    assert "its Python does not run any more" in run.stdout
    assert venv_version(tmp_path)


def test_a_venv_from_a_different_python_than_asked_is_made_again(tmp_path: Path) -> None:
    fake_python(tmp_path / ".venv" / "bin" / "python", "3.99.0")
    run = setup(tmp_path, sys.executable, chosen="yes")
    assert run.returncode == 0, run.stderr
    assert "it was made by Python 3.99.0, not by" in run.stdout
    kept = setup(tmp_path, sys.executable)  # not named: any suitable .venv is kept
    assert "cannot be used" not in kept.stdout


def test_make_check_runs_the_checker_with_the_projects_python() -> None:
    run = subprocess.run(["make", "-n", "check"], cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0
    assert "scripts/setup.sh" in run.stdout and ".venv/bin/python -m widgets check" in run.stdout
