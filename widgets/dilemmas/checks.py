"""Every problem in a dilemma file at once, each as one sentence with its file, line, scene and field.

    data/dilemmas/gift.yaml, line 31, scene 'thank-you', field 'choices[1].next': the value
    'decline' is not a scene of this dilemma; expected the id of one of its scenes (did you mean
    'declines'?).

Field types and required text are checked by the pydantic models; the rules that join scenes into
a graph (targets, duplicates, 2-4 choices, end scenes, reachability, paths with no end, loops with
no way out) are checked here on the raw data, so they are reported even when other parts are broken.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from widgets.dilemmas import graph
from widgets.dilemmas.models import ID_RULE, MAX_CHOICES, MIN_CHOICES, Dilemma
from widgets.dilemmas.problems import HINTS, Report, model_problems
from widgets.dilemmas.reader import read_file
from widgets.errors import DataError, DataErrors

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _scenes(data: Any) -> list[tuple[int, dict[str, Any]]]:
    scenes = data.get("scenes") if isinstance(data, dict) else None
    if not isinstance(scenes, list):
        return []
    return [(n, s) for n, s in enumerate(scenes) if isinstance(s, dict)]


def _choices(scene: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    choices = scene.get("choices")
    if not isinstance(choices, list):
        return []
    return [(k, c) for k, c in enumerate(choices) if isinstance(c, dict)]


def _graph_problems(report: Report, sections: set[str] | None) -> None:
    """The rules that join the scenes into one dilemma."""
    data = report.data
    first: dict[str, int] = {}
    for n, scene in _scenes(data):
        sid = scene.get("id")
        if not isinstance(sid, str):
            continue
        if sid in first:
            report.add(
                ("scenes", n, "id"),
                f"is used twice (first at line {report.lines.line(('scenes', first[sid]))})",
                "a different id for every scene in a dilemma",
                sid,
            )
        else:
            first[sid] = n
    if sections is not None and isinstance(data.get("sections"), list):
        for k, sec in enumerate(data["sections"]):
            if isinstance(sec, str) and sec not in sections:
                near = difflib.get_close_matches(sec, sorted(sections), n=1)
                known = f"did you mean '{near[0]}'?" if near else ", ".join(sorted(sections))
                report.add(
                    ("sections", k),
                    "is not a section of the guide",
                    f"one of the ids in guide_sections.csv ({known})",
                    sec,
                )

    ids = sorted(first, key=first.__getitem__)
    suggested: set[str] = set()
    edges: dict[str, list[str]] = {}
    ends: list[str] = []
    for n, scene in _scenes(data):
        sid = scene.get("id")
        own = isinstance(sid, str) and first.get(sid) == n
        choices = scene.get("choices")
        has_choices = isinstance(choices, list) and len(choices) > 0
        given = [f for f in ("outcome", "good_practice") if f in scene]
        if has_choices:
            if not MIN_CHOICES <= len(choices) <= MAX_CHOICES:
                report.add(
                    ("scenes", n, "choices"),
                    f"has {len(choices)} choice{'s' if len(choices) != 1 else ''}",
                    f"{MIN_CHOICES} to {MAX_CHOICES} choices in a scene",
                )
            for f in given:
                report.add(
                    ("scenes", n, f),
                    "is given, but this scene has choices, so it is not an end",
                    "either choices (a decision) or an outcome and good_practice (an end)",
                )
        elif choices is None or isinstance(choices, list):
            if not given:
                report.add(
                    ("scenes", n, "choices"),
                    "are missing and there is no outcome, so the path stops here without an end",
                    f"{MIN_CHOICES} to {MAX_CHOICES} choices, or an outcome and good_practice "
                    "to make this an end scene",
                )
            for f in ("outcome", "good_practice"):
                if given and f not in given:
                    report.add(("scenes", n, f), "is missing", HINTS[f])
        if not own:
            continue
        edges[sid] = []
        for k, choice in _choices(scene):
            nxt = choice.get("next")
            if not isinstance(nxt, str) or not nxt:
                continue
            if nxt not in first and _ID.match(nxt):
                near = difflib.get_close_matches(nxt, ids, n=1)
                suggested.update(near)
                hint = f" (did you mean '{near[0]}'?)" if near else f": {', '.join(ids[:12])}"
                report.add(
                    ("scenes", n, "choices", k, "next"),
                    "is not a scene of this dilemma",
                    f"the id of one of its scenes{hint}",
                    nxt,
                )
            edges[sid].append(nxt)
        if not has_choices:
            ends.append(sid)

    if not ids:
        return
    start = data.get("start")
    if start is not None and (not isinstance(start, str) or start not in first):
        if isinstance(start, str):
            report.add(
                ("start",), "is not a scene of this dilemma", "the id of the first scene", start
            )
        return
    start = start or ids[0]
    if not ends:
        report.add(
            ("scenes",),
            "no scene is an end",
            "at least one scene with an outcome and good_practice and no choices",
        )
    live = graph.reachable(edges, start)
    for sid in graph.cut_off(edges, live):
        if sid in suggested:
            continue  # the misspelt 'next' that should reach it is reported, with its name
        report.add(
            ("scenes", first[sid], "id"),
            f"no path from the start scene '{start}' reaches this scene",
            f"a choice with 'next: {sid}' in a scene the learner can reach, or remove this scene",
        )
    for group in graph.trapped_loops(edges, start, ends):
        if len(group) == 1:
            what = "every choice in this scene leads back to it: a loop with no way out to an end"
        else:
            names = ", ".join(f"'{s}'" for s in group[:-1]) + f" and '{group[-1]}'"
            what = f"the scenes {names} lead only to each other: a loop with no way out to an end"
        report.add(
            ("scenes", first[group[0]], "choices"),
            what,
            "at least one choice in these scenes that leads on towards an end scene",
        )


def check_file(
    path: Path | str, sections: set[str] | None = None
) -> tuple[Dilemma | None, list[DataError]]:
    """The dilemma in a file (None when it has problems) and every problem found, by line.

    ``sections`` are the guide section ids a dilemma may name (default: those in the
    ``guide_sections.csv`` beside the file's folder, else the collection's own).
    """
    path = Path(path)
    if sections is None:
        sections = _known_sections(path.parent)
    try:
        data, lines = read_file(path)
    except DataError as exc:
        return None, list(getattr(exc, "errors", [exc]))
    report = Report(path, data, lines)
    if not isinstance(data, dict):
        report.add(
            (),
            "the file does not hold a dilemma",
            "a mapping with title, setting, introduction, sections and scenes",
        )
        return None, report.errors
    if not _ID.match(path.stem):
        report.errors.append(
            DataError(
                path,
                "is not a usable file name",
                value=path.stem,
                expected=ID_RULE + ", then .yaml",
            )
        )
    dilemma = None
    try:
        dilemma = Dilemma.model_validate(
            {**data, "id": path.stem if _ID.match(path.stem) else "dilemma"}
        )
    except ValidationError as exc:
        model_problems(report, exc)
    _graph_problems(report, sections)
    report.errors.sort(key=lambda e: e.line or 0)
    return (dilemma if not report.errors else None), report.errors


def read_dilemma(path: Path | str, sections: set[str] | None = None) -> Dilemma:
    """A valid dilemma from a file; DataErrors listing every problem in it otherwise."""
    dilemma, errors = check_file(path, sections)
    if errors:
        raise DataErrors(errors)
    assert dilemma is not None
    return dilemma


def _known_sections(folder: Path) -> set[str] | None:
    """Guide section ids from the data folder that holds this dilemmas folder (else the default)."""
    from widgets.quizzes.bank import section_titles

    beside = folder.parent
    found = set(section_titles(beside)) if (beside / "guide_sections.csv").is_file() else set()
    return found or set(section_titles()) or None


def dilemma_files(folder: Path | str) -> list[Path]:
    folder = Path(folder)
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])


def check_dilemmas(folder: Path | str) -> list[DataError]:
    """Every problem in every dilemma file of a folder (an empty list when all is well)."""
    return check_files(dilemma_files(folder))


def check_files(files: Iterable[Path | str]) -> list[DataError]:
    problems: list[DataError] = []
    for f in files:
        f = Path(f)
        problems += check_file(f)[1]
    return problems
