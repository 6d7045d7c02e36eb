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
