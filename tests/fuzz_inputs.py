"""Hypothesis strategies shaped like the collection's real files, for fuzzing the loaders.

Each strategy starts from a real file (a question bank, one of the CSV files, datapackage.json)
and breaks it the way people and programs do: a wrong tag or type, an impossible date, a huge
number, deep nesting, a key written twice, a byte-order mark, Windows line ends, another encoding,
a file cut short. Used by ``tests/test_fuzz_loaders.py`` (a fixed budget in every test run) and
by ``benchmarks/fuzz.py`` (a longer run).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
BANKS = sorted((DATA / "quizzes").glob("*.yaml")) + [
    REPO / "tests" / "fixtures" / "sample-bank.yaml"
]
CSVS = sorted(DATA.glob("*.csv"))

NASTY_TEXT = [
    "",
    " ",
    "2024-02-30",
    "2023-13-01",
    "0000-00-00",
    "9" * 5000,
    "-" + "9" * 40,
    "1e999",
    "-.inf",
    ".nan",
    "NaN",
    "0x1F",
    "0o17",
    "1_000",
    "yes",
    "No",
    "~",
    "null",
    "true",
    "=1+1",
    "@SUM(A1)",
    '"',
    "'",
    "a,b",
    "line\nbreak",
    "tab\there",
    "\x00",
    "\x1b[31m",
    "\ufeff",
    "\u202e",
    "é" * 300,
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "C:\\data\\x.csv",
    "https://example.org/x.csv",
]
YAML_TAGS = [
    "!!bool",
    "!!int",
    "!!float",
    "!!null",
    "!!str",
    "!!map",
    "!!seq",
    "!!binary",
    "!!timestamp",
    "!!set",
    "!!omap",
    "!!pairs",
    "!!python/object:os.system",
    "!!python/object/apply:os.system",
    "!!python/name:builtins.eval",
    "!!python/tuple",
    "!custom",
    "!",
]


def _deep(n: int, kind: str) -> str:
    return "[" * n + "]" * n if kind == "flow" else "{a: " * n + "1" + "}" * n


# ------------------------------------------------------------------------------------ text and bytes


@st.composite
def byte_damage(draw: st.DrawFn, data: bytes) -> bytes:
    """Encoding-level damage: BOMs, CRLF, another encoding, truncation, stray bytes."""
    kind = draw(
        st.sampled_from(["bom", "crlf", "cr", "latin1", "utf16", "cut", "stray", "nul", "empty"])
    )
    if kind == "bom":
        return b"\xef\xbb\xbf" + data
    if kind == "crlf":
        return data.replace(b"\n", b"\r\n")
    if kind == "cr":
        return data.replace(b"\n", b"\r")
    if kind == "latin1":
        return data.decode("utf-8").encode("latin-1", errors="replace") + b"caf\xe9\n"
    if kind == "utf16":
        return data.decode("utf-8").encode("utf-16")
    if kind == "cut":
        return data[: draw(st.integers(0, max(0, len(data) - 1)))]
    at = draw(st.integers(0, len(data)))
    if kind == "stray":
        return data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at:]
    if kind == "nul":
        return data[:at] + b"\x00" + data[at:]
    return b""


# ------------------------------------------------------------------------------------ question banks


@st.composite
def yaml_line_damage(draw: st.DrawFn, text: str) -> str:
    """Line-level damage to a YAML bank: tags, odd values, deep nesting, duplicates, tabs."""
    lines = text.splitlines()
    n = draw(st.integers(0, len(lines) - 1))
    line = lines[n]
    key, sep, value = line.partition(": ")
    kind = draw(
        st.sampled_from(
            ["tag", "value", "deep", "duplicate", "tab", "drop", "alias", "merge", "indent", "key"]
        )
    )
    if kind == "tag" and sep:
        lines[n] = f"{key}: {draw(st.sampled_from(YAML_TAGS))} {value}"
    elif kind == "value" and sep:
        nasty = draw(st.sampled_from(NASTY_TEXT))
        raw = nasty.splitlines()[0] if nasty.strip() else nasty
        lines[n] = f"{key}: {json.dumps(nasty) if draw(st.booleans()) else raw}"
    elif kind == "deep" and sep:
        depth = draw(st.sampled_from([50, 900, 1100, 5000]))
        lines[n] = f"{key}: {_deep(depth, draw(st.sampled_from(['flow', 'map'])))}"
    elif kind == "duplicate":
        lines.insert(n, line)
    elif kind == "tab":
        lines[n] = "\t" + line.lstrip(" ")
    elif kind == "drop":
        del lines[n]
    elif kind == "alias" and sep:
        lines[n] = f"{key}: &a {value}" if draw(st.booleans()) else f"{key}: *nowhere"
    elif kind == "merge":
        indent = line[: len(line) - len(line.lstrip())]
        lines.insert(n, f"{indent}<<: {{id: merged}}")
    elif kind == "indent":
        lines[n] = " " * draw(st.integers(0, 9)) + line.lstrip()
    elif kind == "key" and sep:
        lines[n] = (
            f"{draw(st.sampled_from(['? [a, b]', '1', 'null', 'true', '!!python/name:x y']))}: {value}"
        )
    return "\n".join(lines) + "\n"


@st.composite
def bank_bytes(draw: st.DrawFn) -> bytes:
    """A real question bank with one to three kinds of damage."""
    text = draw(st.sampled_from(BANKS)).read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 3))):
        text = draw(yaml_line_damage(text))
    data = text.encode("utf-8", errors="surrogatepass")
    if draw(st.booleans()):
        data = draw(byte_damage(data))
    return data


# ------------------------------------------------------------------------------------ CSV files


@st.composite
def csv_damage(draw: st.DrawFn, text: str) -> str:
    """Row- and cell-level damage to a CSV file."""
    lines = text.splitlines()
    n = draw(st.integers(0, len(lines) - 1))
    kind = draw(
        st.sampled_from(
            ["cell", "cells", "extra", "short", "blank", "dup", "header", "quote", "drop"]
        )
    )
    cells = lines[n].split(",")
    if kind in ("cell", "cells"):
        for _ in range(1 if kind == "cell" else draw(st.integers(2, 5))):
            i = draw(st.integers(0, len(cells) - 1))
            value = draw(st.sampled_from(NASTY_TEXT) | st.text(max_size=20))
            cells[i] = '"' + value.replace('"', '""') + '"' if draw(st.booleans()) else value
        lines[n] = ",".join(cells)
    elif kind == "extra":
        lines[n] += "," + draw(st.sampled_from(NASTY_TEXT[:12]))
    elif kind == "short":
        lines[n] = ",".join(cells[: draw(st.integers(0, max(0, len(cells) - 1)))])
    elif kind == "blank":
        lines.insert(n, "" if draw(st.booleans()) else "," * (len(cells) - 1))
    elif kind == "dup":
        lines.insert(n, lines[n])
    elif kind == "header":
        head = lines[0].split(",")
        i = draw(st.integers(0, len(head) - 1))
        head[i] = draw(
            st.sampled_from(["", head[i].upper(), head[i] + "s", head[(i + 1) % len(head)]])
        )
        lines[0] = ",".join(head)
    elif kind == "quote":
        lines[n] = (
            lines[n][: draw(st.integers(0, len(lines[n])))] + '"' + lines[n][len(lines[n]) // 2 :]
        )
    else:
        del lines[n]
    return "\n".join(lines) + "\n"


@st.composite
def csv_file_damage(draw: st.DrawFn) -> tuple[str, bytes]:
    """(file name, damaged bytes) for one of the data folder's CSV files."""
    path = draw(st.sampled_from(CSVS))
    text = path.read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 3))):
        text = draw(csv_damage(text))
    data = text.encode("utf-8", errors="surrogatepass")
    if draw(st.integers(0, 3)) == 0:
        data = draw(byte_damage(data))
    return path.name, data


