"""`python -m widgets class-view [FOLDER]`: the tutor's live class view, on this computer only.

It serves `tutors/class-view.ipynb` with Voilà on 127.0.0.1, so nobody else on the network can
open it, and opens it in the browser. FOLDER is the class's answers folder (default:
$WR_ANSWERS_DIR, else the user data folder); the page can switch to another folder too.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

NAME = "class-view"
HELP = "open the tutor's live class view (on this computer only)"
NOTEBOOK = Path(__file__).resolve().parents[2] / "tutors" / "class-view.ipynb"
DEFAULT_PORT = 8867


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", nargs="?", help="the class's answers folder")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="default %(default)s")
    parser.add_argument(
        "--refresh", type=int, default=None, help="seconds between refreshes (default 5)"
    )
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser")


def command(args: argparse.Namespace) -> list[str]:
    """The Voilà command line: 127.0.0.1 only, the offline template, this one notebook."""
    return [
        sys.executable,
        "-m",
        "voila",
        "--Voila.ip=127.0.0.1",
        f"--port={args.port}",
        "--template=offline",
        *(["--no-browser"] if args.no_browser else []),
        str(NOTEBOOK),
    ]


def run(args: argparse.Namespace) -> int:
    if not NOTEBOOK.is_file():
        print(f"The class view notebook is missing: {NOTEBOOK}", file=sys.stderr)
        return 2
    env = dict(os.environ)
    if args.folder:
        folder = Path(args.folder).expanduser().resolve()
        if not folder.is_dir():
            print(f"No folder at {folder}; expected the class's answers folder.", file=sys.stderr)
            return 2
        env["WR_ANSWERS_DIR"] = str(folder)
    if args.refresh:
        env["WR_CLASS_VIEW_REFRESH"] = str(max(1, args.refresh))
    print(
        f"The class view is at http://127.0.0.1:{args.port}/ (this computer only). Ctrl+C stops it."
    )
    try:
        return subprocess.call(command(args), env=env)
    except KeyboardInterrupt:
        return 0
