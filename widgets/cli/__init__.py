"""The `python -m widgets` commands, one module each.

Each module in `COMMANDS` has `HELP` (one line), `add_arguments(parser)` and `run(args) -> int`
(the exit code), and may set `NAME` when the command's word is not the module's name (a module
cannot be called `print`). A new command is a new module and one name in `COMMANDS`.
"""

from __future__ import annotations

COMMANDS: tuple[str, ...] = (
    "check",
    "export",
    "pin",
    "moodle",
    "printing",
    "classview",
    "evidence",
    "classlist",
)
