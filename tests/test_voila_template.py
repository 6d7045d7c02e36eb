"""The offline Voilà template is Voilà's own lab template minus the icon font from a CDN.

Our own additions sit between `wr-additions-begin` and `wr-additions-end` comments.
"""

from __future__ import annotations

from pathlib import Path

import voila

ROOT = Path(__file__).resolve().parents[1]
OURS = ROOT / "share/jupyter/voila/templates/offline/index.html.j2"


def upstream() -> Path:
    """Voilà's lab template as installed with the voila package."""
    prefix = Path(voila.__file__).resolve().parents[3]  # .../lib/python3.11/site-packages/voila
    for base in (prefix.parent, prefix):
        path = base / "share/jupyter/voila/templates/lab/index.html.j2"
        if path.exists():
            return path
    raise AssertionError("Voilà's lab template was not found next to the voila package")


def test_offline_template_is_upstream_without_the_cdn_lines() -> None:
    theirs = upstream().read_text(encoding="utf-8").splitlines()
    assert any("cdn.jsdelivr.net" in line for line in theirs), "upstream changed: re-check the CDN"
    expected = [line for line in theirs if "cdn.jsdelivr.net" not in line]
    ours, skipping = [], False
    for line in OURS.read_text(encoding="utf-8").splitlines():
        if "wr-additions-begin" in line:
            skipping = True
        if not skipping:
            ours.append(line)
        if "wr-additions-end" in line:
            skipping = False
    assert ours == expected, (
        "Voilà's lab template changed: regenerate with\n"
        "grep -v cdn.jsdelivr.net <voila lab index.html.j2> > " + str(OURS.relative_to(ROOT))
    )


def test_no_template_file_names_a_remote_host() -> None:
    for path in OURS.parent.iterdir():
        text = path.read_text(encoding="utf-8")
        assert "https://" not in text.replace("https://github.com/pallets/jinja/issues/1044", "")
