"""Every link in the notebooks' text: where it is written and what it points to.

for link in notebook_links():    # Link(notebook, href, target)
    link.target                  # the path from the repository root ('data/README.md', 'tutors/')
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO_ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"

_MARKDOWN_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HTML_LINK = re.compile(r"""(?:href|src)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    notebook: str  # e.g. 'notebooks/00-start-here.ipynb'
    href: str  # as written
    target: str  # from the repository root, '/' at the end for a folder

    @property
    def is_folder(self) -> bool:
        return self.target.endswith("/")


def is_relative(href: str) -> bool:
    parts = urlsplit(href)
    return not (parts.scheme or parts.netloc or href.startswith(("#", "/")))


def notebook_links(folder: Path = NOTEBOOKS_DIR) -> list[Link]:
    """Every relative link in every notebook's Markdown cells, in notebook order."""
    out: list[Link] = []
    for path in sorted(folder.glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        where = (
            path.relative_to(REPO_ROOT).as_posix() if path.is_relative_to(REPO_ROOT) else path.name
        )
        base = posixpath.dirname(where)
        for cell in nb["cells"]:
            if cell["cell_type"] != "markdown":
                continue
            text = "".join(cell["source"])
            for href in _MARKDOWN_LINK.findall(text) + _HTML_LINK.findall(text):
                if not is_relative(href):
                    continue
                path_part = unquote(urlsplit(href).path)
                target = posixpath.normpath(posixpath.join(base, path_part))
                if path_part.endswith("/"):
                    target += "/"
                out.append(Link(where, href, target))
    return out
