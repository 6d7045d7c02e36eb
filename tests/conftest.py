"""Shared fixtures: a writable copy of the data folder; saved answers kept in scratch folders."""

from __future__ import annotations

from pathlib import Path

import pytest
from datahelpers import copy_data


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    return copy_data(tmp_path)


@pytest.fixture(autouse=True)
def _answers_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A learner's answers always go to a temporary folder in tests, never the real one."""
    folder = tmp_path_factory.mktemp("answers")
    monkeypatch.setenv("WR_ANSWERS_DIR", str(folder))
    monkeypatch.setenv("WR_REMEMBER_LEARNER", "0")
    # Each test says where it runs (own computer, class server, JupyterHub); nothing leaks in.
    for name in ("WR_CLASS_SERVER", "JUPYTERHUB_USER", "WR_SETTINGS_DIR", "WR_LEARNER"):
        monkeypatch.delenv(name, raising=False)
    return folder


@pytest.fixture
def answers_dir(_answers_dir: Path) -> Path:
    return _answers_dir


def pytest_configure(config: pytest.Config) -> None:
    """Notebook kernels started by nbval inherit this: saved answers and chart pictures go to scratch
    folders."""
    import os
    import tempfile

    if "WR_ANSWERS_DIR" not in os.environ:
        os.environ["WR_ANSWERS_DIR"] = tempfile.mkdtemp(prefix="wr-answers-")
    os.environ.setdefault("WR_REMEMBER_LEARNER", "0")
    # Chart pictures go to a scratch cache too, so the tests draw every chart at least once.
    if "WR_CHART_CACHE" not in os.environ:
        os.environ["WR_CHART_CACHE"] = _SCRATCH["charts"] = tempfile.mkdtemp(prefix="wr-charts-")


_SCRATCH: dict[str, str] = {}


def pytest_unconfigure(config: pytest.Config) -> None:
    import shutil

    for folder in _SCRATCH.values():
        shutil.rmtree(folder, ignore_errors=True)
