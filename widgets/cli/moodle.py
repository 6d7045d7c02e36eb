"""`python -m widgets moodle [BANK ...] -o FILE.xml`: question banks as a Moodle XML file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "write question banks (default: all) as Moodle XML, for Question bank > Import"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "banks",
        nargs="*",
        metavar="BANK",
        help="bank ids (file names in data/quizzes) or .yaml files",
    )
    parser.add_argument("-o", "--output", required=True, metavar="FILE.xml", help="file to write")


def run(args: argparse.Namespace) -> int:
    from widgets.errors import DataError, DataErrors
    from widgets.exports.banks import load_banks
    from widgets.exports.moodle import moodle_xml

    try:
        banks = load_banks(args.banks)
    except DataError as exc:
        for problem in exc.errors if isinstance(exc, DataErrors) else [exc]:
            print(problem.message, file=sys.stderr)
        print("Nothing was written: fix the problems above first.", file=sys.stderr)
        return 1
    export = moodle_xml(banks)
    out = Path(args.output)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(export.xml)
    except OSError as exc:
        print(f"{out}: the file cannot be written ({exc.strerror}).", file=sys.stderr)
        return 1
    for note in export.notes:
        print(note, file=sys.stderr)
    names = ", ".join(bank_id for bank_id, _ in banks)
    print(
        f"Wrote {export.written} questions from {len(banks)} bank{'s' if len(banks) != 1 else ''} "
        f"({names}) to {out}. In Moodle: Question bank > Import > Moodle XML format."
    )
    return 0
