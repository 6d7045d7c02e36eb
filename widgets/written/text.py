"""A written answer's text: kept as the learner typed it, counted, and told apart from the frame.

The page counts words with the same rule (`static/written.js`), so the count a learner sees while
typing is the count the kernel saves and a portfolio prints.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

#: The longest answer kept (characters); the page's answer box stops at the same length.
MAX_CHARS = 10_000
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
# C0 and C1 control characters other than tab and line breaks: they cannot go into a Word file
# and no keyboard types them. Surrogates (broken text) are removed as well.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """The text with Windows and old Mac line ends made `\\n`, control characters removed and
    at most `MAX_CHARS` characters. Nothing else changes: markup stays as typed characters."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)[:MAX_CHARS]


def words(text: str) -> int:
    """How many words: runs of letters or digits, with inner apostrophes or hyphens."""
    return len(WORD.findall(text))


def _norm(line: str) -> str:
    return unicodedata.normalize("NFC", " ".join(line.split()))


def frame_text(frame: Sequence[str]) -> str:
    """What the answer box starts with: one sentence starter a paragraph."""
    return "\n\n".join(frame)


def own_text(text: str, frame: Sequence[str]) -> str:
    """The learner's own words: the text without any sentence starter left exactly as given."""
    starters = {_norm(s) for s in frame}
    kept = [line for line in text.split("\n") if _norm(line) and _norm(line) not in starters]
    return "\n".join(kept)


def is_answered(text: str, frame: Sequence[str]) -> bool:
    """True once the learner has written a word of their own (more than the untouched frame)."""
    return words(own_text(text, frame)) > 0


def unfinished(text: str, frame: Sequence[str]) -> int:
    """How many sentence starters are still in the text exactly as given."""
    lines = {_norm(line) for line in text.split("\n")}
    return sum(1 for s in frame if _norm(s) in lines)
