"""Read a dilemma file: the one place YAML is parsed, and a map from fields to line numbers."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from widgets.errors import DataError, DataErrors
from widgets.yamlsafe import Parsed, YamlSyntaxError, parse


def parse_yaml(text: str) -> Parsed:
    """The file's data and what is wrong with its YAML (a key written twice, a tag outside the
    core schema). Every dilemma file is read through this one call: the collection's strict safe
    loader, which runs no tag."""
    return parse(text)


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
        parsed = parse_yaml(text)
    except YamlSyntaxError as exc:
        p = exc.problem
        raise DataError(path, p.problem, line=p.line, expected=p.expected) from None
    if parsed.problems:
        raise DataErrors(
            DataError(path, p.problem, line=p.line, value=p.value, expected=p.expected)
            for p in parsed.problems
        )
    return parsed.data, LineMap(text)
