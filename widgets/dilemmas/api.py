"""What a notebook cell calls: ``wr.dilemma("nephew-asks-about-medicines")``."""

from __future__ import annotations

import functools
from pathlib import Path

from widgets.dilemmas.checks import read_dilemma
from widgets.dilemmas.models import Dilemma
from widgets.dilemmas.widget import DilemmaWidget


def dilemmas_dir() -> Path:
    """``data/dilemmas/`` (or the ``dilemmas`` folder of ``$WR_DATA_DIR``)."""
    from widgets.dataset import default_data_dir

    return default_data_dir() / "dilemmas"


def load_dilemma(name: str) -> Dilemma:
    """A dilemma by name (its file name without .yaml), read and checked once until it changes."""
    path = dilemmas_dir() / f"{name}.yaml"
    try:
        stat = path.stat()
    except OSError:
        return read_dilemma(path)  # reports the missing file in the usual words
    return _cached(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=32)
def _cached(path: str, _mtime_ns: int, _size: int) -> Dilemma:
    return read_dilemma(path)


def dilemma(name: str, *, seed: int | None = 0) -> DilemmaWidget:
    """The dilemma ``data/dilemmas/<name>.yaml`` as a widget, showing this learner's saved path."""
    from widgets.quizzes.bank import section_titles

    return DilemmaWidget(load_dilemma(name), seed=seed, section_titles=section_titles())
