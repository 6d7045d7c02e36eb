"""Proof that the browser-test infrastructure works, on tiny notebooks made in temp dirs.

These tests do not use the project's notebooks or quiz widget; they check the pieces the
learner's-eye tests are built from: system Chromium, Voila with the offline template,
JupyterLab, request recording, axe-core, keyboard driving, screenshots and server clean-up.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from browser_support import (
    CHROMIUM_ARGS,
    LAB_PANEL,
    assert_only_local,
    descendants,
    lab_find,
    lab_run_all,
    lab_server,
    non_local_requests,
    open_lab_notebook,
    open_voila,
    pid_alive,
    process_group_alive,
    run_axe,
    screenshot,
    serious_or_critical,
    voila_server,
    write_notebook,
)

QUIZ_CELL = """\
import ipywidgets as ipw
from IPython.display import display

radio = ipw.RadioButtons(options=["Apple", "Banana", "Cherry"], value=None, description="Fruit")
button = ipw.Button(description="Check answer")
out = ipw.Output()

def on_click(_):
    with out:
        out.clear_output()
        print(f"You chose {radio.value}")

button.on_click(on_click)
display(ipw.VBox([radio, button, out]))
"""

PLOT_CELL = """\
import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(3, 2))
ax.bar(["a", "b"], [1, 2])
plt.show()
"""

ENV_CELL = """\
import os, sys
print("answers in", os.environ.get("WR_ANSWERS_DIR"))
print("kernel python", sys.prefix)
"""

ACTIVE = """() => {
    const a = document.activeElement;
    return {tag: a.tagName, value: a.getAttribute('data-value'), text: a.textContent.trim(),
            checked: a.checked === true};
}"""


@pytest.fixture(scope="module")
def notebooks_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("infra-notebooks")
    write_notebook(
        root / "tiny.ipynb",
        [("markdown", "# Tiny quiz"), ("code", ENV_CELL), ("code", QUIZ_CELL), ("code", PLOT_CELL)],
    )
    # A long notebook: the widget cell is far below the first screen in JupyterLab.
    filler = [("markdown", f"## Section {i}\n\n" + "Some text. " * 40) for i in range(30)]
    write_notebook(root / "long.ipynb", [*filler, ("code", QUIZ_CELL)])
    return root


@pytest.fixture(scope="module")
def answers_dir_module(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("answers")


@pytest.fixture(scope="module")
def voila(notebooks_dir, answers_dir_module):
    with voila_server(notebooks_dir, env={"WR_ANSWERS_DIR": str(answers_dir_module)}) as server:
        yield server


# --------------------------------------------------------------------------- Chromium


def test_system_chromium_with_the_required_flags_and_a_fresh_profile(browser, chromium_path):
    assert browser.version
    cmdlines = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdlines.append((entry / "cmdline").read_bytes().split(b"\0"))
            except OSError:
                continue
    ours = [
        [part.decode(errors="replace") for part in cmd]
        for cmd in cmdlines
        if cmd
        and b"--disable-quic" in cmd
        and b"--type=renderer" not in cmd
        and not any(part.startswith(b"--type=") for part in cmd)
    ]
    assert ours, "no Chromium browser process with --disable-quic found"
    main = ours[0]
    assert Path(main[0]).resolve() == Path(chromium_path).resolve() or "chromium" in main[0]
    for flag in CHROMIUM_ARGS:
        assert flag in main or (
            flag == "--headless" and any(a.startswith("--headless") for a in main)
        )
    profile = [a for a in main if a.startswith("--user-data-dir=")]
    assert profile and "playwright" in profile[0], profile


# --------------------------------------------------------------------------- Voila


def test_voila_renders_and_a_learner_answers_by_keyboard(page, page_record, voila):
    open_voila(page, voila, "tiny.ipynb")
    assert page.locator(".widget-radio-box input[type=radio]").count() == 3
    assert page.locator(".jp-OutputArea-output img").count() == 1
    screenshot(page, "infra-voila-tiny")
    # The server passed its environment to the kernel, which runs in the project's venv.
    page.get_by_text(f"answers in {voila.env['WR_ANSWERS_DIR']}").wait_for()
    page.get_by_text(f"kernel python {sys.prefix}").wait_for()

    # Tab from the top of the page to the first option; arrows move and choose.
    page.locator("body").focus()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate(ACTIVE)["value"] == "Apple":
            break
    else:
        pytest.fail("Tab never reached the first radio option")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate(ACTIVE)
    assert focused["value"] == "Banana" and focused["checked"], focused
    page.keyboard.press("Space")
    assert page.locator("input[data-value=Banana]").is_checked()

    # Tab on to the button and press it with Enter; the kernel answers into the Output.
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate(ACTIVE)["tag"] == "BUTTON":
            break
    assert page.evaluate(ACTIVE)["text"] == "Check answer"
    page.keyboard.press("Enter")
    page.get_by_text("You chose Banana").wait_for(timeout=30_000)

    assert_only_local(page_record)
    assert not page_record.dialogs
    assert not page_record.page_errors, page_record.page_errors


def test_dialogs_are_recorded_and_dismissed(page, page_record):
    page_record.allow_dialogs = True  # this test opens one on purpose
    page.set_content("<p>hello</p>")
    page.evaluate("() => alert('boom')")
    assert page_record.dialogs == ["alert: boom"]


def test_request_recording_catches_a_non_local_request(page, page_record, voila):
    open_voila(page, voila, "tiny.ipynb")
    # A deliberate outside request (blocked by routing so nothing leaves the machine).
    page.route(
        "**/*",
        lambda route: (
            route.abort() if "example.invalid" in route.request.url else route.continue_()
        ),
    )
    page.evaluate("() => fetch('https://example.invalid/x.css').catch(() => null)")
    assert non_local_requests(page_record.requests) == ["https://example.invalid/x.css"]
    with pytest.raises(AssertionError, match="example.invalid"):
        assert_only_local(page_record)


def test_stock_lab_template_uses_the_cdn_and_offline_does_not(notebooks_dir, voila, tmp_path):
    single = write_notebook(tmp_path / "one.ipynb", [("markdown", "# One")])
    with voila_server(single, template="lab") as stock:
        stock_html = stock.fetch(stock.notebook_url())
    offline_html = voila.fetch("/voila/render/tiny.ipynb")
    assert "cdn.jsdelivr" in stock_html
    assert "cdn.jsdelivr" not in offline_html
    assert "templates/offline/static" in offline_html


# --------------------------------------------------------------------------- axe-core


def test_axe_runs_from_the_wheel_and_finds_the_plain_ipywidgets_problems(page, page_record, voila):
    open_voila(page, voila, "tiny.ipynb")
    results = run_axe(page)
    assert "violations" in results and results["testEngine"]["name"] == "axe-core"
    print(f"axe-core {results['testEngine']['version']} on a plain ipywidgets page:")
    for line in serious_or_critical(results):
        print("  serious/critical:", line)
    # The stock matplotlib image has no alt text: axe must report it (proves axe really runs).
    assert any(line.startswith("image-alt [critical]") for line in serious_or_critical(results))

    # Not axe rules, but facts the project's own widget fixes (see docs/accessibility.md):
    radio_box = page.locator(".widget-radio-box")
    assert radio_box.get_attribute("role") is None  # no radiogroup role ...
    assert radio_box.get_attribute("aria-labelledby") is None  # ... and no group name
    assert page.locator("[aria-live]").count() == 0  # the feedback Output is no live region
    names = page.eval_on_selector_all(".widget-radio-box input", "els => els.map(e => e.name)")
    assert names == ["", "", ""]  # radios share no name: each one is its own Tab stop

    # After an answer the page is checked again.
    page.locator("input[data-value=Cherry]").check()
    page.get_by_role("button", name="Check answer").click()
    page.get_by_text("You chose Cherry").wait_for(timeout=30_000)
    after = run_axe(page)
    assert {v["id"] for v in after["violations"]} >= {"image-alt"}
    assert_only_local(page_record)  # axe came from the local wheel, not a CDN


# --------------------------------------------------------------------------- JupyterLab


def test_lab_opens_runs_all_and_shows_the_output(page, page_record, notebooks_dir):
    with lab_server(notebooks_dir) as lab:
        open_lab_notebook(page, lab, "long.ipynb")
        lab_run_all(page)
        # Back to the top: the widget cell is off-screen at the bottom; lab_find scrolls to it.
        page.evaluate(
            f"() => document.querySelector('{LAB_PANEL} .jp-WindowedPanel-outer').scrollTop = 0"
        )
        in_view = "e => { const r = e.getBoundingClientRect(); return r.top < innerHeight; }"
        assert not page.locator(f"{LAB_PANEL} .widget-button").first.evaluate(in_view)
        button = lab_find(page, f"{LAB_PANEL} .widget-button")
        assert button.evaluate(in_view)
        page.locator(".jp-NotebookPanel input[data-value=Apple]").check()
        button.click()
        page.get_by_text("You chose Apple").wait_for(timeout=30_000)
        # The news pop-up is switched off by share/jupyter/lab/settings/overrides.json.
        assert page.get_by_text("Jupyter news").count() == 0
        assert page.locator(".Toastify__toast").count() == 0
        screenshot(page, "infra-lab-long", full_page=False)
        pid = lab.pid
        kernels = descendants(pid)
        assert kernels, "no kernel process under JupyterLab"
    assert not pid_alive(pid) and not process_group_alive(pid)
    assert not [k for k in kernels if pid_alive(k)], "a kernel outlived JupyterLab"
    assert_only_local(page_record)


# --------------------------------------------------------------------------- servers


def test_servers_stop_with_their_kernels(tmp_path):
    nb = write_notebook(tmp_path / "k.ipynb", [("code", "import os\nprint(os.getpid())")])
    with voila_server(nb) as server:
        html = server.fetch(server.notebook_url())  # runs the notebook: a kernel starts
        assert "voila_process" in html
        pid = server.pid
        kernels = descendants(pid)
        assert pid_alive(pid) and kernels, "no kernel process under the Voila server"
    assert not pid_alive(pid)
    assert not process_group_alive(pid)
    assert not [k for k in kernels if pid_alive(k)], "a kernel outlived its Voila server"


def test_a_server_that_cannot_start_reports_its_log(tmp_path):
    with pytest.raises(RuntimeError, match="server log") as info:
        with voila_server(tmp_path, extra_args=["--no-such-option-xyz"]):
            pass
    assert "no-such-option-xyz" in str(info.value)
