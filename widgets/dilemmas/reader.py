"""Read a dilemma file: the one place YAML is parsed, and a map from fields to line numbers."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from widgets.errors import DataError


def parse_yaml(text: str) -> Any:
    """The file's data. Every dilemma file is read through this one call (safe: no tags run)."""
    return yaml.safe_load(text)


class LineMap:
    """Line numbers of a YAML text, found by a path of keys and list positions.

    The node tree is built only when a problem needs a line, so a good file is parsed once.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._node: yaml.Node | None = None
        self._built = False

    @property
    def node(self) -> yaml.Node | None:
        if not self._built:
            self._built = True
            try:
                self._node = yaml.compose(self._text, Loader=yaml.SafeLoader)
            except yaml.YAMLError:
                self._node = None
        return self._node

    def line(self, path: Iterable[Any] = ()) -> int:
        """The line where the deepest part of ``path`` that exists starts (1 for the file)."""
        node = self.node
        best = node.start_mark.line + 1 if node is not None else 1
        for key in path:
            child, line = None, best
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode) and k.value == key:
                        # a field is on its key's line (a list value starts on the next one)
                        child, line = v, k.start_mark.line + 1
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
                if 0 <= key < len(node.value):
                    child = node.value[key]
                    line = child.start_mark.line + 1
            if child is None:
                break
            node, best = child, line
        return best


def read_file(path: Path) -> tuple[Any, LineMap]:
    """The data of a YAML file and its line map; a DataError with the line when it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(
            path, "the file does not exist", expected="a dilemma file at this path"
        ) from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise DataError(
            path, "the file is not UTF-8 text", line=line, expected="text saved as UTF-8"
        ) from None
    except OSError as exc:
        raise DataError(path, f"the file cannot be opened ({exc.strerror})") from None
    try:
        data = parse_yaml(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        lines = text.splitlines()
        tab = bool(mark) and mark.line < len(lines) and "\t" in lines[mark.line]
        raise DataError(
            path,
            f"the file cannot be read: {exc.problem}",
            line=mark.line + 1 if mark else None,
            expected="indentation with spaces, not tabs"
            if tab
            else "valid YAML (check colons, quotes and indentation)",
        ) from None
    except yaml.YAMLError as exc:
        raise DataError(path, f"the file cannot be read: {exc}", expected="valid YAML") from None
    return data, LineMap(text)
