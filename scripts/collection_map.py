"""What the notebooks, question banks and guide sections are, and which covers which.

Shared by ``scripts/tutor_answers.py``, ``scripts/readability.py`` and the tests. Quiz cells are read
with :mod:`ast` (never a regular expression), so ``wr.quiz("bank", section="x", ids=[...])`` is
understood however it is spaced or split across lines.
"""

from __future__ import annotations

import ast
import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from widgets.quizzes.bank import select_ids

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
DATA = REPO / "data"
BANKS = DATA / "quizzes"
TUTORS = REPO / "tutors"

NOTEBOOK_NAME = re.compile(r"^(\d\d)-([a-z0-9]+(?:-[a-z0-9]+)*)\.ipynb$")
# Notebooks for course designers: their quizzes run on a temporary copy of the data, so they are
# left out of the guide-coverage map and of the readability targets for learners.
DESIGNER_NOTEBOOKS = frozenset({"08-extending-the-collection.ipynb"})
NAVIGATION_TAG = "navigation"
# Reference pages every notebook links to (not lessons: no number, no quiz).
REFERENCE_NOTEBOOKS = ("glossary.ipynb",)


# --------------------------------------------------------------------------- notebooks


def notebook_paths(folder: Path = NOTEBOOKS) -> list[Path]:
    """Every numbered notebook (``NN-*.ipynb``), in number order."""
    return sorted(p for p in folder.glob("[0-9][0-9]-*.ipynb") if p.is_file())


def reference_notebooks(folder: Path = NOTEBOOKS) -> list[Path]:
    """The reference pages that exist, such as the glossary."""
    return [folder / name for name in REFERENCE_NOTEBOOKS if (folder / name).is_file()]


def learner_notebooks(folder: Path = NOTEBOOKS) -> list[Path]:
    return [p for p in notebook_paths(folder) if p.name not in DESIGNER_NOTEBOOKS]


def read_notebook(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell: dict[str, Any]) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def tags(cell: dict[str, Any]) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def is_navigation(cell: dict[str, Any]) -> bool:
    return NAVIGATION_TAG in tags(cell)


def notebook_title(nb: dict[str, Any]) -> str | None:
    """The text of the notebook's ``# `` heading (the first one found)."""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown" or is_navigation(cell):
            continue
        for line in source(cell).splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return None


def python_source(cell_source: str) -> str:
    """Cell source with IPython-only lines (magics, shell escapes) turned into comments."""
    lines = []
    for line in cell_source.splitlines():
        stripped = line.lstrip()
        lines.append("# " + line if stripped.startswith(("%", "!")) else line)
    return "\n".join(lines)


# --------------------------------------------------------------------------- quiz calls


@dataclass(frozen=True)
class QuizCall:
    """One ``wr.quiz(...)`` or ``wr.generated_quiz(...)`` call in a notebook's code cell."""

    notebook: str
    cell: int
    function: str  # "quiz" or "generated_quiz"
    bank: str | None = None  # None when the bank is not a literal string
    section: str | None = None
    ids: tuple[str, ...] | None = None
    kwargs: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    literal: bool = True  # False when some argument could not be read as a literal


def _is_wr_call(node: ast.Call, names: tuple[str, ...]) -> str | None:
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr in names and isinstance(func.value, ast.Name):
        if func.value.id == "wr":
            return func.attr
    return None


def quiz_calls(path: Path) -> list[QuizCall]:
    """Every quiz call in the notebook's code cells, in order."""
    calls: list[QuizCall] = []
    nb = read_notebook(path)
    for n, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        try:
            tree = ast.parse(python_source(source(cell)))
        except SyntaxError as exc:
            raise SyntaxError(f"{path.name}, cell {n}: {exc.msg}") from None
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            kind = _is_wr_call(node, ("quiz", "generated_quiz"))
            if kind is None:
                continue
            literal = True
            kwargs: dict[str, Any] = {}
            for kw in node.keywords:
                if kw.arg is None:
                    literal = False
                    continue
                try:
                    kwargs[kw.arg] = ast.literal_eval(kw.value)
                except ValueError:
                    literal = False
            bank = None
            if kind == "quiz":
                if (
                    node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                ):
                    bank = node.args[0].value
                else:
                    literal = False
            ids = kwargs.get("ids")
            calls.append(
                QuizCall(
                    notebook=path.name,
                    cell=n,
                    function=kind,
                    bank=bank,
                    section=kwargs.get("section"),
                    ids=tuple(ids) if ids is not None else None,
                    kwargs=kwargs,
                    literal=literal,
                )
            )
    return sorted(calls, key=lambda c: c.cell)


