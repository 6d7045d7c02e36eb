"""`python -m widgets evidence --learner NAME [FOLDER] [-o FILE.docx|FILE.pdf]`: one learner's
portfolio document (written answers under their criteria, the tutor's decisions and comments,
quiz scores by topic) as a Word file, or a PDF when the file name ends in .pdf.

Exit codes: 0 written; 1 nothing written (no such learner, a problem in the data, no PDF engine,
a file that cannot be written); 2 the folder does not exist.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "write one learner's portfolio document (Word, or PDF) with their written answers and marks"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "directory", nargs="?", help="the class's answers folder (default: the answers folder)"
    )
    parser.add_argument("--learner", required=True, help="the learner's name, as they typed it")
    parser.add_argument(
        "-o",
        "--output",
        help="file to write: .docx (Word) or .pdf (default: evidence-<learner>.docx here)",
    )


def run(args: argparse.Namespace) -> int:
    from widgets.errors import DataError, DataErrors
    from widgets.exports.evidence.collect import NotFound, from_folder
    from widgets.quizzes.folders import answers_dir
    from widgets.quizzes.identity import file_stem, problem_with

    folder = Path(args.directory).expanduser() if args.directory else answers_dir()
    if not folder.is_dir():
        print(f"There is no folder {folder}: nothing was written.", file=sys.stderr)
        return 2
    problem = problem_with(args.learner)
    if problem:
        print(f"--learner: {problem}", file=sys.stderr)
        return 1
    target = Path(args.output) if args.output else Path(f"evidence-{file_stem(args.learner)}.docx")
    kind = target.suffix.lower()
    if kind not in (".docx", ".pdf"):
        print(f"{target}: the file name must end in .docx (Word) or .pdf.", file=sys.stderr)
        return 1
    try:
        evidence = from_folder(folder, args.learner)
        if kind == ".pdf":
            from widgets.exports.evidence.pdf import write_evidence_pdf
            from widgets.exports.printpack.engine import EngineMissing

            try:
                write_evidence_pdf(evidence, target)
            except EngineMissing as exc:
                print(str(exc), file=sys.stderr)
                return 1
        else:
            from widgets.exports.evidence.word import write_docx

            write_docx(evidence, target)
    except NotFound as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except DataError as exc:
        for p in exc.errors if isinstance(exc, DataErrors) else [exc]:
            print(p.message, file=sys.stderr)
        print("Nothing was written: fix the problems above first.", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{exc.filename or target}: cannot write there ({exc.strerror}).", file=sys.stderr)
        return 1
    n, topics = len(evidence.written), len(evidence.scores)
    marked = sum(1 for x in evidence.written if x.mark is not None)
    criteria = len(evidence.criteria())
    print(
        f"Wrote {target}: {n} written answer{'s' if n != 1 else ''} ({marked} marked) for "
        f"{criteria} criteri{'a' if criteria != 1 else 'on'}, and quiz scores for {topics} "
        f"topic{'s' if topics != 1 else ''}."
    )
    return 0
