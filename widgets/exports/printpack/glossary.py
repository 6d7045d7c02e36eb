"""The glossary for the pack: ``data/glossary.csv`` with the columns ``term`` and ``meaning``."""

from __future__ import annotations

import csv
from pathlib import Path

from widgets.errors import DataError, raise_all

COLUMNS = ("term", "meaning")


def glossary_path() -> Path:
    from widgets.dataset import default_data_dir

    return default_data_dir() / "glossary.csv"


def read_glossary(path: Path) -> list[tuple[str, str]]:
    """(term, meaning) rows in A–Z order; every problem in the file reported at once."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            header = reader.fieldnames or []
            missing = [c for c in COLUMNS if c not in header]
            if missing:
                raise DataError(
                    path,
                    f"the header has no column {', '.join(repr(c) for c in missing)}",
                    line=1,
                    expected="a first line with the columns term,meaning",
                )
            rows, errors = [], []
            for line, row in enumerate(reader, start=2):
                for column in COLUMNS:
                    if not (row.get(column) or "").strip():
                        errors.append(
                            DataError(
                                path, "is empty", line=line, column=column, expected="some text"
                            )
                        )
                rows.append(((row["term"] or "").strip(), (row["meaning"] or "").strip()))
    except UnicodeDecodeError:
        raise DataError(
            path, "the file is not UTF-8 text", expected="text saved as UTF-8"
        ) from None
    raise_all(errors)
    return sorted(rows, key=lambda r: r[0].casefold())
