"""Every command the notebooks, the tutor notes and the READMEs tell a person to type works as written.

Commands are found where a person reads them: fenced shell blocks, and inline code that starts
with a command word (``make …``, ``.venv/bin/…``, ``python …``). Each runs the way a person on a
fresh machine would run it: from the collection's folder, in a shell whose PATH has only the
system's folders (no activated environment), so a bare ``python`` is the system's, not the
collection's. Commands that change nothing and end by themselves are run in a scratch copy of the
folder; commands that start a server or run for many minutes are checked without running them
(``make -n``, the program and every file they name exist). Commands that need the network, and the
PowerShell lines for Windows, are listed but cannot run here.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from datahelpers import REPO

SOURCES = [
    REPO / "README.md",
    REPO / "data" / "README.md",
    *sorted((REPO / "tutors").glob("*.md")),
    *sorted((REPO / "notebooks").glob("*.ipynb")),
]
COMMAND_WORDS = (
    "make ",
    ".venv/bin/",
    "python ",
    "python3 ",
    "bash ",
    "pip ",
    "jupyter ",
    "voila ",
)
SHELLS = ("", "bash", "sh", "shell", "console")
SERVERS = (
    "bash scripts/classroom.sh",
    ".venv/bin/voila",
    ".venv/bin/jupyter",
    "voila ",
    "jupyter ",
    ".venv/bin/python -m widgets class-view",
)
LONG = ("-m pytest", "-m benchmarks")
# servers, runs of many minutes, or set-up of the machine itself (the class hub, as root)
MAKE_NOT_RUN = {"lab", "voila", "class-view", "hub", "test", "bench"}
NETWORK = ("pip install", "git clone", "conda ", "curl ", "wget ")
PLACEHOLDERS = {"path/to/folder": "answers-from-learners", "that-folder": "answers-from-learners"}
PLACEHOLDERS["path/to/copy"] = "data"
PLACEHOLDERS["path/to/answers-folder"] = "answers-from-learners"
FRESH_PATH = "/usr/local/bin:/usr/bin:/bin"
_FENCE = re.compile(r"```(\w*)[^\n]*\n(.*?)```", re.S)
_INLINE = re.compile(r"`([^`\n]+)`")


def _texts(path: Path) -> list[str]:
    if path.suffix == ".ipynb":
        nb = json.loads(path.read_text(encoding="utf-8"))
        return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]
    return [path.read_text(encoding="utf-8")]


def commands_in(path: Path) -> list[str]:
    """Shell commands a person is told to type in one file, in order, once each."""
    found: list[str] = []
    for text in _texts(path):
        for lang, body in _FENCE.findall(text):
            if lang.lower() not in SHELLS:
                continue
            for line in body.splitlines():
                line = re.sub(r"\s+#\s.*$", "", line).strip()
                if line and not line.startswith("#"):
                    found.append(line)
        for code in _INLINE.findall(_FENCE.sub("", text)):
            code = code.strip()
            if code.startswith(COMMAND_WORDS):
                found.append(code)
    return list(dict.fromkeys(found))


CASES = [
    pytest.param(path, cmd, id=f"{path.relative_to(REPO)}: {cmd}")
    for path in SOURCES
    for cmd in commands_in(path)
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The collection's folder as a person has it; writes land in the copy, never the repository."""
    root = tmp_path_factory.mktemp("collection")
    for item in REPO.iterdir():
        if item.name in (".git", "data", ".venv") or item.name.startswith(
            (".pytest", ".ruff", ".hypothesis")
        ):
            continue
        (root / item.name).symlink_to(item)
    # The environment is the collection's own, but its "installed" stamp is the copy's: a `make`
    # here must never install the project again from this scratch folder into the real .venv.
    venv = REPO / ".venv"
    if venv.is_dir():
        (root / ".venv").mkdir()
        for item in venv.iterdir():
            if item.name != ".installed":
                (root / ".venv" / item.name).symlink_to(item)
        (root / ".venv" / ".installed").touch()
    shutil.copytree(REPO / "data", root / "data")
    # A person who follows the notes has used the notebooks: answers in a folder they were sent,
    # and in this computer's answers folder (under the fresh HOME), for "Sam Smith" among others.
    from widgets.quizzes.store import AnswerStore

    record = {"selected": [0], "answer": "A", "answered": True, "correct": True, "score": 1.0}
    home_answers = root / "home" / ".local" / "share" / "working-relationships" / "answers"
    for where in (root / "answers-from-learners", home_answers):
        for name in ("Sam", "Sam Smith"):
            AnswerStore(name, where).save("start-here", "practice", dict(record, attempts=1))
    # The class list the README's hub commands name, in the shape it shows.
    (root / "class-list.csv").write_text("login,role\nsam-smith,learner\nalex-tutor,tutor\n")
    return root


