"""The same widgets in JupyterLab: every bank drawn at once, loaded again and again, with unique
ids, labels that drive their own controls and no axe finding on our markup (violations or
"needs review"). JupyterLab's own findings are written to test-artifacts/axe/ and listed in
docs/accessibility.md.

``WR_LAB_LOADS`` (2 by default): each load runs the notebook again in a fresh page and draws
about 90 questions; JupyterLab takes far longer to load than Voilà, so two loads keep the suite's
time reasonable on two cores while still drawing every widget twice.
"""

from __future__ import annotations

import json
import os

import pytest
from access import OURS, duplicate_ids, label_targets
from browser_support import (
    LAB_PANEL,
    REPO_ROOT,
    lab_find,
    lab_run_all,
    lab_server,
    open_in_own_workspace,
    run_axe,
)
from test_access import EVERY_BANK, SETUP

LOADS = int(os.environ.get("WR_LAB_LOADS", "2"))
AXE_DIR = REPO_ROOT / "test-artifacts" / "axe"
WATCHED = ("duplicate-id", "aria-", "color-contrast")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    from browser_support import write_notebook

    from widgets.quizzes.bank import banks_dir, load_bank, read_bank

    root = tmp_path_factory.mktemp("lab-access")
    write_notebook(root / "every-bank.ipynb", [("code", SETUP + "\n" + EVERY_BANK)])
    sample = read_bank(REPO_ROOT / "tests" / "fixtures" / "sample-bank.yaml")
    total = sum(len(load_bank(p.stem).questions) for p in banks_dir().glob("*.yaml"))
    total += len(sample.questions) + 3
    answers = tmp_path_factory.mktemp("lab-access-answers")
    with lab_server(root, env={"WR_ANSWERS_DIR": str(answers), "WR_REMEMBER_LEARNER": "0"}) as srv:
        yield srv, total


def test_every_bank_in_jupyterlab_unique_ids_labels_and_axe(browser, lab):
    server, total = lab
    for load in range(LOADS):
        # A fresh page each time (leaving a notebook with new outputs asks "leave the page?").
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        open_in_own_workspace(page, server, "every-bank.ipynb", f"access-{load}")
        lab_run_all(page)
        lab_find(page, f"{LAB_PANEL} .wr-quiz")
        page.wait_for_function(
            "(n) => document.querySelectorAll('.wrq').length === n", arg=total, timeout=60_000
        )
        assert not duplicate_ids(page), f"load {load + 1}: {duplicate_ids(page)[:10]}"
        wrong = [t for t in label_targets(page) if t["controlIndex"] != t["index"]]
        assert not wrong, f"load {load + 1}: labels driving another question's control: {wrong[:5]}"
        if load < LOADS - 1:
            context.close()

    results = run_axe(page, options={"resultTypes": ["violations", "incomplete"]})
    found = {
        kind: [
            {"id": v["id"], "impact": v.get("impact"), "targets": [n["target"] for n in v["nodes"]]}
            for v in results[kind]
        ]
        for kind in ("violations", "incomplete")
    }
    AXE_DIR.mkdir(parents=True, exist_ok=True)
    (AXE_DIR / "lab-every-bank.json").write_text(json.dumps(found, indent=1), encoding="utf-8")
    mine = page.evaluate(
        """([results, scope]) => {
            const out = [];
            for (const kind of ['violations', 'incomplete']) for (const v of results[kind]) {
                for (const node of v.nodes) {
                    const el = document.querySelector(node.target[node.target.length - 1]);
                    if (el && el.closest(scope)) out.push(`${kind} ${v.id}: ${node.target}`);
                }
            }
            return out;
        }""",
        [results, OURS],
    )
    context.close()
    mine = [m for m in mine if m.startswith("violations") or any(w in m for w in WATCHED)]
    assert not mine, f"axe findings on our widgets in JupyterLab: {mine}"
