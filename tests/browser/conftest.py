"""Fixtures for the browser tests (Playwright driving the system Chromium).

Every test in this folder is marked ``browser``. Without Chromium the tests are skipped, except
when ``CI=true``: then they fail, because CI must run them.

Fixtures
--------
``browser``       session-wide Playwright Chromium (system binary, fresh temp profile, no download)
``page``          a new page in a new context; records every request, dialog and console error;
                  fails the test at teardown if a dialog opened (unless ``allow_dialogs``)
``page_record``   the ``PageRecord`` of ``page``: ``.requests``, ``.dialogs``, ``.console_errors``,
                  ``.page_errors``, ``.allow_dialogs``
``voila_server``  factory: ``with voila_server(path, env={...}) as srv:`` gives a ``Server``
``lab_server``    factory: ``with lab_server(root_dir, env={...}) as srv:`` gives a ``Server``
``answers_dir``   an empty temp dir for learners' saved answers
``server_env``    ``{"WR_ANSWERS_DIR": str(answers_dir)}``, to pass as ``env=`` to a factory

The helpers (``assert_only_local``, ``run_axe``, ``serious_or_critical``, ``open_voila``,
``wait_for_voila``, ``open_lab_notebook``, ``lab_run_all``, ``lab_find``, ``lab_cell``,
``screenshot``, ``write_notebook``) live in ``browser_support.py``; import them from there.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import browser_support as bs  # noqa: E402

_HERE = Path(__file__).parent.resolve()


def pytest_collection_modifyitems(config, items):
    for item in items:
        if _HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = bs.find_chromium()
    if path is None:
        message = (
            "Chromium not found (/usr/bin/chromium or `chromium` on PATH); "
            "install it with `bash scripts/install-browser.sh` (Debian: apt-get install chromium)"
        )
        if bs.in_ci():
            pytest.fail("CI=true but " + message, pytrace=False)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def playwright_instance(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance, chromium_path):
    # Playwright gives every launch() a fresh temporary user-data-dir of its own and deletes it
    # on close (it refuses --user-data-dir in args for launch()).
    browser = playwright_instance.chromium.launch(
        executable_path=chromium_path, args=bs.CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()


@pytest.fixture
def page_record() -> bs.PageRecord:
    return bs.PageRecord()


@pytest.fixture
def page(browser, page_record):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.set_default_timeout(30_000)
    page = context.new_page()
    page_record.attach(page)
    yield page
    context.close()
    if page_record.dialogs and not page_record.allow_dialogs:
        pytest.fail("a dialog opened: " + "; ".join(page_record.dialogs), pytrace=False)


@pytest.fixture
def answers_dir(tmp_path) -> Path:
    path = tmp_path / "answers"
    path.mkdir()
    return path


@pytest.fixture
def server_env(answers_dir) -> dict[str, str]:
    return {"WR_ANSWERS_DIR": str(answers_dir)}


@pytest.fixture
def voila_server():
    return bs.voila_server


@pytest.fixture
def lab_server():
    return bs.lab_server


@pytest.fixture(scope="session", autouse=True)
def _no_leftover_servers():
    yield
    leftovers = bs.leftover_processes()
    for pid in leftovers:
        bs.stop_leftover(pid)
    assert not leftovers, f"server processes left running after the tests: {leftovers}"
