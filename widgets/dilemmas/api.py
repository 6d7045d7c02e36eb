"""What a notebook cell calls: ``wr.dilemma("nephew-asks-about-medicines")``."""

from __future__ import annotations

from pathlib import Path

from widgets.dilemmas.checks import read_dilemma
from widgets.dilemmas.models import Dilemma
from widgets.dilemmas.widget import DilemmaWidget
from widgets.readonce import read_once


def dilemmas_dir() -> Path:
    """``data/dilemmas/`` (or the ``dilemmas`` folder of ``$WR_DATA_DIR``)."""
    from widgets.dataset import default_data_dir

    return default_data_dir() / "dilemmas"


def load_dilemma(name: str) -> Dilemma:
    """A dilemma by name (its file name without .yaml), read and checked once until it changes."""
    return read_once(dilemmas_dir() / f"{name}.yaml", read_dilemma)


def dilemma(name: str, *, seed: int | None = 0) -> DilemmaWidget:
    """The dilemma ``data/dilemmas/<name>.yaml`` as a widget, showing this learner's saved path."""
    from widgets.quizzes.bank import section_titles

    return DilemmaWidget(load_dilemma(name), seed=seed, section_titles=section_titles())
