"""Where saved work lives: the answers folder and, apart from it, the settings folder.

- answers: one file per learner, the only files a tutor collects.
  `$WR_ANSWERS_DIR`, else the user's data folder (on Linux `~/.local/share/working-relationships/answers`).
- settings: the remembered name, PIN hashes (`pins/`) and the record of failed saves (`save-status/`).
  `$WR_SETTINGS_DIR`, else a folder beside the answers folder with `-settings` added to its name.

The two never share a folder, so no learner's name can name a settings file, and a failed save can
be recorded even when the answers folder itself cannot be written.
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "working-relationships"


def answers_dir() -> Path:
    """$WR_ANSWERS_DIR when set, else the user's data folder (outside the repository)."""
    env = os.environ.get("WR_ANSWERS_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP, appauthor=False)) / "answers"


def settings_dir(answers: Path | str | None = None) -> Path:
    """The settings folder that belongs with an answers folder (default: the current one)."""
    env = os.environ.get("WR_SETTINGS_DIR")
    if env:
        return Path(env).expanduser()
    folder = Path(answers) if answers is not None else answers_dir()
    folder = folder.expanduser().absolute()
    return folder.with_name(f"{folder.name}-settings")


def pins_dir(answers: Path | str | None = None) -> Path:
    return settings_dir(answers) / "pins"


def status_dir(answers: Path | str | None = None) -> Path:
    return settings_dir(answers) / "save-status"
