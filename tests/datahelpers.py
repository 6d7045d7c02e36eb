"""Helpers for the dataset and chart tests: a writable copy of the real data folder."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"


def copy_data(dest: Path) -> Path:
    """Copy the CSVs and datapackage.json (not the question banks) into ``dest/data``."""
    target = dest / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("quizzes", "*.md"))
    return target


def read_rows(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