def fresh_env(folder: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")
        and not k.startswith(("WR_", "JUPYTERHUB_"))  # the tests' own settings, not a person's
    }
    env["PATH"] = FRESH_PATH
    env["HOME"] = str(folder / "home")
    return env


def as_written(cmd: str, folder: Path) -> str:
    for placeholder, real in PLACEHOLDERS.items():
        cmd = cmd.replace(placeholder, str(folder / real))
    return cmd


def without_sudo(cmd: str) -> str:
    """`sudo make hub …` is checked as `make hub …` (tests never become another user)."""
    return cmd[len("sudo ") :] if cmd.startswith("sudo ") else cmd


def runs_too_long(cmd: str) -> bool:
    """A server, a run of many minutes, or a command as root: checked, not run."""
    if cmd.startswith("sudo "):
        return True
    words = shlex.split(cmd)
    if words[0] == "make":
        return bool(MAKE_NOT_RUN & {w for w in words[1:] if "=" not in w and not w.startswith("-")})
    return cmd.startswith(SERVERS) or any(part in cmd for part in LONG)


def static_check(cmd: str, folder: Path, env: dict[str, str]) -> None:
    """For a server or a long run: the make target, the program and every file named exist."""
    words = shlex.split(without_sudo(cmd))
    if words[0] == "make":
        run = subprocess.run(
            ["make", "-n", *words[1:]], cwd=folder, env=env, capture_output=True, text=True
        )
        assert run.returncode == 0, f"`{cmd}`: {run.stderr.strip()}"
        return
    program = words[0]
    where = folder / program if "/" in program else shutil.which(program, path=env["PATH"])
    assert where and Path(where).exists(), f"`{cmd}`: '{program}' does not exist on a fresh machine"
    if "-m" in words:
        module = words[words.index("-m") + 1]
        code = f"import importlib.util, sys; sys.exit(importlib.util.find_spec({module!r}) is None)"
        run = subprocess.run([str(where), "-c", code], cwd=folder, env=env, capture_output=True)
        assert run.returncode == 0, f"`{cmd}`: '{program}' cannot run the module {module}"
    for word in words[1:]:
        if "/" in word and not word.startswith("-") and not word.startswith(("http:", "https:")):
            assert (folder / word).exists(), f"`{cmd}`: '{word}' does not exist"


@pytest.mark.parametrize(("source", "cmd"), CASES)
def test_the_command_works_as_written(folder: Path, source: Path, cmd: str) -> None:
    if source.suffix == ".ps1" or cmd.startswith(("py ", ".venv\\")):
        pytest.skip("a PowerShell line for Windows")
    if cmd.startswith(NETWORK) or " pip install" in cmd:
        pytest.skip("needs the network, which tests do not use")
    if cmd.startswith("cd "):
        pytest.skip("moves into the collection's folder, where every command here runs")
    env = fresh_env(folder)
    cmd = as_written(cmd, folder)
    if runs_too_long(cmd):
        static_check(cmd, folder, env)
        return
    run = subprocess.run(
        cmd, shell=True, cwd=folder, env=env, capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, (
        f"`{cmd}` (from {source.relative_to(REPO)}) failed on a fresh machine:\n"
        f"{run.stdout[-1500:]}{run.stderr[-1500:]}"
    )


def test_commands_are_found() -> None:
    readme = commands_in(REPO / "README.md")
    assert "make lab" in readme and "make test" in readme
    assert any(
        c.startswith(".venv/bin/python -m widgets check") or c == "make check" for c in readme
    )
