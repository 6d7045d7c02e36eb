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
    """Notebook kernels started by nbval inherit this: their saved answers go to a scratch folder."""
    import os
    import tempfile

    if "WR_ANSWERS_DIR" not in os.environ:
        os.environ["WR_ANSWERS_DIR"] = tempfile.mkdtemp(prefix="wr-answers-")
    os.environ.setdefault("WR_REMEMBER_LEARNER", "0")
