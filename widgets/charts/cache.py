"""Chart pictures kept on disk, so a chart drawn once is not drawn again.

Drawing is most of a chart notebook's run time, and the same charts are drawn again and again: by
every kernel of a class server's pool, and each time a learner opens the notebook. A picture is
stored under a key made of everything it depends on: the chart kind, the names, scale words and
scores it shows, the charts' own code, matplotlib's version and its settings. Change any of them
and the chart is drawn afresh.

Pictures live in the user cache folder (on Linux ``~/.cache/working-relationships/charts``), or in
``$WR_CHART_CACHE`` when set. A folder that cannot be read or written only means the chart is drawn
each time; a damaged file is drawn again and replaced. Only PNG bytes are stored, never code.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from widgets.dataset import Dataset

APP = "working-relationships"
#: The most pictures kept; past it the oldest go.
KEEP = 200
PNG_START = b"\x89PNG\r\n\x1a\n"
PNG_END = b"IEND\xaeB`\x82"


def folder() -> Path:
    """``$WR_CHART_CACHE`` when set, else the user's cache folder."""
    env = os.environ.get("WR_CHART_CACHE")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP, appauthor=False)) / "charts"


@cache
def _code() -> str:
    """A digest of the charts' own code, read once per process."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _settings() -> str:
    """matplotlib's version and current settings (values whose text changes per process left out)."""
    import matplotlib

    items = [
        (name, text)
        for name, value in sorted(dict.items(matplotlib.rcParams))
        if " at 0x" not in (text := repr(value))
    ]
    return f"{matplotlib.__version__}\0{items!r}"


def chart_key(
    kind: str, ds: Dataset, features: Sequence[str], relationships: Sequence[str], *extra: object
) -> str:
    """The key of a chart of ``kind`` showing ``features`` × ``relationships`` of ``ds``."""
    shown = (
        kind,
        [(f, ds.feature_name(f), ds.scale_labels(f)) for f in features],
        [(r, ds.relationship_name(r), [ds.score(r, f) for f in features]) for r in relationships],
        ds.scale,
        extra,
    )
    text = f"{_code()}\0{_settings()}\0{shown!r}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_picture(name: str) -> bytes | None:
    """The stored picture for a key, or None when there is none (or it is damaged)."""
    try:
        data = (folder() / f"{name}.png").read_bytes()
    except OSError:
        return None
    if data.startswith(PNG_START) and data.endswith(PNG_END):
        return data
    return None


def store_picture(name: str, png: bytes) -> None:
    """Store a picture (whole or not at all); any failure is ignored: the chart is drawn next time."""
    try:
        place = folder()
        place.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=place, prefix=".part-", suffix=".png")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(png)
            os.replace(temp, place / f"{name}.png")
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        _prune(place.glob("*.png"))
    except OSError:
        pass


def _prune(files: Iterable[Path]) -> None:
    """Remove the oldest pictures past ``KEEP``."""
    dated = []
    for path in files:
        try:
            dated.append((path.stat().st_mtime_ns, path))
        except OSError:
            continue
    dated.sort(reverse=True)
    for _when, path in dated[KEEP:]:
        path.unlink(missing_ok=True)
