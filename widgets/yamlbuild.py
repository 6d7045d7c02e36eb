"""Build plain Python data from a YAML node tree, noting every problem instead of hiding it.

Used by :class:`widgets.yamlsafe.StrictLoader`. Scalars follow the YAML 1.2 core schema; a key
written twice, a tag outside the core schema, a core tag whose value does not fit it, a merge key
and a runaway or self-referring alias each become a :class:`YamlProblem` with its line and path.
The tree is walked with an explicit stack, so deeply nested files cannot exhaust Python's stack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_CORE = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (_CORE + t for t in ("str", "int", "float", "bool", "null"))
SEQ, MAP, MERGE = _CORE + "seq", _CORE + "map", _CORE + "merge"

NULLS = frozenset(("", "~", "null", "Null", "NULL"))
BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
INT_TEXT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
FLOAT_TEXT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
NUMBER_START = frozenset("0123456789+-.")
#: The tag libyaml's composer gives a node that has no tag of its own (see StrictLoader.resolve);
#: the builder applies the core schema to it, so a plain ``10`` is a number and ``'10'`` text.
IMPLICIT = "?"
#: First characters of a plain scalar that may be something other than text under the core schema.
_MAYBE_NOT_TEXT = frozenset("0123456789+-.~nNtTfF")
#: Aliases may repeat a part of a file, but not blow it up: past this many values the file is refused.
MAX_EXPANDED = 1_000_000
_PLAIN = "plain values with no tags: text, numbers, true or false, lists and mappings"


@dataclass(frozen=True)
class YamlProblem:
    """One problem found while reading: ``path`` is the keys and indices down to the value."""

    line: int | None
    path: tuple[Any, ...]
    problem: str
    value: object | None = None
    expected: str | None = None


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


def node_line(node: Node) -> int:
    return node.start_mark.line + 1


def core_tag(text: str) -> str:
    """The core schema's tag for a plain (unquoted) scalar."""
    if text in NULLS:
        return NULL
    first = text[0]
    if first in "tTfF" and text in BOOLS:
        return BOOL
    if first in NUMBER_START:
        if INT_TEXT.fullmatch(text):
            return INT
        if FLOAT_TEXT.fullmatch(text):
            return FLOAT
    return STR


def _scalar(node: ScalarNode, path: tuple, problems: list[YamlProblem]) -> Any:
    """The Python value of a scalar under the core schema (a problem and its text when it misfits)."""
    tag, text = node.tag, node.value
    if tag == IMPLICIT:
        if node.style:  # quoted, or a block scalar: always text ("" or None when plain)
            return text
        tag = core_tag(text)
    if tag == STR:
        return text
    try:
        if tag == INT and INT_TEXT.fullmatch(text.replace("_", "")):
            clean = text.replace("_", "")
            return int(clean, 0) if clean[:2] in ("0o", "0x") else int(clean)
        if tag == FLOAT and (FLOAT_TEXT.fullmatch(text) or INT_TEXT.fullmatch(text)):
            low = text.lower()
            return float(low.replace(".inf", "inf").replace(".nan", "nan"))
    except ValueError:  # more digits than Python will turn into a number
        problems.append(
            YamlProblem(
                node_line(node), path, "is too long to be a number", text, "a shorter number"
            )
        )
        return text
    if tag == BOOL and text in BOOLS:
        return BOOLS[text]
    if tag == NULL and text in NULLS:
        return None
    wanted = {
        INT: "a whole number",
        FLOAT: "a number",
        BOOL: "true or false",
        NULL: "nothing (null)",
    }.get(tag)
    if wanted:
        problems.append(
            YamlProblem(
                node_line(node),
                path,
                f"does not fit its tag '{_short_tag(tag)}'",
                text,
                f"{wanted}, or no tag at all",
            )
        )
    else:
        problems.append(_bad_tag(node, path))
    return text


def _bad_tag(node: Node, path: tuple) -> YamlProblem:
    return YamlProblem(
        node_line(node),
        path,
        f"the tag '{_short_tag(node.tag)}' is not allowed",
        None,
        _PLAIN + " (remove the tag)",
    )


