"""The record of learners whose last save failed, for the tutor's export.

One small file per learner in the settings folder's `save-status/` (never the answers folder): it
is written when a save fails and removed when a later save works. Because it lives apart from the
answers, a save that failed because the answers folder was read-only is still recorded. When the
whole disk is full nothing can be written anywhere on it; the kernel then keeps the failure in
memory and writes the record at the next action that can.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from widgets.quizzes.atomic import SaveError, locked_write_json
from widgets.quizzes.identity import Identity

FORMAT = "working-relationships-save-status"


@dataclass(frozen=True)
class Failure:
    """A learner whose newest answers may be missing from the answers folder."""

    learner: str
    time: str
    reason: str


def record_failure(folder: Path, identity: Identity, reason: str) -> bool:
    """Note that this learner's last save failed; False when even that cannot be written."""
    data = {
        "format": FORMAT,
        "learner": identity.label,
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
        "reason": reason,
    }
    try:
        locked_write_json(folder / f"{identity.stem}.json", data, timeout=1.0)
    except SaveError:
        return False
    return True


def clear(folder: Path, identity: Identity) -> bool:
    """Remove the note after a save worked; False when it could not be removed."""
    try:
        (folder / f"{identity.stem}.json").unlink(missing_ok=True)
    except OSError:
        return False
    return True


def failures(folder: Path) -> list[Failure]:
    """Every learner whose last save failed, by name."""
    found: list[Failure] = []
    try:
        paths = sorted(folder.glob("*.json"))
    except OSError:
        return found
    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and data.get("format") == FORMAT:
            found.append(
                Failure(
                    str(data.get("learner", "")),
                    str(data.get("time", "")),
                    str(data.get("reason", "")),
                )
            )
    return sorted(found, key=lambda f: (f.learner.casefold(), f.time))
