"""`python -m widgets export [FOLDER] [-o class.csv]`: every learner's saved answers as one CSV."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "write every learner's saved answers as one CSV"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "directory", nargs="?", help="folder of saved answers (default: the answers folder)"
    )
    parser.add_argument("-o", "--output", help="CSV file to write (default: print)")


def run(args: argparse.Namespace) -> int:
    from widgets.quizzes.export import class_csv
    from widgets.quizzes.store import answers_dir

    folder = Path(args.directory) if args.directory else answers_dir()
    text, skipped = class_csv(folder)
    for s in skipped:
        print(f"Skipped (could not read): {s}", file=sys.stderr)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"Wrote {text.count(chr(10)) - 1} answers to {args.output}.")
    else:
        sys.stdout.write(text)
    return 0
