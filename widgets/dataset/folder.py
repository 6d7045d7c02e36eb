"""Where the data lives: ``$WR_DATA_DIR`` when set, otherwise the repository's ``data/`` folder."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_FILE = "datapackage.json"


def default_data_dir() -> Path:
    """``$WR_DATA_DIR`` when set, otherwise the repository's ``data/`` folder."""
    env = os.environ.get("WR_DATA_DIR")
    if env:
        return Path(env).expanduser()
    return Path(__file__).resolve().parent.parent.parent / "data"


def shown(folder: Path, name: str) -> str:
    """How a file in the data folder is named in a message, e.g. ``data/ratings.csv``.

    The folder is given relative to the current folder when it lies inside it, otherwise by its
    own name, so a message never depends on where the collection was unpacked.
    """
    full = folder.resolve()
    try:
        base = full.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        base = "."
    return f"{full.name if base == '.' else base}/{name}"
