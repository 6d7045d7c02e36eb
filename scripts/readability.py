"""Flesch reading ease of every notebook's Markdown and every question bank's learner text.

    python scripts/readability.py        print a Markdown table (for the README)

The text is measured as a learner reads it: Markdown syntax, link targets, code and the navigation
cells are removed first, and each heading, list item, table cell or question field counts as its own
sentence (a full stop is added where one is missing). Scores use textstat 0.7.4. Higher is easier:
60-70 is plain English; the collection aims for 60 and the tests require at least 55.
"""

from __future__ import annotations

import re
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import textstat  # noqa: E402
from collection_map import (  # noqa: E402
    DESIGNER_NOTEBOOKS,
    is_navigation,
    load_banks,
    notebook_paths,
    questions,
    read_notebook,
    reference_notebooks,
    source,
)

TARGET = 60.0
MINIMUM = 55.0

_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.S | re.M)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_REF_DEF = re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$", re.M)
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_HTML = re.compile(r"<[^>\n]+>")
_URL = re.compile(r"https?://\S+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_END = re.compile(r"[.!?:;]$")


def _sentence(unit: str) -> str:
    unit = " ".join(unit.split())
    if not unit:
        return ""
    return unit if _END.search(unit) else unit + "."


def plain_markdown(text: str) -> str:
    """Markdown as plain prose: one line per heading, list item, table cell or paragraph line."""
    text = _FENCE.sub("", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_DEF.sub("", text)
    text = _CODE_SPAN.sub("", text)
    text = _HTML.sub("", text)
    text = _URL.sub("", text)
    units: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            units.append(_sentence(" ".join(paragraph)))
            paragraph.clear()

    for line in text.splitlines():
        if not line.strip() or _TABLE_RULE.match(line):
            flush()
            continue
        line = _EMPHASIS.sub(r"\2", line)
        if "|" in line and line.strip().startswith("|"):
            flush()
            units += [_sentence(cell) for cell in line.strip().strip("|").split("|")]
        elif _HEADING.match(line) or _BULLET.match(line):
            flush()
            units.append(_sentence(_BULLET.sub("", _HEADING.sub("", line))))
        else:
            paragraph.append(line.strip())
    flush()
    cleaned = [re.sub(r"[→←▶✓✗◐*#>]", " ", u) for u in units]
    return "\n".join(u for u in (" ".join(c.split()) for c in cleaned) if u.strip(" ."))


def notebook_text(path: Path) -> str:
    nb = read_notebook(path)
    return "\n".join(
        plain_markdown(source(c))
        for c in nb.get("cells", [])
        if c.get("cell_type") == "markdown" and not is_navigation(c)
    )


def _bank_units(q: dict[str, Any]) -> list[str]:
    out = [q.get("prompt"), q.get("hint"), q.get("feedback_true"), q.get("feedback_false")]
    out += [q.get("discussion"), q.get("model_answer")]
    out += list(q.get("frame") or []) + list(q.get("self_check") or [])
    for o in q.get("options") or []:
        out += [o.get("text"), o.get("feedback")]
    for p in q.get("pairs") or []:
        out += [p.get("left"), p.get("right"), p.get("feedback")]
    for i in q.get("items") or []:
        out += [i.get("text"), i.get("feedback")]
    out += [c.get("label") for c in q.get("categories") or []]
    out += list(q.get("distractors") or [])
    return [str(u) for u in out if u]


def bank_text(bank: dict[str, Any]) -> str:
    units = [bank.get("title"), bank.get("description")]
    units += [u for q in questions(bank) for u in _bank_units(q)]
    return "\n".join(_sentence(str(u)) for u in units if u)


def score(text: str) -> float:
    return float(textstat.flesch_reading_ease(text))


def measurements() -> list[dict[str, Any]]:
    """One row per notebook and per bank: what it is, its score, words and sentences."""
    rows = []
    for path in notebook_paths() + reference_notebooks():
        text = notebook_text(path)
        rows.append(
            {
                "kind": "notebook",
                "name": path.name,
                "text": text,
                "learner": path.name not in DESIGNER_NOTEBOOKS,
            }
        )
    for bank_id, bank in load_banks().items():
        rows.append(
            {"kind": "bank", "name": f"{bank_id}.yaml", "text": bank_text(bank), "learner": True}
        )
    for row in rows:
        row["score"] = score(row["text"])
        row["words"] = textstat.lexicon_count(row["text"])
        row["sentences"] = textstat.sentence_count(row["text"])
    return rows


def table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| Text | Flesch reading ease | Words | Words per sentence | Target 60 |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for r in rows:
        where = (
            f"`notebooks/{r['name']}`" if r["kind"] == "notebook" else f"`data/quizzes/{r['name']}`"
        )
        if not r["learner"]:
            where += " (for course designers)"
        per = r["words"] / max(r["sentences"], 1)
        met = "yes" if r["score"] >= TARGET else "no"
        lines.append(f"| {where} | {r['score']:.1f} | {r['words']} | {per:.1f} | {met} |")
    return "\n".join(lines)


def total_words(rows: list[dict[str, Any]]) -> int:
    """Every word a learner reads: the learners' notebooks, reference pages and question banks."""
    return sum(r["words"] for r in rows if r["learner"])


def main() -> int:
    rows = measurements()
    print(table(rows))
    print()
    print(f"Learner-facing words in total: {total_words(rows)}.")
    print()
    print(
        f"Measured with textstat {version('textstat')} on the text a learner reads (Markdown "
        "syntax, code, links and navigation removed). 60 or more is plain English."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
