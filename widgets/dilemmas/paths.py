"""Which of ``python -m widgets check``'s paths hold dilemmas, and their problems."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from widgets.dilemmas.checks import check_files, dilemma_files
from widgets.errors import DataError


def looks_like_dilemma(path: Path) -> bool:
    """A YAML file in a ``dilemmas`` folder, or one with a top-level ``scenes:`` line."""
    if path.parent.name == "dilemmas":
        return True
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return re.search(r"^scenes\s*:", text, re.M) is not None


@dataclass
class PathCheck:
    """What ``python -m widgets check`` learns from the dilemma side of its paths."""

    problems: list[DataError]
    files: list[Path]
    other_paths: list[str]


def check_cli_paths(paths: Iterable[str]) -> PathCheck:
    """Check the dilemmas among the command line's paths; hand back the paths that are not theirs.

    A data folder (one with ``datapackage.json``) has its ``dilemmas/`` folder checked and is
    handed back for the dataset and question-bank checks; a folder named ``dilemmas`` and any
    dilemma file are checked here only.
    """
    files: list[Path] = []
    others: list[str] = []
    for p in paths:
        path = Path(p)
        if (path / "datapackage.json").exists():
            files += dilemma_files(path / "dilemmas")
            others.append(p)
        elif path.is_dir() and path.name == "dilemmas":
            files += dilemma_files(path)
        elif path.is_dir():
            found = dilemma_files(path)
            mine = [f for f in found if looks_like_dilemma(f)]
            files += mine
            if not mine:
                others.append(p)
            else:
                others += [str(f) for f in found if f not in mine]
        elif path.suffix in (".yaml", ".yml") and looks_like_dilemma(path):
            files.append(path)
        else:
            others.append(p)
    return PathCheck(check_files(files), files, others)