class Builder:
    """Turns a node tree into dicts, lists and scalars without recursion (deep files are fine)."""

    def __init__(self) -> None:
        self.problems: list[YamlProblem] = []
        self._made: dict[int, Any] = {}  # id(node) -> the container built for it
        self.aliased = False

    def build(self, root: Node) -> Any:
        box: list[Any] = [None]
        stack: list[tuple[Node, tuple, Any, Any]] = [(root, (), box, 0)]
        while stack:
            node, path, parent, key = stack.pop()
            if isinstance(node, ScalarNode):
                parent[key] = _scalar(node, path, self.problems)
                continue
            made = self._made.get(id(node))
            if made is not None:
                self.aliased = True
                parent[key] = made
                continue
            if isinstance(node, SequenceNode):
                if node.tag != IMPLICIT and node.tag != SEQ:
                    self.problems.append(self._misfit(node, path, "list"))
                made = [None] * len(node.value)
                for i, child in enumerate(node.value):
                    if child.__class__ is ScalarNode:  # set in place, not via the stack
                        made[i] = _scalar(child, (*path, i), self.problems)
                    else:
                        stack.append((child, (*path, i), made, i))
            else:
                if node.tag != IMPLICIT and node.tag != MAP:
                    self.problems.append(self._misfit(node, path, "mapping"))
                made = {}
                self._mapping(node, path, made, stack)
            self._made[id(node)] = made
            parent[key] = made
        return box[0]

    def _misfit(self, node: Node, path: tuple, kind: str) -> YamlProblem:
        if node.tag in (STR, INT, FLOAT, BOOL, NULL, SEQ, MAP):
            return YamlProblem(
                node_line(node),
                path,
                f"the tag '{_short_tag(node.tag)}' does not fit a {kind}",
                None,
                "no tag here",
            )
        return _bad_tag(node, path)

    def _mapping(self, node: MappingNode, path: tuple, made: dict, stack: list) -> None:
        """Fill ``made`` from a mapping node; the loop is the builder's hot path, kept lean."""
        kept = 0
        for key_node, value_node in node.value:
            key = key_node.value
            if key_node.tag != IMPLICIT or key_node.__class__ is not ScalarNode or key == "<<":
                if not self._plain_key(key_node, path):
                    continue
            kept += 1
            if value_node.__class__ is ScalarNode:  # most values: set in place, not via the stack
                text = value_node.value
                if value_node.tag == IMPLICIT and (
                    value_node.style or (text and text[0] not in _MAYBE_NOT_TEXT)
                ):
                    made[key] = text  # surely text: the common case, kept free of calls
                else:
                    made[key] = _scalar(value_node, (*path, key), self.problems)
            else:
                made[key] = None  # keeps the file's order; the value is filled in from the stack
                stack.append((value_node, (*path, key), made, key))
        if len(made) != kept:  # some key was written twice: say where (rare, so done apart)
            self._duplicates(node, path)

    def _duplicates(self, node: MappingNode, path: tuple) -> None:
        first: dict[str, Node] = {}
        for key_node, _value in node.value:
            key = key_node.value
            if key_node.__class__ is not ScalarNode:
                continue
            if key in first:
                self.problems.append(
                    YamlProblem(
                        node_line(key_node),
                        (*path, key),
                        f"the key '{key}' is written twice in the same mapping "
                        f"(lines {node_line(first[key])} and {node_line(key_node)})",
                        None,
                        "each key once (YAML would silently keep only one of the two values)",
                    )
                )
            else:
                first[key] = key_node

    def _plain_key(self, key_node: Node, path: tuple) -> bool:
        """Whether a key that is not plain text can still be used (a number, true, null …)."""
        if not isinstance(key_node, ScalarNode):
            problem, expected = (
                "a list or mapping is used as a key",
                "a plain word before the colon, like 'prompt:'",
            )
        elif key_node.tag == IMPLICIT and not key_node.style:  # a plain '<<': a merge key
            problem, expected = (
                "the merge key '<<' is not part of plain YAML",
                "every field written out in full",
            )
        elif key_node.tag in (IMPLICIT, STR, INT, FLOAT, BOOL, NULL):
            return True
        else:
            self.problems.append(_bad_tag(key_node, (*path, key_node.value)))
            return True
        self.problems.append(YamlProblem(node_line(key_node), path, problem, None, expected))
        return False


def expanded_size(root: Node) -> int | None:
    """How many values the tree holds once every alias is expanded (None when it loops)."""
    size: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        nid = id(node)
        if done:
            on_path.discard(nid)
            children = _children(node)
            size[nid] = min(1 + sum(size[id(c)] for c in children), MAX_EXPANDED + 1)
            continue
        if nid in size:
            continue
        if nid in on_path:
            return None
        on_path.add(nid)
        stack.append((node, True))
        stack.extend((c, False) for c in _children(node) if id(c) not in size)
    return size[id(root)]


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return node.value
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    return []
