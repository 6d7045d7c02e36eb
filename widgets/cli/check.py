"""`python -m widgets check [PATH ...]`: every problem in the dataset and the question banks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "check question banks (folders or .yaml files) and datasets"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", default=["data"])


def run(args: argparse.Namespace) -> int:
    from widgets.dilemmas.paths import check_cli_paths
    from widgets.errors import DataError
    from widgets.quizzes.bank import check
    from widgets.quizzes.quality import review

    # Branching dilemmas: data/dilemmas/ and any dilemma named here (widgets/dilemmas/paths.py).
    dilemmas = check_cli_paths(args.paths)
    problems: list[DataError] = list(dilemmas.problems)
    banks: list[str] = []
    for p in dilemmas.other_paths:
        path = Path(p)
        if (path / "datapackage.json").exists():
            from widgets.dataset import load_dataset

            try:
                load_dataset(path)
            except DataError as exc:
                problems += getattr(exc, "errors", [exc])
            banks.append(str(path / "quizzes"))
        else:
            banks.append(p)
    problems += check(banks)
    quality = review(banks)  # question quality: errors for the project's banks, else warnings
    problems += quality.errors
    for problem in problems:
        print(problem.message, file=sys.stderr)
    for warning in quality.warnings:
        print(f"Warning: {warning.message}", file=sys.stderr)
    print("\n".join(quality.summary()))
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found.", file=sys.stderr)
        return 1
    if dilemmas.files:
        n = len(dilemmas.files)
        print(f"All dilemmas are fine ({n} file{'s' if n != 1 else ''}).")
    if banks or not dilemmas.files:
        print("All question banks are fine." if banks else "Nothing to check.")
    return 0
