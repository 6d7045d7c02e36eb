"""The lower layers of the package never import the layers above them (docs/architecture.md).

errors <- YAML reading <- dataset <- everything else: a module of the dataset never imports a
question, a chart or the command line, so the data can be checked with nothing else loaded.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from datahelpers import REPO

WIDGETS = REPO / "widgets"
# module (or package folder) -> packages it must not import
LOWER = {
    "errors.py": ("widgets.",),
    "yamlsafe.py": ("widgets.dataset", "widgets.quizzes", "widgets.charts", "widgets.cli"),
    "yamlbuild.py": ("widgets.",),
    "dataset": ("widgets.quizzes", "widgets.charts", "widgets.cli", "widgets.yaml"),
}


def imports_of(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
        elif isinstance(node, ast.Import):
            names += [a.name for a in node.names]
    return names


@pytest.mark.parametrize("name", sorted(LOWER))
def test_a_lower_layer_never_imports_a_higher_one(name: str) -> None:
    target = WIDGETS / name
    files = sorted(target.glob("*.py")) if target.is_dir() else [target]
    assert files
    for path in files:
        for module in imports_of(path):
            allowed = name == "dataset" and module.startswith(("widgets.dataset", "widgets.errors"))
            allowed |= name == "yamlsafe.py" and module == "widgets.yamlbuild"
            if not allowed:
                assert not module.startswith(LOWER[name]), f"{path.name} imports {module}"


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _load_time_imports(path: Path, package: str) -> set[str]:
    """Modules of the package that `path` imports when it is loaded: module-level imports, not
    those inside functions or under `if TYPE_CHECKING:`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()

    def visit(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)
                found.update(f"{node.module}.{a.name}" for a in node.names)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
            elif isinstance(node, (ast.If, ast.Try, ast.With)):
                visit(node.body)
                visit(getattr(node, "orelse", []))
                for handler in getattr(node, "handlers", []):
                    visit(handler.body)

    visit(tree.body)
    return {m for m in found if m == package or m.startswith(package + ".")}


def test_no_module_imports_another_in_a_circle() -> None:
    modules = {_module_name(p): p for p in sorted(WIDGETS.rglob("*.py"))}
    graph = {
        name: {m for m in _load_time_imports(path, "widgets") if m in modules and m != name}
        for name, path in modules.items()
    }
    assert len(graph) > 20
    # Importing a submodule runs its packages' __init__ first; the package's own lazy exports
    # (widgets/__init__.py loads names on first use) import nothing at load time.
    state: dict[str, int] = {}
    path: list[str] = []

    def walk(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt) :] + [nxt]
                raise AssertionError("import circle: " + " -> ".join(cycle))
            if nxt not in state:
                walk(nxt)
        path.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            walk(name)