# --------------------------------------------------------------------------- banks


def bank_paths(folder: Path = BANKS) -> list[Path]:
    return sorted(folder.glob("*.yaml"))


def load_banks(folder: Path = BANKS) -> dict[str, dict[str, Any]]:
    """Bank id -> the parsed YAML (plain dicts, in file order)."""
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in bank_paths(folder)}


def questions(bank: dict[str, Any]) -> list[dict[str, Any]]:
    return [q for q in (bank or {}).get("questions") or [] if isinstance(q, dict)]


def selected_ids(call: QuizCall, bank: dict[str, Any]) -> list[str]:
    """The question ids a quiz call shows: the quiz's own rule, `widgets.quizzes.bank.select_ids`."""
    pairs = [(str(q.get("id")), q.get("sections") or []) for q in questions(bank)]
    return select_ids(pairs, section=call.section, ids=call.ids)


def guide_sections(folder: Path = DATA) -> list[dict[str, str]]:
    with (folder / "guide_sections.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@dataclass
class Coverage:
    """Which notebooks and questions cover each guide section, and what is left out."""

    sections: dict[str, dict[str, Any]]  # id -> {"title", "notebooks": [...], "questions": [...]}
    used: dict[str, dict[str, list[str]]]  # bank -> question id -> notebooks using it
    unused: list[str]  # "bank/id" of questions no notebook uses
    problems: list[str]  # calls naming a bank, id or section that does not exist

    @property
    def uncovered(self) -> list[str]:
        return [s for s, v in self.sections.items() if not v["questions"]]


def coverage(
    notebooks: list[Path] | None = None,
    banks: dict[str, dict[str, Any]] | None = None,
    sections: list[dict[str, str]] | None = None,
) -> Coverage:
    notebooks = learner_notebooks() if notebooks is None else notebooks
    banks = load_banks() if banks is None else banks
    sections = guide_sections() if sections is None else sections
    used: dict[str, dict[str, list[str]]] = {b: {} for b in banks}
    problems: list[str] = []
    for path in notebooks:
        for call in quiz_calls(path):
            if call.function != "quiz":
                continue
            where = f"{call.notebook}, cell {call.cell}"
            if call.bank is None or not call.literal:
                problems.append(
                    f"{where}: the quiz call's arguments are not plain literals, so "
                    "the coverage map cannot read them"
                )
                continue
            if call.bank not in banks:
                problems.append(f"{where}: there is no question bank data/quizzes/{call.bank}.yaml")
                continue
            known = {q.get("id") for q in questions(banks[call.bank])}
            for i in call.ids or ():
                if i not in known:
                    problems.append(f"{where}: bank '{call.bank}' has no question '{i}'")
            picked = selected_ids(call, banks[call.bank])
            if not picked:
                problems.append(f"{where}: the quiz call picks no questions from '{call.bank}'")
            for qid in picked:
                notebooks_using = used[call.bank].setdefault(qid, [])
                if call.notebook not in notebooks_using:
                    notebooks_using.append(call.notebook)
    table: dict[str, dict[str, Any]] = {
        s["id"]: {"title": s["title"], "kind": s.get("kind", ""), "notebooks": [], "questions": []}
        for s in sections
    }
    unused: list[str] = []
    for bank_id, bank in banks.items():
        for q in questions(bank):
            qid = str(q.get("id"))
            nbs = used[bank_id].get(qid, [])
            if not nbs:
                unused.append(f"{bank_id}/{qid}")
                continue
            for sec in q.get("sections") or []:
                if sec not in table:
                    continue
                table[sec]["questions"].append(f"{bank_id}/{qid}")
                for nb in nbs:
                    if nb not in table[sec]["notebooks"]:
                        table[sec]["notebooks"].append(nb)
    for entry in table.values():
        entry["notebooks"].sort()
        entry["questions"].sort()
    return Coverage(table, used, unused, problems)