# ------------------------------------------------------------------------------------ datapackage.json

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.sampled_from([10**400, -(10**30), 0, -1, 1.5, 1e308])
    | st.sampled_from(
        NASTY_TEXT + ["integer", "strng", "date", "any", "csv", "tabular-data-resource"]
    )
    | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    out = [path]
    if len(path) > 12:
        return out
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*path, i))
    return out


def _set(doc: Any, path: tuple, value: Any, delete: bool = False) -> Any:
    if not path:
        return value
    parent = doc
    for p in path[:-1]:
        parent = parent[p]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return doc


@st.composite
def package_bytes(draw: st.DrawFn) -> bytes:
    """The real datapackage.json with values replaced, keys removed, renamed or written twice."""
    doc = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(doc)
        path = draw(st.sampled_from(paths[1:] if len(paths) > 1 else paths))
        kind = draw(st.sampled_from(["replace", "replace", "delete", "rename", "deep"]))
        if kind == "delete" and path:
            doc = _set(doc, path, None, delete=True)
        elif kind == "rename" and path and isinstance(path[-1], str):
            parent = doc
            for p in path[:-1]:
                parent = parent[p]
            parent[draw(st.text(min_size=1, max_size=12))] = parent.pop(path[-1])
        elif kind == "deep":
            depth = draw(st.sampled_from([10, 500, 3000]))
            value: Any = 1
            for _ in range(depth):
                value = [value]
            doc = _set(doc, path, value)
        else:
            doc = _set(doc, path, draw(JSON_VALUES))
    try:
        text = json.dumps(doc, indent=2, ensure_ascii=False)
    except (RecursionError, ValueError):
        text = "[" * 5000 + "]" * 5000
    if draw(st.integers(0, 4)) == 0:  # a key written twice, as a text editor allows
        lines = text.splitlines()
        keyed = [i for i, line in enumerate(lines) if '": ' in line and line.rstrip().endswith(",")]
        if keyed:
            i = draw(st.sampled_from(keyed))
            lines.insert(i, lines[i])
            text = "\n".join(lines)
    data = text.encode("utf-8", errors="surrogatepass")
    if draw(st.integers(0, 4)) == 0:
        data = draw(byte_damage(data))
    return data
