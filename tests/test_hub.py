"""The class hub end to end: real JupyterHub, real accounts, real servers, over HTTP.

One hub for the whole scenario (starting one costs seconds of CPU per server): a tutor and two
learners from the class list, a third learner added by the tutor through the hub's API, every
learner answering every question of the start-here notebook through the kernel protocol (the
messages the page's Check button sends), the tutor's JupyterLab reading the class's answers,
and learners kept out of each other's work as Unix accounts, over HTTP and from their own kernel.
Needs root (it creates and removes accounts): CI runs as root; elsewhere it is skipped.
"""

from __future__ import annotations

import asyncio
import json
import os
import pwd
import shutil
import stat
import subprocess
from pathlib import Path

import httpx
import pytest

from benchmarks.classhub import ClassHub, class_hub, login
from benchmarks.common import NOTEBOOKS, browser_support
from benchmarks.protocol import (
    KernelSocket,
    choose,
    cookie_header,
    execute,
    parse_page,
    questions,
    run_apart,
)

pytestmark = [
    pytest.mark.skipif(
        os.geteuid() != 0 or shutil.which("useradd") is None,
        reason="the class hub test creates accounts: it needs root and useradd",
    ),
    pytest.mark.browser,  # one learner uses real Chromium
]

LESSON = "00-start-here.ipynb"

# What the tutor's kernel runs: every saved answer it can read under WR_CLASS_ANSWERS_DIR, as
# {folder: {quiz: {question: correct}}} (the folder is the learner's login: the hub made it).
CLASS_VIEW_CODE = """
import json, os
from pathlib import Path
from widgets.quizzes.store import iter_files
root = Path(os.environ["WR_CLASS_ANSWERS_DIR"])
seen = {}
for folder in sorted(p for p in root.iterdir() if p.is_dir()):
    for path in iter_files(folder):
        data = json.loads(path.read_text(encoding="utf-8"))
        for quiz, answers in data["answers"].items():
            for qid, rec in answers.items():
                seen.setdefault(folder.name, {}).setdefault(quiz, {})[qid] = rec["correct"]
print(json.dumps(seen, sort_keys=True))
"""


def _client() -> httpx.AsyncClient:
    return httpx.AsyncClient(follow_redirects=True, timeout=180)


async def _kernel(client: httpx.AsyncClient, hub: ClassHub, page) -> KernelSocket:
    ws = hub.url.replace("http", "ws", 1).rstrip("/")
    return await KernelSocket.open(
        f"{ws}{page.base_url}api/kernels/{page.kernel_id}/channels",
        {"Cookie": cookie_header(client.cookies.jar, page.base_url)},
    )


async def _learner_answers(hub: ClassHub, user: str, k: int) -> dict:
    """Log in, open the landing page's kernel, answer every question; what the page showed."""
    async with _client() as client:
        page_response = await login(client, hub, user)
        assert page_response.url.path == f"/user/{user}/voila/render/notebooks/{LESSON}"
        page = parse_page(page_response.text)
        ks = await _kernel(client, hub, page)
        try:
            shown: dict = {}
            for mid, state in questions(await ks.widget_states(), page.model_ids):
                spec = state["spec"]
                _seconds, feedback = await ks.check(mid, choose(spec, k))
                assert feedback["verdict"], feedback
                shown.setdefault(spec["quiz"], {})[spec["id"]] = feedback["status"] == "correct"
            return shown
        finally:
            await ks.close()


def _browser_learner(hub: ClassHub, user: str) -> dict:
    """A learner in real Chromium: the login form, the Voilà page, every question answered right
    by clicking, and no request leaving the computer (the offline template under the hub)."""
    from playwright.sync_api import sync_playwright

    bs = browser_support()
    import learner as lr  # tests/browser/learner.py (browser_support() put it on the path)

    chromium = bs.find_chromium()
    if chromium is None:
        raise AssertionError("Chromium not found: run `bash scripts/install-browser.sh`")
    models = [
        (quiz.quiz_id, m)
        for quiz in lr.quizzes_in_notebook(NOTEBOOKS / LESSON)
        for m in quiz.questions
    ]
    record = bs.PageRecord()
    shown: dict = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=bs.CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page()
            record.attach(page)
            page.goto(f"{hub.url}hub/login")
            page.fill("#username_input", user)
            page.fill("#password_input", hub.password(user))
            page.click("#login_submit")
            page.wait_for_url(f"**/user/{user}/voila/render/notebooks/{LESSON}", timeout=180_000)
            bs.wait_for_voila(page, widget_selector=".wrq")
            on_page = page.locator(".wrq")
            assert on_page.count() == len(models)
            for i, (quiz_id, model) in enumerate(models):
                q = on_page.nth(i)
                want = lr.answer(q, model, right=True)
                verdict, _details = lr.wait_checked(q)
                assert verdict == want.verdict
                shown.setdefault(quiz_id, {})[model.id] = verdict.startswith(lr.RIGHT_PREFIX)
        finally:
            browser.close()
    bs.assert_only_local(record)
    assert not record.page_errors, record.page_errors
    return shown


async def _run_as_learner(hub: ClassHub, user: str, code: str) -> tuple[str, str]:
    async with _client() as client:
        page = parse_page((await login(client, hub, user)).text)
        ks = await _kernel(client, hub, page)
        try:
            return await execute(ks, code)
        finally:
            await ks.close()


