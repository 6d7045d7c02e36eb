"""Every link in every notebook works in JupyterLab and in Voilà, both serving the repository root
(as `make lab` and `make voila` do), and Voilà keeps the tutors' answer key to itself.

The links are read from the notebooks' Markdown. For Voilà they are read back from a real page
(the template turns folder and file links into Voilà's folder and file pages), then requested.
"""

from __future__ import annotations

import http.client
import shutil
import sys
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from browser_support import REPO_ROOT, lab_server, open_voila, voila_server, write_notebook

sys.path.insert(0, str(REPO_ROOT / "tests"))
from notebook_links import notebook_links  # noqa: E402

LINKS = notebook_links()
COPIED = ("notebooks", "data", "docs", "tutors", "README.md")


def status(url: str) -> int:
    """The HTTP status of a GET, read from the status line: Voilà streams a notebook page, so
    the status comes before the notebook has run."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        conn.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
        return conn.getresponse().status
    finally:
        conn.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A copy of the repository's learner-facing folders, plus one notebook in notebooks/ whose
    text holds every link of every notebook (all notebooks sit in notebooks/, so the links
    resolve as they do in their own notebooks)."""
    root = tmp_path_factory.mktemp("site")
    for name in COPIED:
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, root / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints")
            )
        else:
            shutil.copy2(source, root / name)
    assert {link.notebook.split("/")[0] for link in LINKS} == {"notebooks"}
    text = "\n".join(f"- [{link.href}]({link.href})" for link in unique_links())
    write_notebook(root / "notebooks" / "zz-every-link.ipynb", [("markdown", "# Links\n\n" + text)])
    return root


def unique_links():
    seen, out = set(), []
    for link in LINKS:
        if link.href not in seen:
            seen.add(link.href)
            out.append(link)
    return out


def test_every_link_answers_in_voila(page, site, server_env):
    with voila_server(site, env=server_env) as server:
        open_voila(page, server, "notebooks/zz-every-link.ipynb", widget_selector=None)
        links = "#rendered_cells .jp-RenderedMarkdown a:not([href^='#'])"
        shown = page.locator(links).evaluate_all("els => els.map(a => [a.textContent, a.href])")
        wanted = unique_links()
        assert sorted(text for text, _ in shown) == sorted(link.href for link in wanted)
        failed = []
        for text, href in shown:
            code = status(href)
            if code != 200:
                failed.append(f"{text} -> {href}: HTTP {code}")
        assert not failed, "links that do not work in Voilà:\n" + "\n".join(failed)

        # A Markdown file opens as text a learner can read; a folder lists what it holds.
        md = next(link for link in wanted if link.target.endswith(".md"))
        page.locator(f"#rendered_cells a:text-is('{md.href}')").click()
        page.wait_for_load_state()
        first_line = (site / md.target).read_text(encoding="utf-8").splitlines()[0].strip()
        assert first_line and first_line in page.locator("body").inner_text()

        # Learners' pages never serve the tutors' answer key or a notebook's source.
        for path in (site / "tutors" / "answers").glob("*.md"):
            rel = path.relative_to(site).as_posix()
            assert status(server.url("/voila/files/" + quote(rel))) == 403, rel
        assert status(server.url("/voila/files/notebooks/00-start-here.ipynb")) == 403


def test_every_link_answers_in_jupyterlab(site, server_env):
    """JupyterLab opens a link in a notebook's text through its contents API (a folder in the
    file browser, a file in its own tab): each target answers 200 there, and files also at
    /files/ (open in a new browser tab)."""
    with lab_server(site, env=server_env) as server:
        failed = []
        for link in unique_links():
            target = link.target.rstrip("/")
            checks = [f"/api/contents/{quote(target)}?content=0"]
            if not link.is_folder:
                checks.append(f"/files/{quote(target)}")
            for path in checks:
                code = status(server.url(path))
                if code != 200:
                    failed.append(f"{link.notebook}: {link.href} -> {path}: HTTP {code}")
        assert not failed, "links that do not work in JupyterLab:\n" + "\n".join(failed)
