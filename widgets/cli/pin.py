"""`python -m widgets pin reset NAME` / `pin list`: a tutor's PIN tools for a class server.

`reset NAME` gives the learner a new PIN and prints it for the tutor to pass on (or, with
`--clear`, removes the PIN: the next person to type the name chooses one). The learner's answers
are not touched. `list` shows every name that has a PIN, and which are waiting after wrong PINs.
"""

from __future__ import annotations

import argparse
import secrets
import sys
from pathlib import Path

HELP = "reset a learner's PIN on a class server, or list the names that have one"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("reset", "list"), help="what to do")
    parser.add_argument("name", nargs="?", help="the learner's name, as they type it")
    parser.add_argument(
        "--clear", action="store_true", help="remove the PIN instead of setting a new one"
    )
    parser.add_argument(
        "--answers", help="the class's answers folder (default: $WR_ANSWERS_DIR or the usual one)"
    )


def run(args: argparse.Namespace) -> int:
    from widgets.quizzes.atomic import SaveError
    from widgets.quizzes.folders import pins_dir
    from widgets.quizzes.identity import Identity, problem_with
    from widgets.quizzes.pins import PinBook

    book = PinBook(pins_dir(Path(args.answers) if args.answers else None))
    if args.action == "list":
        learners = book.learners()
        if not learners:
            print("No learner has a PIN yet.")
        for name, waiting in learners:
            print(f"{name}{'  (waiting after wrong PINs)' if waiting else ''}")
        return 0
    if not args.name or problem_with(args.name):
        print('Give the learner\'s name, for example: pin reset "Sam Smith"', file=sys.stderr)
        return 2
    identity = Identity.named(args.name)
    had_pin = book.has_pin(identity)
    new_pin = None if args.clear else f"{secrets.randbelow(10**4):04d}"
    try:
        shown = book.reset(identity, new_pin)
    except SaveError as exc:
        print(f"The PIN could not be reset: {exc.reason}.", file=sys.stderr)
        return 1
    note = "" if had_pin else " (this name had no PIN before)"
    if new_pin is None:
        print(f"{shown} has no PIN now{note}: they choose a new one next time.")
    else:
        print(f"{shown}'s new PIN is {new_pin}{note}. Give it to them privately.")
    return 0
