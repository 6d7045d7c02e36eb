"""Command line for course designers and tutors.

python -m widgets check data/quizzes      every problem in every question bank (and the dataset)
python -m widgets export -o class.csv     every learner's saved answers as one CSV
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _check(paths: list[str]) -> int:
    from widgets.errors import DataError
    from widgets.quizzes.bank import check

    problems: list[DataError] = []
    banks: list[str] = []
    for p in paths:
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
    for problem in problems:
        print(problem.message, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found.", file=sys.stderr)
        return 1
    print("All question banks are fine." if banks else "Nothing to check.")
    return 0


def _export(directory: str | None, output: str | None) -> int:
    from widgets.quizzes.export import class_csv
    from widgets.quizzes.store import answers_dir

    folder = Path(directory) if directory else answers_dir()
    text, skipped = class_csv(folder)
    for s in skipped:
        print(f"Skipped (could not read): {s}", file=sys.stderr)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        print(f"Wrote {text.count(chr(10)) - 1} answers to {output}.")
    else:
        sys.stdout.write(text)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m widgets",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check", help="check question banks (folders or .yaml files) and datasets")
    c.add_argument("paths", nargs="*", default=["data"])
    e = sub.add_parser("export", help="write every learner's saved answers as one CSV")
    e.add_argument(
        "directory", nargs="?", help="folder of saved answers (default: the answers folder)"
    )
    e.add_argument("-o", "--output", help="CSV file to write (default: print)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return _check(args.paths)
    return _export(args.directory, args.output)


if __name__ == "__main__":
    sys.exit(main())
