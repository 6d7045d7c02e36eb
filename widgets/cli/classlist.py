"""`python -m widgets class-list FILE`: check a class list for the class hub, every problem at once."""

from __future__ import annotations

import argparse
import sys

NAME = "class-list"
HELP = "check a class list (login,role) for the class hub"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="the class list, a CSV file with the columns login,role")


def run(args: argparse.Namespace) -> int:
    from widgets.errors import DataError
    from widgets.hub.classlist import read_class_list

    try:
        cl = read_class_list(args.file)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(
        f"{args.file}: {len(cl.learners)} learners and {len(cl.tutors)} tutors "
        f"({', '.join(cl.tutors)})."
    )
    return 0
