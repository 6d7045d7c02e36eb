"""Who a learner is: how a typed name becomes one learner and one safe file name.

Two names are the same learner when they are equal after Unicode NFC normalisation, case folding
and joining runs of spaces ("Zoë" typed as one character or as "Zoe" + a combining mark, "SAM
smith" and "Sam Smith"). Everything else is a different learner: "Sam Smith" and "sam-smith"
are two people.

A learner's file is named from a readable ASCII slug and a short hash of the normalised name:
`sam-smith-3f9a0c27d1b4`. Different names give different hashes, so no two learners share a
file; the slug keeps the folder readable for a tutor; the name uses only a-z, 0-9 and hyphens, so
it works on every operating system and in every script. The answers file also records the
normalised name, and the store refuses to mix two learners even if two hashes ever matched.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

Mode = Literal["computer", "class", "hub"]

MAX_NAME = 60
HASH_CHARS = 12
SLUG_CHARS = 24
COMPUTER_KEY = ""  # the key of "this computer's learner"; no typed name normalises to it
COMPUTER_LABEL = "this computer's learner"
STEM = re.compile(rf"^[a-z0-9]+(?:-[a-z0-9]+)*-[0-9a-f]{{{HASH_CHARS}}}$")


def mode() -> Mode:
    """Where the collection runs: under JupyterHub, on a class server, or on a learner's computer."""
    if os.environ.get("JUPYTERHUB_USER", "").strip():
        return "hub"
    if os.environ.get("WR_CLASS_SERVER", "").strip().lower() in {"1", "true", "yes"}:
        return "class"
    return "computer"


def tidy(name: str) -> str:
    """The name as it is shown: NFC, runs of spaces joined, ends trimmed."""
    return unicodedata.normalize("NFC", " ".join(name.split()))


def normalise(name: str) -> str:
    """The name two spellings of one learner share: NFC + case folding + single spaces.

    Case folding can undo NFC composition, so both are applied until nothing changes."""
    key = tidy(name)
    for _ in range(4):
        again = unicodedata.normalize("NFC", key.casefold())
        if again == key:
            break
        key = again
    return key


def problem_with(name: str) -> str | None:
    """Why a typed name cannot be used, in words; None when it can."""
    shown = tidy(name)
    if not shown:
        return "Type your name first."
    if len(shown) > MAX_NAME:
        return f"Your name is too long: use at most {MAX_NAME} letters."
    if any(unicodedata.category(c) in {"Cc", "Cs"} for c in shown):
        return "Your name has a character that cannot be saved; type it again."
    return None


def _slug(key: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:SLUG_CHARS].strip("-")
    return slug or ("this-computer" if key == COMPUTER_KEY else "learner")


def stem_for_key(key: str) -> str:
    """The file name (without .json) for a normalised name."""
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:HASH_CHARS]
    return f"{_slug(key)}-{digest}"


def file_stem(name: str) -> str:
    """The file name (without .json) for any name a learner types: 'Sam O'Neil' -> 'sam-o-neil-…'."""
    return stem_for_key(normalise(name))


@dataclass(frozen=True)
class Identity:
    """One learner: the name shown, the normalised key, and how the learner became known."""

    display: str
    key: str
    source: Literal["computer", "name", "hub"]

    @property
    def stem(self) -> str:
        return stem_for_key(self.key)

    @property
    def label(self) -> str:
        """How the learner is named in messages and in the tutor's CSV."""
        return self.display or COMPUTER_LABEL

    @classmethod
    def named(cls, name: str) -> Identity:
        """A typed name (never empty: the empty key is this computer's learner)."""
        key = normalise(name)
        if key == COMPUTER_KEY:
            raise ValueError("a learner's name cannot be empty")
        return cls(tidy(name), key, "name")

    @classmethod
    def this_computer(cls) -> Identity:
        return cls("", COMPUTER_KEY, "computer")

    @classmethod
    def from_hub(cls) -> Identity:
        user = os.environ["JUPYTERHUB_USER"]
        return cls(tidy(user), normalise(user), "hub")
