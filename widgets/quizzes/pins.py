"""PINs on a class server: a learner claims a name with a short PIN; later pages need the same PIN.

A PIN is kept only as a slow salted hash (`hashlib.scrypt`: 16 MB and about a third of a second
per try on a busy 2-core machine), bound to the learner's normalised name, one small file per
learner in the settings folder's `pins/`. It is never written to the answers file, the CSV or a
log. After five wrong PINs in a row for one name, each further try must wait (30 s, doubling, at
most 15 minutes), so trying every 4-digit PIN would take about three months, not minutes.
A tutor resets a PIN from the command line (`python -m widgets pin reset NAME`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import Timeout

from widgets.quizzes.atomic import SaveError, lock_for, plain_reason, write_json
from widgets.quizzes.identity import Identity

FORMAT = "working-relationships-pin"
PIN_RULE = re.compile(r"^[0-9]{4,8}$")
PIN_HELP = "a PIN of 4 to 8 digits"
FREE_TRIES = 5
FIRST_WAIT = 30.0
LONGEST_WAIT = 900.0
SCRYPT = {"n": 2**14, "r": 8, "p": 1}

WRONG = (
    "That PIN does not match the one chosen for this name, so nothing was changed. "
    "Check the name and PIN, or ask your tutor to reset your PIN."
)


def pin_problem(pin: str) -> str | None:
    """Why a PIN cannot be used, in words; None when it can."""
    if not pin:
        return f"Type your PIN too: {PIN_HELP}."
    if not PIN_RULE.match(pin):
        return f"Your PIN must be {PIN_HELP}, with no spaces or letters."
    return None


def _digest(identity: Identity, pin: str, salt: bytes, params: dict[str, int]) -> bytes:
    message = f"{identity.key}\0{pin}".encode("utf-8", "surrogatepass")
    return hashlib.scrypt(message, salt=salt, dklen=32, maxmem=64 * 2**20, **params)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def new_record(identity: Identity, pin: str) -> dict[str, Any]:
    salt = os.urandom(16)
    return {
        "format": FORMAT,
        "learner": identity.label,
        "scrypt": {
            **SCRYPT,
            "salt": _b64(salt),
            "hash": _b64(_digest(identity, pin, salt, SCRYPT)),
        },
        "failures": 0,
        "wait_until": 0.0,
    }


def matches(record: dict[str, Any], identity: Identity, pin: str) -> bool:
    s = record["scrypt"]
    params = {"n": int(s["n"]), "r": int(s["r"]), "p": int(s["p"])}
    want = base64.b64decode(s["hash"])
    return hmac.compare_digest(_digest(identity, pin, base64.b64decode(s["salt"]), params), want)


def _wait_words(seconds: float) -> str:
    minutes = int(seconds // 60) + (1 if seconds % 60 else 0)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


@dataclass(frozen=True)
class PinCheck:
    """The outcome of a claim: ok, whether the PIN was new, and a message for the learner."""

    ok: bool
    message: str = ""
    created: bool = False


class PinBook:
    """The PIN hashes of one class, one file per learner."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, identity: Identity) -> Path:
        return self.folder / f"{identity.stem}.json"

    def _read(self, path: Path) -> dict[str, Any] | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT or "scrypt" not in data:
            raise ValueError("not a PIN record")
        return data

    def claim(self, identity: Identity, pin: str) -> PinCheck:
        """Check the PIN for this name, or set it when the name has none yet."""
        problem = pin_problem(pin)
        if problem:
            return PinCheck(False, problem)
        path = self.path(identity)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with lock_for(path):
                return self._claim_locked(path, identity, pin)
        except (OSError, Timeout) as exc:
            return PinCheck(False, f"Your name could not be kept: {plain_reason(exc)}.")
        except (ValueError, KeyError, TypeError):
            return PinCheck(
                False, "The PIN kept for this name is damaged. Ask your tutor to reset it."
            )

    def _claim_locked(self, path: Path, identity: Identity, pin: str) -> PinCheck:
        record = self._read(path)
        if record is None:
            write_json(path, new_record(identity, pin))
            return PinCheck(True, created=True)
        now = time.time()
        wait = float(record.get("wait_until", 0)) - now
        if wait > 0:
            return PinCheck(
                False,
                f"Too many wrong PINs for this name. Wait {_wait_words(wait)} and try again, "
                "or ask your tutor to reset your PIN.",
            )
        if matches(record, identity, pin):
            if record.get("failures"):
                write_json(path, {**record, "failures": 0, "wait_until": 0.0})
            return PinCheck(True)
        failures = int(record.get("failures", 0)) + 1
        until = 0.0
        if failures >= FREE_TRIES:
            until = now + min(LONGEST_WAIT, FIRST_WAIT * 2 ** (failures - FREE_TRIES))
        write_json(path, {**record, "failures": failures, "wait_until": until})
        return PinCheck(False, WRONG)

    def reset(self, identity: Identity, new_pin: str | None = None) -> str:
        """Give the name a new PIN, or none (the next learner to type the name chooses one).

        Returns the learner's name as they first typed it (or as given, for a new name)."""
        path = self.path(identity)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with lock_for(path):
                try:
                    old = self._read(path) or {}
                except ValueError:
                    old = {}
                shown = str(old.get("learner") or identity.label)
                if new_pin is None:
                    path.unlink(missing_ok=True)
                else:
                    write_json(path, {**new_record(identity, new_pin), "learner": shown})
        except (OSError, Timeout) as exc:
            raise SaveError(plain_reason(exc)) from exc
        return shown

    def has_pin(self, identity: Identity) -> bool:
        return self.path(identity).exists()

    def learners(self) -> list[tuple[str, bool]]:
        """(name, waiting after wrong PINs) for every name with a PIN."""
        out: list[tuple[str, bool]] = []
        for path in sorted(self.folder.glob("*.json")):
            try:
                record = self._read(path)
            except (OSError, ValueError):
                continue
            if record is not None:
                waiting = float(record.get("wait_until", 0)) > time.time()
                out.append((str(record.get("learner", path.stem)), waiting))
        return sorted(out, key=lambda x: x[0].casefold())
