"""environment.yml (conda, Binder) and pyproject.toml (pip) name the same packages and Python."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
REQ = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$")


def norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def parse(specs: list[str]) -> dict[str, str]:
    out = {}
    for spec in specs:
        m = REQ.match(spec)
        assert m, spec
        out[norm(m.group(1))] = m.group(2).replace(" ", "")
    return out


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def conda() -> tuple[dict[str, str], dict[str, str]]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda_specs = [d for d in env["dependencies"] if isinstance(d, str)]
    pip_specs = [
        p for d in env["dependencies"] if isinstance(d, dict) for p in d["pip"] if p != "-e ."
    ]
    c = parse([s.replace("=", "==", 1) if re.match(r"^[\w-]+=[^=]", s) else s for s in conda_specs])
    return c, parse(pip_specs)


def test_same_packages_and_versions() -> None:
    project = pyproject()["project"]
    wanted = parse(project["dependencies"] + project["optional-dependencies"]["test"])
    c, p = conda()
    have = {**c, **p}
    python = have.pop("python")
    have.pop("pip")
    assert have == wanted, (
        f"only in environment.yml: {sorted(set(have) - set(wanted))}; "
        f"only in pyproject.toml: {sorted(set(wanted) - set(have))}; "
        f"different versions: {sorted(k for k in have.keys() & wanted.keys() if have[k] != wanted[k])}"
    )
    assert python == "==3.11"


def test_one_python_version_named_everywhere() -> None:
    assert pyproject()["project"]["requires-python"] == ">=3.11"
    assert pyproject()["tool"]["ruff"]["target-version"] == "py311"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "Python 3.11" in readme
    versions = set(re.findall(r"Python (3\.\d+)", readme))
    assert versions == {"3.11"}, versions


def test_the_package_installs_with_its_jupyter_files() -> None:
    wheel = pyproject()["tool"]["hatch"]["build"]["targets"]["wheel"]
    for src in wheel["shared-data"]:
        assert (ROOT / src).exists(), src
    assert (ROOT / "share/jupyter/voila/templates/offline/index.html.j2").exists()
