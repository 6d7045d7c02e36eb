"""Learner-facing text is plain English: Flesch reading ease of 55 or more (the target is 60).

Figures for the README: ``python scripts/readability.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import readability  # noqa: E402
from collection_map import load_banks, notebook_paths  # noqa: E402

NOTEBOOKS = [p for p in notebook_paths() if p.name not in readability.DESIGNER_NOTEBOOKS]
BANKS = load_banks()


def _report(name: str, score: float) -> str:
    return (
        f"{name}: Flesch reading ease {score:.1f} (minimum {readability.MINIMUM:.0f}, target "
        f"{readability.TARGET:.0f}); use shorter sentences and everyday words"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_markdown_is_plain_english(path: Path) -> None:
    text = readability.notebook_text(path)
    assert len(text.split()) > 50, f"{path.name}: hardly any text to measure"
    score = readability.score(text)
    if score < readability.TARGET:
        print(f"below target: {_report(path.name, score)}")
    assert score >= readability.MINIMUM, _report(path.name, score)


@pytest.mark.parametrize("bank_id", sorted(BANKS))
def test_bank_text_is_plain_english(bank_id: str) -> None:
    text = readability.bank_text(BANKS[bank_id])
    score = readability.score(text)
    if score < readability.TARGET:
        print(f"below target: {_report(bank_id, score)}")
    assert score >= readability.MINIMUM, _report(f"data/quizzes/{bank_id}.yaml", score)


def test_markdown_is_stripped_before_measuring() -> None:
    text = readability.plain_markdown(
        "# Title\n\nSee [the guide](../data/README.md) and `code`.\n\n```python\nx = 1\n```\n\n"
        "| a | b |\n| --- | --- |\n| one | two |\n\n- **bold** item\n"
    )
    assert text.splitlines() == [
        "Title.",
        "See the guide and .",
        "a.",
        "b.",
        "one.",
        "two.",
        "bold item.",
    ]
