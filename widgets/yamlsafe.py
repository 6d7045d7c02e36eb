"""Read hand-written YAML safely and strictly, with a line number for every problem.

:class:`StrictLoader` is a subclass of ``yaml.CSafeLoader`` (libyaml's C parser; ``yaml.SafeLoader``
where libyaml is missing) that builds plain Python data from the parsed node tree and notes, rather
than hides:

- a key written twice in one mapping (YAML would keep only one value), naming both lines;
- a tag outside YAML's core schema (``!!python/…``, ``!!binary``, ``!custom`` …) and a core tag whose
  value does not fit it (``!!bool maybe``, ``!!int ten``);
- merge keys (``<<``) and aliases that refer to themselves or expand past a million values.

Values are resolved with the YAML 1.2 core schema: ``true``/``false``, ``null``/``~``, numbers, and
everything else is text. So ``No`` and ``Norway`` stay text, and ``2024-02-30`` is text rather than
a date that cannot exist. Mapping keys are always text, and the non-specific tag ``!`` is treated
like no tag. A file that cannot be parsed at all (a tab used for indenting, an unclosed bracket)
raises :class:`YamlSyntaxError` with the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from widgets.yamlbuild import (
    IMPLICIT,
    MAX_EXPANDED,
    Builder,
    YamlProblem,
    expanded_size,
    node_line,
)

__all__ = ["StrictLoader", "Parsed", "YamlProblem", "YamlSyntaxError", "parse", "line_of"]

_BASE: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# What YAML refuses to read: control characters (C0 but tab and line ends, DEL, C1 but NEL),
# surrogates and non-characters.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


class YamlSyntaxError(Exception):
    """The text is not YAML at all; ``problem`` says why and where."""

    def __init__(self, problem: YamlProblem) -> None:
        self.problem = problem
        super().__init__(problem.problem)


class StrictLoader(_BASE):  # type: ignore[misc, valid-type]
    """``yaml.CSafeLoader`` with the core schema and the checks above.

    ``yaml.load(text, Loader=StrictLoader)`` returns the data; after ``get_single_data()`` the
    instance's ``problems`` lists what was wrong and ``root`` holds the node tree (for line numbers).
    """

    yaml_implicit_resolvers: dict = {}
    yaml_path_resolvers: dict = {}

    # libyaml's composer asks for the tag of every untagged node: one Python call per value.
    # A bound str.format answers that call without running any Python code (it returns "?" and
    # ignores its arguments); the builder then applies the core schema to the plain scalars.
    resolve = IMPLICIT.format
    descend_resolver = "".format  # no path resolvers: nothing to track
    ascend_resolver = "".format

    def construct_document(self, node: Node) -> Any:
        self.root = node
        builder = Builder()
        data = builder.build(node)
        self.problems: list[YamlProblem] = builder.problems
        if builder.aliased:
            size = expanded_size(node)
            if size is None or size > MAX_EXPANDED:
                self.problems.append(
                    YamlProblem(
                        node_line(node),
                        (),
                        "an alias (*name) refers to itself"
                        if size is None
                        else f"aliases (*name) expand it to more than {MAX_EXPANDED:,} values",
                        None,
                        "each value written out, or aliases that repeat a small part once or twice",
                    )
                )
                return None
        return data


@dataclass
class Parsed:
    """What :func:`parse` returns: the data, the problems, and the node tree for line numbers."""

    data: Any
    problems: list[YamlProblem] = field(default_factory=list)
    root: Node | None = None

    def line(self, path: tuple[Any, ...]) -> int:
        return line_of(self.root, path)


def line_of(root: Node | None, path: tuple[Any, ...]) -> int:
    """The line where the value at ``path`` starts (its nearest existing parent's, if it is absent).

    A key whose value is empty points at the key's own line.
    """
    node = root
    best = node_line(node) if node is not None else 1
    for key in path:
        child = None
        if isinstance(node, MappingNode):
            for k, v in node.value:
                if isinstance(k, ScalarNode) and k.value == key:
                    child = v if not isinstance(v, ScalarNode) or v.value else k
                    break
        elif isinstance(node, SequenceNode) and isinstance(key, int):
            if 0 <= key < len(node.value):
                child = node.value[key]
        if child is None:
            continue  # a name that is not in the file (e.g. a type tag in the path): stay here
        node = child
        best = node_line(node)
    return best


def _syntax_problem(text: str, exc: Exception) -> YamlProblem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    lines = text.splitlines()
    here = lines[line - 1] if line and line <= len(lines) else ""
    why = str(getattr(exc, "problem", None) or exc).replace("\t", "\\t")
    leading = here[: len(here) - len(here.lstrip(" \t"))]
    at_mark = here[mark.column : mark.column + 1] if mark is not None else ""
    if "\t" in leading or at_mark == "\t" or "'\\t'" in why or "tab character" in why:
        return YamlProblem(
            line,
            (),
            "a tab is used to indent this line",
            None,
            "spaces for indenting: use spaces, not tabs (most editors can turn tabs into spaces)",
        )
    if isinstance(exc, RecursionError):
        return YamlProblem(line, (), "the file is nested too deeply", None, "at most 500 levels")
    context = getattr(exc, "context", None)
    detail = f"{context}: {why}" if context and "single document" not in why else why
    return YamlProblem(
        line,
        (),
        f"the file cannot be read as YAML ({detail})",
        None,
        "valid YAML: check the colons, quotes, dashes and indenting near this line",
    )


def parse(text: str) -> Parsed:
    """Parse one YAML document from ``text``; raise :class:`YamlSyntaxError` if it is not YAML."""
    loader = StrictLoader(text)
    try:
        data = loader.get_single_data()
        return Parsed(data, getattr(loader, "problems", []), getattr(loader, "root", None))
    except (yaml.YAMLError, RecursionError) as exc:
        bad = _CONTROL.search(text)  # looked for only when the text is refused: saves a pass
        if bad:
            raise YamlSyntaxError(
                YamlProblem(
                    text.count("\n", 0, bad.start()) + 1,
                    (),
                    f"the file holds an invisible control character ({bad.group()!r})",
                    None,
                    "ordinary text: retype the line or save the file again as UTF-8 text",
                )
            ) from None
        raise YamlSyntaxError(_syntax_problem(text, exc)) from None
    finally:
        loader.dispose()
