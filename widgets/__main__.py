"""Command line for course designers and tutors.

python -m widgets check data             every problem in the dataset and every question bank
python -m widgets export -o class.csv    every learner's saved answers as one CSV
python -m widgets moodle -o bank.xml     every question bank as Moodle XML (Question bank > Import)
python -m widgets print -o printable     worksheets, answer keys, cards, charts and glossary as PDFs
python -m widgets pin reset "Sam Smith"  a new PIN for a learner on a class server
python -m widgets class-view [FOLDER]    the tutor's live class view, on this computer only
python -m widgets evidence --learner "Sam Smith" -o sam.docx   a learner's portfolio document
"""

from __future__ import annotations

import argparse
import importlib
import sys

from widgets.cli import COMMANDS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m widgets",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    modules = {}
    for module_name in COMMANDS:
        module = importlib.import_module(f"widgets.cli.{module_name}")
        modules[getattr(module, "NAME", module_name)] = module
    for name, module in modules.items():
        module.add_arguments(sub.add_parser(name, help=module.HELP))
    args = parser.parse_args(argv)
    return modules[args.command].run(args)


if __name__ == "__main__":
    sys.exit(main())
