"""`python -m widgets print [QUIZ ...] -o FOLDER [--large-print]`: the printable pack as PDFs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "print"
HELP = "write the printable pack (worksheets, answer keys, cards, charts, glossary) as A4 PDFs"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "quizzes",
        nargs="*",
        metavar="QUIZ",
        help="bank ids (file names in data/quizzes) or .yaml files",
    )
    parser.add_argument("-o", "--output", required=True, metavar="FOLDER", help="folder to write")
    parser.add_argument(
        "--large-print", action="store_true", help="larger text and more space (about 18 pt)"
    )


def run(args: argparse.Namespace) -> int:
    from widgets.errors import DataError, DataErrors
    from widgets.exports.printpack.engine import EngineMissing
    from widgets.exports.printpack.pack import write_pack

    try:
        result = write_pack(args.quizzes, Path(args.output), large_print=args.large_print)
    except DataError as exc:
        for problem in exc.errors if isinstance(exc, DataErrors) else [exc]:
            print(problem.message, file=sys.stderr)
        print("Nothing was written: fix the problems above first.", file=sys.stderr)
        return 1
    except EngineMissing as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except OSError as exc:
        print(
            f"{exc.filename or args.output}: cannot write there ({exc.strerror}).", file=sys.stderr
        )
        return 1
    for note in result.notes:
        print(note, file=sys.stderr)
    print(f"Wrote {len(result.files)} PDF files to {args.output}:")
    for path in result.files:
        print(f"  {path.name}")
    return 0
