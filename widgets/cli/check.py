"""`python -m widgets check [PATH ...]`: every problem in a data folder, its question banks and
its dilemmas, at once.

A PATH is a data folder (it holds ``datapackage.json``: the package, every CSV file, the rules
across them, every bank in its ``quizzes/`` folder and every dilemma in its ``dilemmas/`` folder
are checked, against that folder's own guide sections), a folder of banks or dilemmas, or one
file. With no PATH, the collection's data folder (``$WR_DATA_DIR`` when set) is checked. Problems
go to standard error, one sentence each, then "N problems found."; the exit code is 1 when there
are any. The question-quality figures are printed too: their rules are errors for the
collection's own banks and warnings for a designer's own.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "check data folders (datapackage.json, CSV files, question banks, dilemmas) or single files"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        help="data folders, folders of banks or .yaml files (default: the data folder)",
    )


def _banks(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))


def _shown(path: Path) -> Path:
    """The path as a person would type it: relative to the current folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd())
    except (ValueError, OSError):
        return path


def run(args: argparse.Namespace) -> int:
    from widgets.dataset import check_dataset, default_data_dir
    from widgets.dataset.folder import PACKAGE_FILE
    from widgets.dilemmas.paths import check_cli_paths
    from widgets.errors import DataError, count
    from widgets.quizzes.bank import check
    from widgets.quizzes.quality import review

    given = [_shown(Path(p)) for p in args.paths] or [_shown(default_data_dir())]
    dilemmas = check_cli_paths(str(p) for p in given)  # data folders come back for the rest
    problems: list[DataError] = list(dilemmas.problems)
    tables = 0
    bank_files: list[Path] = []
    for path in [Path(p) for p in dilemmas.other_paths]:
        if (path / PACKAGE_FILE).is_file():
            from widgets.dataset.spec import spec_problems

            checked = check_dataset(path)
            problems += checked.problems + spec_problems(checked)
            tables += len(checked.tables)
            files = _banks(path / "quizzes")
        elif path.is_dir():
            files = _banks(path)
            if not files:
                problems.append(
                    DataError(
                        path,
                        "the folder holds no datapackage.json and no question banks",
                        expected="a data folder, a folder of .yaml banks or one .yaml file",
                    )
                )
        elif path.is_file():
            files = [path]
        else:
            problems.append(
                DataError(
                    path,
                    "does not exist",
                    expected="a data folder, a folder of banks or a .yaml file",
                )
            )
            continue
        bank_files += files
    problems += check(bank_files)
    quality = review(bank_files)
    problems += quality.errors
    order = {name: n for n, name in enumerate(dict.fromkeys(p.file for p in problems))}
    problems.sort(key=lambda p: (order[p.file], p.line or 0))
    for problem in problems:
        print(problem.message, file=sys.stderr)
    for warning in quality.warnings:
        print(f"Warning: {warning.message}", file=sys.stderr)
    if bank_files:
        print("\n".join(quality.summary()))
    if problems:
        print(f"{count(len(problems), 'problem')} found.", file=sys.stderr)
        return 1
    checked = [
        count(tables, "data table"),
        count(len(bank_files), "question bank"),
        count(len(dilemmas.files), "dilemma"),
    ]
    print(f"No problems found in {', '.join(checked[:-1])} and {checked[-1]}.")
    return 0
