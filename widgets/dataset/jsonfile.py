"""Read a JSON file such as ``datapackage.json``, knowing the line of every value.

``json.loads`` says nothing about where a value sits and silently keeps the second of two equal
keys; :func:`read_json` adds both: a line for every key path (so a problem in the descriptor names
its line) and a :class:`~widgets.errors.DataError` for a key written twice.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from widgets.errors import DataError

_TOKEN = re.compile(r'\s*(?:([{}\[\]:,])|("(?:[^"\\]|\\.)*")|([^\s{}\[\]:,"]+))', re.S)


@dataclass
class JsonDoc:
    """Parsed JSON with the line each value starts on, by path of keys and indices."""

    data: Any
    lines: dict[tuple[Any, ...], int] = field(default_factory=dict)

    def line(self, path: tuple[Any, ...]) -> int | None:
        """The line of ``path``, or of its nearest parent that is in the file."""
        for n in range(len(path), -1, -1):
            hit = self.lines.get(tuple(path[:n]))
            if hit is not None:
                return hit
        return None


def path_text(path: tuple[Any, ...]) -> str:
    """``('resources', 2, 'schema')`` -> ``resources[2].schema``."""
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def read_json(path: Path, display: str) -> tuple[JsonDoc | None, list[DataError]]:
    """Parse the JSON file at ``path``; (None, [why]) when it cannot be read at all."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [DataError(display, f"the file cannot be opened ({exc.strerror})")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [
            DataError(
                display,
                f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02X})",
                line=raw[: exc.start].count(b"\n") + 1,
                expected="a JSON file saved as UTF-8",
            )
        ]
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        return None, [
            DataError(
                display,
                f"the file is not valid JSON ({exc.msg})",
                line=exc.lineno,
                expected="valid JSON: check the commas, quotes and brackets near this line",
            )
        ]
    except (ValueError, RecursionError) as exc:
        why = "it is nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        return None, [
            DataError(
                display, f"the file cannot be read as JSON ({why})", expected="a Data Package"
            )
        ]
    doc = JsonDoc(data)
    return doc, _scan(text, doc.lines, display)


def _scan(text: str, lines: dict[tuple[Any, ...], int], display: str) -> list[DataError]:
    """Record the line of every value of already-valid JSON; report keys written twice."""
    problems: list[DataError] = []
    stack: list[list[Any]] = []  # [kind, path, index or key, {key: line}]
    want_key = False
    line, last = 1, 0
    for match in _TOKEN.finditer(text):
        start = match.start(match.lastindex or 0)
        line += text.count("\n", last, start)
        last = start
        punct, string, scalar = match.groups()
        top = stack[-1] if stack else None
        here: tuple[Any, ...] = () if top is None else (*top[1], top[2])
        if punct in ("{", "["):
            lines[here] = line
            stack.append([punct, here, 0 if punct == "[" else None, {}])
            want_key = punct == "{"
        elif punct in ("}", "]"):
            stack.pop()
            want_key = False
        elif punct == ",":
            if top is not None and top[0] == "[":
                top[2] += 1
            else:
                want_key = True
        elif punct == ":":
            continue
        elif top is not None and top[0] == "{" and want_key:
            key = json.loads(string) if string else scalar
            seen = top[3]
            if key in seen:
                problems.append(
                    DataError(
                        display,
                        f"the key '{key}' is written twice in the same object "
                        f"(lines {seen[key]} and {line})",
                        line=line,
                        column=path_text((*top[1], key)),
                        column_word="field",
                        expected="each key once (JSON readers keep only one of the two values)",
                    )
                )
            else:
                seen[key] = line
            top[2] = key
            want_key = False
        else:
            lines[here] = line
    return problems
