"""`python -m widgets export [FOLDER] [-o class.csv]`: every learner's saved answers as one CSV.

Exit codes: 0 written; 1 the folder holds no answers files; 2 the folder does not exist.
"""

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
    parser.add_argument(
        "--settings",
        help="settings folder with the record of failed saves "
        "(default: the folder beside FOLDER whose name ends in -settings)",
    )


def run(args: argparse.Namespace) -> int:
    from widgets.csvsafe import write_csv
    from widgets.quizzes.export import collect, csv_text
    from widgets.quizzes.folders import answers_dir, settings_dir
    from widgets.quizzes.save_status import failures
    from widgets.quizzes.store import iter_files

    folder = Path(args.directory) if args.directory else answers_dir()
    if not folder.is_dir():
        print(f"There is no folder {folder}: nothing was exported.", file=sys.stderr)
        return 2
    found = collect(iter_files(folder))
    for line in found.skipped:
        print(f"Left out (could not be read): {line}", file=sys.stderr)
    settings = Path(args.settings) if args.settings else settings_dir(folder)
    failed = failures(settings / "save-status")
    if failed:
        print(
            f"{len(failed)} learner{'s' if len(failed) != 1 else ''} whose last save did NOT work "
            "(their newest answers may be missing):",
            file=sys.stderr,
        )
        for f in failed:
            print(f"  {f.learner} at {f.time}: {f.reason}", file=sys.stderr)
    if found.learners == 0:
        extra = " (some files could not be read: see above)" if found.skipped else ""
        print(f"No answers files in {folder}{extra}: nothing was exported.", file=sys.stderr)
        return 1
    text = csv_text(found.rows)
    if args.output:
        write_csv(args.output, text)
        learners = f"{found.learners} learner{'s' if found.learners != 1 else ''}"
        print(f"Wrote {len(found.rows)} answers from {learners} to {args.output}.")
    else:
        sys.stdout.write(text)
    return 0
