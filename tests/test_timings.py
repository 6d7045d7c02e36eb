"""One set of timings: each notebook's time and one-hour-lesson minutes agree everywhere they appear.

The notebooks' openings are the source ("**Time:** about N minutes. **One-hour lesson:** M minutes"
or "not used"); the README table, the contents table in 00-start-here, every session plan and the
one-hour lesson plan in tutors/ must say the same, and the lesson must add up to 60 minutes.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

from collection_map import notebook_paths, read_notebook, source  # noqa: E402

ROUTE = REPO / "tutors" / "one-hour-route.md"
LESSON_MINUTES = 60
PATHS = notebook_paths()
TIME = re.compile(r"\*\*Time:\*\* about (\d+) minutes")
LESSON = re.compile(r"\*\*One-hour lesson:\*\* (\d+ minutes|not used)")


def opening(path: Path) -> tuple[int, int | None]:
    """(minutes, one-hour-lesson minutes or None) from the notebook's opening cell."""
    text = next(
        source(c) for c in read_notebook(path)["cells"] if source(c).lstrip().startswith("# ")
    )
    time, lesson = TIME.search(text), LESSON.search(text)
    assert time and lesson, (
        f"{path.name}: the opening needs '**Time:** about N minutes' and '**One-hour lesson:** ...'"
    )
    part = lesson.group(1)
    return int(time.group(1)), None if part == "not used" else int(part.split()[0])


def table_rows(text: str, link_prefix: str) -> dict[str, list[str]]:
    """Notebook file name -> the other cells of its row, for tables whose first cell links to it."""
    rows = {}
    for line in text.splitlines():
        m = re.match(
            r"^\|[^|]*\]\("
            + re.escape(link_prefix)
            + r"(\d\d-[a-z0-9-]+\.ipynb)\)[^|]*\|(.*)\|\s*$",
            line,
        )
        if m:
            rows[m.group(1)] = [c.strip() for c in m.group(2).split("|")]
    return rows


def minutes(cell: str) -> int | None:
    m = re.match(r"(\d+) min", cell)
    return int(m.group(1)) if m else None


@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_readme_and_contents_tables_match_the_notebook(path: Path) -> None:
    time, lesson = opening(path)
    readme = table_rows((REPO / "README.md").read_text(encoding="utf-8"), "notebooks/")
    contents_nb = next(p for p in PATHS if p.name.startswith("00-"))
    contents = table_rows("\n".join(source(c) for c in read_notebook(contents_nb)["cells"]), "")
    for where, rows in (("README.md", readme), (contents_nb.name, contents)):
        assert path.name in rows, f"{where} has no row for {path.name}"
        cells = rows[path.name]
        assert minutes(cells[-2]) == time, (
            f"{where}: {path.name} time {cells[-2]!r}, notebook says {time}"
        )
        assert minutes(cells[-1]) == lesson, (
            f"{where}: {path.name} lesson {cells[-1]!r}, notebook says {lesson}"
        )


@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_session_plan_matches_the_notebook(path: Path) -> None:
    time, lesson = opening(path)
    plan = (REPO / "tutors" / f"{path.stem}.md").read_text(encoding="utf-8")
    said = re.search(r"Notebook time is about (\d+) minutes", plan)
    assert said and int(said.group(1)) == time, f"tutors/{path.stem}.md: notebook time differs"
    section = plan.split("## One-hour lesson", 1)
    assert len(section) == 2, f"tutors/{path.stem}.md has no '## One-hour lesson' section"
    body = section[1].split("\n## ", 1)[0]
    if lesson is None:
        assert "Not used" in body, f"tutors/{path.stem}.md: the lesson does not use this notebook"
    else:
        assert f"takes {lesson} minutes" in body, f"tutors/{path.stem}.md: lesson minutes differ"
    heading = re.search(r"## Session plan \((\d+) minutes", plan)
    table = plan[heading.end() :].split("\n## ", 1)[0]
    steps = [int(n) for n in re.findall(r"^\| (\d+) \|", table, re.M)]
    assert sum(steps) == int(heading.group(1)), (
        f"tutors/{path.stem}.md: steps add up to {sum(steps)}"
    )


def test_the_one_hour_lesson_adds_up_and_matches_the_notebooks() -> None:
    in_route = {}
    for line in ROUTE.read_text(encoding="utf-8").splitlines():
        m = re.match(
            r"^\|\s*(\d+)\s*\|\s*\[[^\]]*\]\(\.\./notebooks/(\d\d-[a-z0-9-]+\.ipynb)\)", line
        )
        if m:
            in_route[m.group(2)] = int(m.group(1))
    assert in_route and sum(in_route.values()) == LESSON_MINUTES
    for path in PATHS:
        _, lesson = opening(path)
        assert in_route.get(path.name) == lesson, (
            f"{path.name}: route says {in_route.get(path.name)}, notebook says {lesson}"
        )
