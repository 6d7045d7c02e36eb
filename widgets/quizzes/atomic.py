"""Writing a small JSON file so that it is always whole, and saying in words why a write failed.

Every write holds `<file>.lock`, writes a temporary file beside the target (`.<file>.<random>.tmp`),
flushes it to disk and renames it over the target in one step. A crash leaves the old file or the
new one, never half of one. The new file gets the permissions a plain `open()` would give under
the process umask (a tutor's group can read learners' files in a shared folder), not the 0600 of
a temporary file. Temporary files left by a killed process are removed at the next start, but
only when no process holds the target's lock (a save in progress is never disturbed).
"""

from __future__ import annotations

import errno
import json
import os
import tempfile
import threading
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

DEFAULT_LOCK_TIMEOUT = 3.0
_UMASK_LOCK = threading.Lock()


class SaveError(Exception):
    """A write that did not happen, with the reason in words a learner understands."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def current_umask() -> int:
    """The process umask, read without changing it where the system allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    with _UMASK_LOCK:  # elsewhere the only way to read it is to set it and put it back
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def file_mode() -> int:
    """The permissions `open(path, "w")` would give a new file now."""
    return 0o666 & ~current_umask()


def lock_timeout() -> float:
    """Seconds a save waits for another process's lock ($WR_LOCK_TIMEOUT, default 3)."""
    try:
        value = float(os.environ.get("WR_LOCK_TIMEOUT", DEFAULT_LOCK_TIMEOUT))
    except ValueError:
        return DEFAULT_LOCK_TIMEOUT
    return value if value >= 0 else DEFAULT_LOCK_TIMEOUT


def lock_for(path: Path, timeout: float | None = None) -> FileLock:
    """The lock every writer of `path` holds while it writes."""
    return FileLock(
        f"{path}.lock",
        timeout=lock_timeout() if timeout is None else timeout,
        mode=file_mode(),
        thread_local=False,
    )


def write_json(path: Path, data: Any, mode: int | None = None) -> None:
    """Replace `path` with `data` as JSON in one step (call while holding `lock_for(path)`).

    The file gets `mode`, or else what a plain open() would give under the umask."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if hasattr(os, "fchmod"):  # mkstemp makes 0600
            os.fchmod(fd, file_mode() if mode is None else mode)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1, sort_keys=True)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def locked_write_json(path: Path, data: Any, timeout: float | None = None) -> None:
    """Take the file's lock, then `write_json`; any failure becomes a `SaveError` with a reason."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with lock_for(path, timeout):
            write_json(path, data)
    except (OSError, Timeout) as exc:
        raise SaveError(plain_reason(exc)) from exc


def remove_leftovers(folder: Path) -> list[str]:
    """Delete temporary files of interrupted writes in `folder`; return their names."""
    removed: list[str] = []
    try:
        candidates = sorted(folder.glob(".*.tmp"))
    except OSError:
        return removed
    for tmp in candidates:
        target_name = tmp.name[1:-4].rpartition(".")[0]
        if not target_name:
            continue
        lock = lock_for(folder / target_name, timeout=0)
        try:
            with lock:  # nobody is writing that file now, so the temporary file is a leftover
                tmp.unlink(missing_ok=True)
                removed.append(tmp.name)
        except (OSError, Timeout):
            continue
    return removed


def plain_reason(exc: BaseException) -> str:
    """Why a file could not be written, in plain words, never naming a server path."""
    if isinstance(exc, Timeout):
        return "your answers file was busy in another window or program for too long"
    if isinstance(exc, OSError):
        code = exc.errno
        if code in (errno.ENOSPC, errno.EDQUOT):
            return "the disk is full"
        if code == errno.EROFS:
            return "the folder for answers is read-only"
        if code in (errno.EACCES, errno.EPERM):
            return "this computer does not allow writing to the folder for answers"
        if code == errno.ENOENT:
            return "the folder for answers is missing"
        if exc.strerror:
            return f"the computer could not write the file ({exc.strerror.lower()})"
    return "the computer could not write the file"
