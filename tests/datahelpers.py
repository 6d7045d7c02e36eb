"""Helpers for tests that use the data: a writable copy of ``data/``, and what the data holds.

Tests never write down how many relationship types, features or guide sections there are, nor
their ids: they read them here, from the CSV files, so a course designer who extends the data can
still run every test.
"""

from __future__ import annotations

import csv
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"


def copy_data(dest: Path, *, banks: bool = False) -> Path:
    """Copy the CSVs and datapackage.json (and the question banks if asked) into ``dest/data``."""
    target = dest / "data"
    ignore = ("*.md",) if banks else ("quizzes", "*.md")
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns(*ignore))
    return target


def read_rows(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.reader(f))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def append_rows(path: Path, rows: list[list[object]]) -> None:
    text = path.read_text(encoding="utf-8")
    with open(path, "a", newline="", encoding="utf-8") as f:
        if text and not text.endswith("\n"):
            f.write("\n")
        csv.writer(f, lineterminator="\n").writerows(rows)


def append_records(path: Path, records: list[dict[str, object]]) -> None:
    """Append rows given by column name, in the file's own column order. A column a record leaves
    out is empty, or, when the schema says it is required, has the file's first row's value."""
    header, first = read_rows(path)[:2]
    package = json.loads((path.parent / "datapackage.json").read_text(encoding="utf-8"))
    res = next(r for r in package["resources"] if Path(r["path"]).name == path.name)
    required = {
        f["name"] for f in res["schema"]["fields"] if f.get("constraints", {}).get("required")
    }
    fill = {name: (first[i] if name in required else "") for i, name in enumerate(header)}
    append_rows(path, [[rec.get(name, fill[name]) for name in header] for rec in records])


def column(folder: Path, table: str, name: str) -> list[str]:
    """One column of ``<folder>/<table>.csv``, in file order."""
    rows = read_rows(folder / f"{table}.csv")
    i = rows[0].index(name)
    return [r[i] for r in rows[1:] if r]


def ids(table: str, folder: Path = DATA) -> list[str]:
    """The ``id`` column of a table: relationship types, features or guide sections."""
    return column(folder, table, "id")


def scale_range(folder: Path = DATA) -> list[int]:
    """The levels every feature's scale has, from the schema's minimum to maximum of ``level``."""
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    res = next(r for r in package["resources"] if r["name"] == "scale_levels")
    level = next(f for f in res["schema"]["fields"] if f["name"] == "level")
    return list(range(level["constraints"]["minimum"], level["constraints"]["maximum"] + 1))


@dataclass(frozen=True)
class Extension:
    """What :func:`extend_data` added to a copy of the data."""

    relationship: str = "agency-staff"
    relationship_name: str = "Agency staff"
    feature: str = "outside_regulation"
    feature_name: str = "Outside regulation"
    section: str = "agency-work"
    example: str = "agency-nurse-night-shift"


def extend_data(folder: Path) -> Extension:
    """Add a relationship type, a feature and a guide section to a copy of the data, rows only.

    The new type is rated on every feature (the top score on each, so it leads the generated
    "most" questions), the new feature is rated for every type, the new feature's scale has every
    level, and the new rows cite the new guide section.
    """
    ext = Extension()
    levels = scale_range(folder)
    top = levels[-1]
    features = ids("features", folder)
    rels = ids("relationships", folder)
    append_rows(
        folder / "guide_sections.csv",
        [
            [
                ext.section,
                "Working with agency staff",
                "guide",
                "Agency workers fill gaps in a rota and follow the service's own ways of working.",
            ]
        ],
    )
    append_rows(
        folder / "relationships.csv",
        [
            [
                ext.relationship,
                ext.relationship_name,
                "Workers sent by an agency to cover shifts in the service.",
                ext.section,
            ]
        ],
    )
    append_rows(
        folder / "features.csv",
        [
            [
                ext.feature,
                ext.feature_name,
                "most regulated",
                "least regulated",
                "How much outside bodies set rules for the relationship.",
            ]
        ],
    )
    append_rows(
        folder / "scale_levels.csv",
        [[ext.feature, n, f"Rule level {n}", f"Outside rules at level {n}."] for n in levels],
    )
    ratings = [
        [
            ext.relationship,
            f,
            top,
            "Agency workers follow the rules of both the agency and the service.",
            ext.section,
        ]
        for f in features
    ]
    ratings += [
        [r, ext.feature, levels[n % (len(levels) - 1)], "Regulators look at this.", ext.section]
        for n, r in enumerate(rels)
    ]
    ratings.append(
        [
            ext.relationship,
            ext.feature,
            top,
            "Both the agency and the regulator check.",
            ext.section,
        ]
    )
    append_rows(folder / "ratings.csv", ratings)
    append_records(
        folder / "examples.csv",
        [
            {
                "id": ext.example,
                "other_party": "Agency nurse",
                "relationship": ext.relationship,
                "situation": "An agency nurse covers a night shift and reads the handover notes.",
                "source": ext.section,
            },
            {
                "id": ext.example + "-2",
                "other_party": "Agency care worker",
                "relationship": ext.relationship,
                "situation": "An agency care worker is shown the fire exits at the start of a shift.",
                "source": ext.section,
            },
        ],
    )
    return ext
