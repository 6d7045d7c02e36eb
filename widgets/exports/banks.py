"""Which question banks a command works on: names from the command line, or every bank."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from widgets.errors import DataError
from widgets.quizzes.bank import banks_dir, read_bank
from widgets.quizzes.models import Bank

SUFFIXES = (".yaml", ".yml")


def bank_files(names: Sequence[str] = ()) -> list[Path]:
    """The bank files for these names (a bank id, or a path to a .yaml file); none = every bank."""
    folder = banks_dir()
    if not names:
        files = sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file())
        if not files:
            raise DataError(
                folder, "there are no question banks in this folder", expected="*.yaml files"
            )
        return files
    files = []
    for name in names:
        path = Path(name)
        if path.suffix in SUFFIXES or path.exists():
            files.append(path)
            continue
        path = folder / f"{name}.yaml"
        if not path.exists():
            known = ", ".join(p.stem for p in sorted(folder.glob("*.yaml")))
            raise DataError(
                path, f"there is no question bank called '{name}'", expected=f"one of: {known}"
            )
        files.append(path)
    return files


def load_banks(names: Sequence[str] = ()) -> list[tuple[str, Bank]]:
    """(bank id, checked bank) for each name, in the order given; raises DataError(s) for bad files."""
    return [(path.stem, read_bank(path)) for path in bank_files(names)]