async def _tutor_adds_learner(client: httpx.AsyncClient, hub: ClassHub, name: str) -> None:
    xsrf = next(c.value for c in client.cookies.jar if c.name == "_xsrf")
    r = await client.post(f"{hub.url}hub/api/users/{name}", headers={"X-XSRFToken": xsrf})
    assert r.status_code == 201, r.text


async def _tutor_view(client: httpx.AsyncClient, hub: ClassHub, tutor: str) -> dict:
    """Start a kernel in the tutor's JupyterLab and run the class view's reading there."""
    base = f"/user/{tutor}/"
    xsrf = next(c.value for c in client.cookies.jar if c.name == "_xsrf" and c.path == base)
    r = await client.post(
        f"{hub.url}user/{tutor}/api/kernels", json={}, headers={"X-XSRFToken": xsrf}
    )
    assert r.status_code == 201, r.text
    kernel = r.json()["id"]
    ws = hub.url.replace("http", "ws", 1).rstrip("/")
    ks = await KernelSocket.open(
        f"{ws}{base}api/kernels/{kernel}/channels",
        {"Cookie": cookie_header(client.cookies.jar, base)},
    )
    try:
        out, error = await execute(ks, CLASS_VIEW_CODE)
    finally:
        await ks.close()
    assert not error, out
    return json.loads(out)


def _as_account(login: str, *cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        ["setpriv", f"--reuid={login}", f"--regid={login}", "--init-groups", *cmd],
        capture_output=True,
        text=True,
        check=False,
    )


async def _scenario(hub: ClassHub) -> None:
    tutor = hub.tutors[0]
    async with _client() as tutor_client:
        landing = await login(tutor_client, hub, tutor)
        assert landing.url.path.startswith(f"/user/{tutor}/lab"), landing.url
        for name in hub.late:
            await _tutor_adds_learner(tutor_client, hub, name)
        # An account the hub did not create is never handed to a login, even by a tutor.
        system_account = pwd.getpwnam("bin")
        xsrf = next(c.value for c in tutor_client.cookies.jar if c.name == "_xsrf")
        r = await tutor_client.post(f"{hub.url}hub/api/users/bin", headers={"X-XSRFToken": xsrf})
        assert r.status_code >= 400
        r = await tutor_client.get(f"{hub.url}hub/api/users/bin", headers={"X-XSRFToken": xsrf})
        assert r.status_code == 404
        assert pwd.getpwnam("bin") == system_account
        learners = hub.learners + hub.late
        # Two learners over the kernel protocol and the late one in a real browser, all at once.
        shown = await asyncio.gather(
            *(_learner_answers(hub, user, k) for k, user in enumerate(hub.learners)),
            *(asyncio.to_thread(_browser_learner, hub, user) for user in hub.late),
        )
        expected = dict(zip(learners, shown, strict=True))
        assert all(expected[u] for u in learners), expected
        # The tutor's view sees exactly what each learner's page was told, and nobody else.
        assert await _tutor_view(tutor_client, hub, tutor) == expected

        # A tutor manages the class but cannot open a learner's server.
        r = await tutor_client.get(f"{hub.url}user/{learners[0]}/api/contents")
        assert r.status_code == 403

    a, b = learners[0], learners[1]
    a_folder = hub.answers / a
    a_file = next(a_folder.glob("*.json"))
    # On disk: a's folder is a's, readable by the tutors' group only; homes are private.
    info = a_folder.stat()
    assert pwd.getpwuid(info.st_uid).pw_name == a
    assert stat.S_IMODE(info.st_mode) == 0o2750
    assert stat.S_IMODE(a_file.stat().st_mode) & 0o007 == 0
    assert stat.S_IMODE(Path(pwd.getpwnam(a).pw_dir).stat().st_mode) == 0o700
    # As b's Unix account: no reading, listing or guessing a's work; the tutor can read it.
    assert _as_account(b, "cat", str(a_file)).returncode != 0
    assert _as_account(b, "ls", str(a_folder)).returncode != 0
    assert _as_account(b, "ls", str(hub.answers)).returncode != 0
    assert _as_account(b, "ls", pwd.getpwnam(a).pw_dir).returncode != 0
    assert _as_account(tutor, "cat", str(a_file)).returncode == 0
    # Over HTTP: b's login does not open a's server.
    async with _client() as b_client:
        await login(b_client, hub, b)
        r = await b_client.get(f"{hub.url}user/{a}/api/contents")
        assert r.status_code == 403
    # From b's own kernel (what a learner who reaches code could do): refused by the system.
    out, error = await _run_as_learner(hub, b, f"print(open({str(a_file)!r}).read())")
    assert error == "PermissionError", (out, error)
    assert '"answers"' not in out

    # Logins: a wrong password is refused; a name not on the class list is never let in.
    async with _client() as stranger:
        with pytest.raises(PermissionError):
            await login(stranger, hub, a, password="not-the-password")
        with pytest.raises(PermissionError):
            await login(stranger, hub, "not-on-the-list")


def test_a_class_on_the_hub() -> None:
    with class_hub(learners=2, tutors=1, late=1, lesson=LESSON) as hub:
        run_apart(_scenario(hub))
        names = hub.learners + hub.tutors + hub.late
    # Nothing is left behind: no process, no account, no folder.
    assert not [p for p in hub.processes() if p.is_running()]
    for name in names:
        with pytest.raises(KeyError):
            pwd.getpwnam(name)
    assert not hub.instance.exists()
