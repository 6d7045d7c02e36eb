"""Text from banks, data or learners is shown as text: never run as HTML or code."""

from __future__ import annotations

import ast
from pathlib import Path

from widgets.quizzes.bank import read_bank
from widgets.quizzes.question import QuestionWidget

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_the_widget_scripts_never_parse_strings_as_html() -> None:
    scripts = sorted((ROOT / "widgets" / "static").glob("*.js"))
    assert scripts
    for script in scripts:
        source = script.read_text(encoding="utf-8")
        js = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("//"))
        for sink in (
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
            "new Function",
            'setAttribute("on',
            "DOMParser",
        ):
            assert sink not in js, f"{script.name} uses {sink}"
    assert "textContent" in (ROOT / "widgets" / "static" / "dom.js").read_text(encoding="utf-8")


def test_the_bundle_holds_every_kind_once() -> None:
    from widgets import assets

    bundle = assets.esm()
    assert bundle.count("export default") == 1
    for kind in assets.KINDS:
        # A widget kind registers a renderer; a part of the class view registers a class part.
        assert bundle.count(f"RENDERERS.{kind} =") + bundle.count(f"CLASS_PARTS.{kind} =") == 1


def test_payloads_reach_the_page_as_plain_strings() -> None:
    bank = read_bank(FIXTURES / "payload-bank.yaml")
    w = QuestionWidget(bank.get("payload-single"))
    assert w.spec["prompt"] == "<img src=x onerror=alert(1)> Which <b>option</b>?"
    assert "<script>alert('option')</script>" in w.spec["options"]
    w.choose(w.spec["options"].index("<script>alert('option')</script>"))
    w.press_check()
    assert w.feedback["details"][0]["feedback"] == "<img src=x onerror=alert('feedback')>"


def test_no_eval_exec_or_pickle_in_the_package() -> None:
    for path in (ROOT / "widgets").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in {"eval", "exec", "compile"}, f"{path}: {node.func.id}"
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] + [getattr(node, "module", "") or ""]
                assert not any(n.split(".")[0] in {"pickle", "dill", "marshal"} for n in names), (
                    path
                )
            if isinstance(node, ast.Attribute) and node.attr in {
                "load",
                "unsafe_load",
                "full_load",
            }:
                if isinstance(node.value, ast.Name) and node.value.id == "yaml":
                    raise AssertionError(f"{path}: yaml.{node.attr}; use yaml.safe_load")
