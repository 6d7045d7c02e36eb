"""Load the relationship-feature dataset and check it against ``data/datapackage.json``.

Every CSV is read as text, checked cell by cell against its Frictionless Table Schema (types,
required, enum, minimum/maximum, pattern, length, unique, primary key, foreign keys, exact header),
then checked for completeness (one rating per relationship and feature; every level of every scale).
Any problem raises :class:`widgets.errors.DataError` naming the file, line, column, value and what
was expected, so no raw pandas traceback ever reaches a learner.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from widgets.errors import DataError, raise_all

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Dataset", "DataError", "load_dataset", "default_data_dir"]

PACKAGE_FILE = "datapackage.json"
REQUIRED_RESOURCES = (
    "guide_sections",
    "relationships",
    "features",
    "scale_levels",
    "ratings",
    "examples",
)
_INTEGER = re.compile(r"[+-]?[0-9]+")
_BAD_BYTES = re.compile("[\udc80-\udcff]")

Row = tuple[int, dict[str, Any]]  # (line as a text editor numbers it, {column: converted value})


def default_data_dir() -> Path:
    """``$WR_DATA_DIR`` when set, otherwise the repository's ``data/`` folder."""
    env = os.environ.get("WR_DATA_DIR")
    if env:
        return Path(env).expanduser()
    return Path(__file__).resolve().parent.parent / "data"


# --------------------------------------------------------------------------- reading and checking


def _join(items: Iterable[object], limit: int = 12) -> str:
    items = [str(i) for i in items]
    if len(items) > limit:
        items = items[:limit] + [f"… ({len(items) - limit} more)"]
    return ", ".join(items)


def _suggest(value: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _expected_for(spec: dict) -> str:
    """What a cell of this field should hold, in words."""
    cons = spec.get("constraints", {})
    if "enum" in cons:
        return "one of: " + _join(cons["enum"])
    if spec.get("type") == "integer":
        lo, hi = cons.get("minimum"), cons.get("maximum")
        if lo is not None and hi is not None:
            return f"a whole number from {lo} to {hi}"
        if lo is not None:
            return f"a whole number of at least {lo}"
        if hi is not None:
            return f"a whole number no bigger than {hi}"
        return "a whole number"
    if "pattern" in cons:
        return "an id made of lower-case letters, digits and " + (
            "underscores" if "_" in cons["pattern"] else "hyphens"
        )
    return "some text"


class _Table:
    """One CSV resource read as text and checked against its table schema."""

    def __init__(self, data_dir: Path, resource: dict) -> None:
        self.resource = resource
        self.name: str = resource["name"]
        self.path = data_dir / resource["path"]
        self.display = f"{data_dir.name}/{resource['path']}"
        self.schema: dict = resource.get("schema", {})
        self.fields: list[dict] = self.schema.get("fields", [])
        self.names = [f["name"] for f in self.fields]
        self.rows: list[Row] = []

    def error(self, problem: str, **kw: Any) -> DataError:
        return DataError(self.display, problem, **kw)

    # -- decoding --------------------------------------------------------------------------------
    def _text(self) -> str:
        if not self.path.is_file():
            raise self.error(
                "the file is missing",
                expected=f"a CSV file named '{self.path.name}' in the data folder, "
                "as listed in datapackage.json",
            )
        raw = self.path.read_bytes()
        if raw.startswith(b"\xef\xbb\xbf"):  # a byte-order mark, as Excel's "CSV UTF-8" writes
            raw = raw[3:]
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise self._decode_error(raw, exc) from None

    def _decode_error(self, raw: bytes, exc: UnicodeDecodeError) -> DataError:
        line = raw[: exc.start].count(b"\n") + 1
        bad = raw[exc.start : exc.end]
        column = None
        value: str | None = None
        text = raw.decode("utf-8", errors="surrogateescape")
        header: list[str] | None = None
        try:
            records = list(self._records(text))
        except DataError:
            records = []
        for start, cells in records:
            if header is None:
                header = [c.strip() for c in cells]
            if start > line:
                break
            for i, cell in enumerate(cells):
                hit = _BAD_BYTES.search(cell)
                if hit:
                    column = header[i] if i < len(header) and start > 1 else None
                    lo, hi = max(0, hit.start() - 15), hit.end() + 15
                    value = (
                        cell[lo:hi]
                        .encode("utf-8", "surrogateescape")
                        .decode("utf-8", "backslashreplace")
                    )
                    value = ("…" if lo else "") + value + ("…" if hi < len(cell) else "")
                    line = start
                    break
            if value is not None:
                break
        return self.error(
            f"is not UTF-8 text (byte {' '.join(f'0x{b:02X}' for b in bad)})",
            line=line,
            column=column,
            value=value if value is not None else bad.decode("latin-1"),
            expected="a file saved as UTF-8 (in Excel: 'Save as' then 'CSV UTF-8')",
        )

    @staticmethod
    def _records(text: str) -> Iterable[tuple[int, list[str]]]:
        """Yield (first line of the record, cells) for every non-blank record."""
        reader = csv.reader(io.StringIO(text, newline=""), strict=False)
        start = 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise DataError(
                    "", f"cannot be read as CSV ({exc})", line=reader.line_num
                ) from None
            if cells:  # a truly blank line gives [] and is skipped
                yield start, cells
            start = reader.line_num + 1

    # -- checking --------------------------------------------------------------------------------
    def read(self) -> list[DataError]:
        """Read and check every cell; return the problems found (header problems stop early)."""
        text = self._text()
        try:
            records = list(self._records(text))
        except DataError as exc:
            return [
                self.error(
                    exc.problem,
                    line=exc.line,
                    expected="rows of comma-separated values; text with commas or quotes "
                    "inside double quotes",
                )
            ]
        if not records:
            return [
                self.error(
                    "the file is empty", line=1, expected="a header row: " + ", ".join(self.names)
                )
            ]
        head_line, header = records[0]
        header = [h.strip() for h in header]
        problems = self._check_header(head_line, header)
        if problems:
            return problems
        errors: list[DataError] = []
        for line, cells in records[1:]:
            if len(cells) != len(header):
                errors.append(
                    self.error(
                        f"the row has {len(cells)} cells",
                        line=line,
                        expected=f"{len(header)} cells, one for each column "
                        "(put text that contains a comma inside double quotes)",
                    )
                )
                continue
            row: dict[str, Any] = {}
            for spec, cell in zip(self.fields, cells, strict=True):
                value, problem = self._convert(spec, cell.strip())
                if problem:
                    errors.append(
                        self.error(
                            problem,
                            line=line,
                            column=spec["name"],
                            value=cell.strip(),
                            expected=_expected_for(spec)
                            if cell.strip()
                            else "this column to be filled in on every row",
                        )
                    )
                row[spec["name"]] = value
            self.rows.append((line, row))
        return errors

    def _check_header(self, line: int, header: list[str]) -> list[DataError]:
        want = ", ".join(self.names)
        errors = []
        seen: set[str] = set()
        for name in header:
            if name in seen:
                errors.append(
                    self.error(
                        "appears twice in the header",
                        line=line,
                        column=name,
                        value=name,
                        expected="each column once: " + want,
                    )
                )
            seen.add(name)
        for name in self.names:
            if name not in header:
                errors.append(
                    self.error(
                        "this column is missing from the header",
                        line=line,
                        column=name,
                        expected="the columns " + want,
                    )
                )
        for name in header:
            if name not in self.names:
                errors.append(
                    self.error(
                        "is not a column of this table",
                        line=line,
                        column=name,
                        value=name or "(blank)",
                        expected="only the columns " + want,
                    )
                )
        if not errors and header != self.names:
            errors.append(
                self.error(
                    "the columns are in a different order",
                    line=line,
                    value=", ".join(header),
                    expected="the columns in this order: " + want,
                )
            )
        return errors

    @staticmethod
    def _convert(spec: dict, cell: str) -> tuple[Any, str | None]:
        cons = spec.get("constraints", {})
        if cell == "":
            return None, ("the cell is empty" if cons.get("required") else None)
        if spec.get("type", "string") == "integer":
            if not _INTEGER.fullmatch(cell):
                return None, "is not a whole number"
            value: Any = int(cell)
            if "minimum" in cons and value < cons["minimum"]:
                return value, "is out of range"
            if "maximum" in cons and value > cons["maximum"]:
                return value, "is out of range"
        else:
            value = cell
            if "minLength" in cons and len(value) < cons["minLength"]:
                return value, f"is shorter than {cons['minLength']} characters"
            if "maxLength" in cons and len(value) > cons["maxLength"]:
                return value, f"is longer than {cons['maxLength']} characters"
            if "pattern" in cons and not re.fullmatch(cons["pattern"], value):
                return value, "is not a valid id"
        if "enum" in cons and value not in cons["enum"]:
            return value, "is not one of the allowed values"
        return value, None

    def check_unique(self) -> list[DataError]:
        errors = []
        keys = self.schema.get("primaryKey")
        if isinstance(keys, str):
            keys = [keys]
        unique = [f["name"] for f in self.fields if f.get("constraints", {}).get("unique")]
        checks = [[n] for n in unique]
        if keys and keys not in checks:
            checks.append(list(keys))
        for cols in checks:
            first: dict[tuple, int] = {}
            for line, row in self.rows:
                key = tuple(row[c] for c in cols)
                if key in first:
                    what = (
                        "relationship and feature"
                        if cols == ["relationship", "feature"]
                        else (" and ".join(cols))
                    )
                    errors.append(
                        self.error(
                            f"is a duplicate of line {first[key]}",
                            line=line,
                            column=", ".join(cols),
                            column_word="columns" if len(cols) > 1 else "column",
                            value=", ".join(str(k) for k in key),
                            expected=f"each {what} only once",
                        )
                    )
                else:
                    first[key] = line
        return errors

    def column(self, name: str) -> list[Any]:
        return [row[name] for _line, row in self.rows]


def _read_package(data_dir: Path) -> dict:
    path = data_dir / PACKAGE_FILE
    display = f"{data_dir.name}/{PACKAGE_FILE}"
    if not data_dir.is_dir():
        raise DataError(
            str(data_dir),
            "the data folder does not exist",
            expected="a folder holding datapackage.json and the CSV files (check WR_DATA_DIR)",
        )
    if not path.is_file():
        raise DataError(
            display,
            "the file is missing",
            expected="the Data Package schema that describes the CSV files",
        )
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise DataError(
            display, "the file is not UTF-8 text", expected="a JSON file saved as UTF-8"
        ) from None
    except json.JSONDecodeError as exc:
        raise DataError(
            display,
            f"is not valid JSON ({exc.msg})",
            line=exc.lineno,
            expected="a valid JSON Data Package",
        ) from None
    names = [r.get("name") for r in package.get("resources", []) if isinstance(r, dict)]
    missing = [n for n in REQUIRED_RESOURCES if n not in names]
    if missing:
        raise DataError(
            display,
            f"the resource '{missing[0]}' is not described",
            expected="resources named " + ", ".join(REQUIRED_RESOURCES),
        )
    return package


def _check_foreign_keys(tables: dict[str, _Table]) -> list[DataError]:
    errors = []
    for table in tables.values():
        for fk in table.schema.get("foreignKeys", []):
            col = fk["fields"] if isinstance(fk["fields"], str) else fk["fields"][0]
            ref = fk["reference"]
            target = tables[ref["resource"]]
            ref_col = ref["fields"] if isinstance(ref["fields"], str) else ref["fields"][0]
            known = target.column(ref_col)
            known_set = set(known)
            noun = {
                "relationships": "relationship",
                "features": "feature",
                "guide_sections": "guide section",
            }.get(target.name, target.name)
            for line, row in table.rows:
                value = row[col]
                if value is not None and value not in known_set:
                    errors.append(
                        table.error(
                            f"is not a {noun} id in {target.display}{_suggest(value, known)}",
                            line=line,
                            column=col,
                            value=value,
                            expected="one of: " + _join(known),
                        )
                    )
    return errors


def _check_complete(tables: dict[str, _Table]) -> list[DataError]:
    errors = []
    rel_ids = tables["relationships"].column("id")
    feat_ids = tables["features"].column("id")
    ratings = tables["ratings"]
    have = {(r["relationship"], r["feature"]) for _l, r in ratings.rows}
    for rel in rel_ids:
        missing = [f for f in feat_ids if (rel, f) not in have]
        if len(missing) == len(feat_ids):
            errors.append(
                ratings.error(
                    f"relationship '{rel}' has no ratings",
                    expected=f"one row for each of the {len(feat_ids)} features: "
                    + _join(feat_ids),
                )
            )
        else:
            for feat in missing:
                errors.append(
                    ratings.error(
                        f"there is no rating for relationship '{rel}' and feature '{feat}'",
                        expected="one row for every relationship and feature "
                        f"({len(rel_ids)} × {len(feat_ids)} = {len(rel_ids) * len(feat_ids)} rows)",
                    )
                )
    levels = tables["scale_levels"]
    spec = next(f for f in levels.fields if f["name"] == "level")
    lo = spec.get("constraints", {}).get("minimum", 0)
    hi = spec.get("constraints", {}).get("maximum", 4)
    wanted = list(range(lo, hi + 1))
    by_feature: dict[str, set[int]] = {}
    for _l, row in levels.rows:
        by_feature.setdefault(row["feature"], set()).add(row["level"])
    for feat in feat_ids:
        got = by_feature.get(feat, set())
        for level in wanted:
            if level not in got:
                errors.append(
                    levels.error(
                        f"feature '{feat}' has no row for level {level}",
                        expected="one row for each level "
                        + ", ".join(map(str, wanted))
                        + " of every feature",
                    )
                )
    return errors


# --------------------------------------------------------------------------- the Dataset


def _frame(table: _Table) -> pd.DataFrame:
    import pandas as pd

    cols: dict[str, Any] = {}
    for spec in table.fields:
        values = table.column(spec["name"])
        if spec.get("type") == "integer":
            cols[spec["name"]] = pd.array(values, dtype="Int64")
            if not any(v is None for v in values):
                cols[spec["name"]] = pd.array(values, dtype="int64")
        else:
            cols[spec["name"]] = pd.array(values, dtype="str")
    return pd.DataFrame(cols)


def _categorical(values: Sequence[str], categories: Sequence[str]) -> pd.Categorical:
    import pandas as pd

    return pd.Categorical(values, categories=list(categories), ordered=True)


@dataclass(frozen=True, eq=False)
class Dataset:
    """The validated tables as pandas DataFrames.

    ``relationships`` and ``features`` keep the CSV's order (the guide's order); their ``id`` and
    ``name`` columns are ordered categoricals. ``ratings`` is the tidy long table with ``score`` as
    int64 and ``relationship``/``feature`` as ordered categoricals; ``levels`` is scale_levels.csv.
    """

    relationships: pd.DataFrame
    features: pd.DataFrame
    levels: pd.DataFrame
    ratings: pd.DataFrame
    examples: pd.DataFrame
    sections: pd.DataFrame
    data_dir: Path | None = None
    _lookup: dict = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        lk = self._lookup
        lk["rel"] = dict(
            zip(
                self.relationships["id"].astype(str),
                self.relationships["name"].astype(str),
                strict=True,
            )
        )
        lk["feat"] = dict(
            zip(self.features["id"].astype(str), self.features["name"].astype(str), strict=True)
        )
        lk["level"] = {
            (str(f), int(n)): str(lab)
            for f, n, lab in zip(
                self.levels["feature"], self.levels["level"], self.levels["label"], strict=True
            )
        }
        lk["score"] = {
            (str(r), str(f)): int(s)
            for r, f, s in zip(
                self.ratings["relationship"],
                self.ratings["feature"],
                self.ratings["score"],
                strict=True,
            )
        }

    # ids and names ---------------------------------------------------------------------------
    @property
    def relationship_ids(self) -> list[str]:
        """Relationship ids in the guide's order."""
        return list(self._lookup["rel"])

    @property
    def feature_ids(self) -> list[str]:
        """Feature ids in the CSV's order."""
        return list(self._lookup["feat"])

    @property
    def scale(self) -> list[int]:
        """The levels every scale has, lowest first (0..4)."""
        return sorted({n for _f, n in self._lookup["level"]})

    def relationship_name(self, rid: str) -> str:
        """Display name of a relationship id."""
        return self._get("rel", rid, "relationship")

    def feature_name(self, fid: str) -> str:
        """Display name of a feature id."""
        return self._get("feat", fid, "feature")

    def _get(self, table: str, key: str, noun: str) -> str:
        try:
            return self._lookup[table][key]
        except KeyError:
            known = ", ".join(self._lookup[table])
            raise KeyError(f"unknown {noun} id {key!r}; known ids: {known}") from None

    # scales -----------------------------------------------------------------------------------
    def label(self, feature: str, score: int) -> str:
        """The scale word for a score, e.g. ``label("formality", 4)`` -> 'Very formal'."""
        self.feature_name(feature)
        try:
            return self._lookup["level"][(feature, int(score))]
        except KeyError:
            raise KeyError(f"feature {feature!r} has no level {score!r}") from None

    def scale_labels(self, feature: str) -> list[str]:
        """The scale words of ``feature`` from the lowest level to the highest."""
        return [self.label(feature, n) for n in self.scale]

    def meaning(self, feature: str, score: int) -> str:
        """The one-sentence meaning of a level."""
        lv = self.levels
        hit = lv[(lv["feature"] == feature) & (lv["level"] == int(score))]
        if hit.empty:
            raise KeyError(f"feature {feature!r} has no level {score!r}")
        return str(hit["meaning"].iloc[0])

    def score(self, relationship: str, feature: str) -> int:
        """The rating of one relationship on one feature."""
        return self._lookup["score"][(relationship, feature)]

    def wide(
        self,
        features: Sequence[str] | None = None,
        relationships: Sequence[str] | None = None,
        *,
        names: bool = False,
    ) -> pd.DataFrame:
        """Scores as a relationship × feature table, rows and columns in the data's order.

        With ``names=True`` the index and columns show display names instead of ids.
        """
        feats = list(features) if features is not None else self.feature_ids
        rels = list(relationships) if relationships is not None else self.relationship_ids
        for f in feats:
            self.feature_name(f)
        for r in rels:
            self.relationship_name(r)
        table = self.ratings.pivot(index="relationship", columns="feature", values="score")
        table = table.reindex(index=rels, columns=feats).astype("int64")
        table.index.name = "relationship"
        table.columns.name = "feature"
        if names:
            table.index = [self.relationship_name(r) for r in rels]
            table.index.name = "Relationship"
            table.columns = [self.feature_name(f) for f in feats]
        return table


def load_dataset(data_dir: str | os.PathLike[str] | None = None) -> Dataset:
    """Read, check and return the dataset in ``data_dir`` (default: :func:`default_data_dir`).

    Raises :class:`DataError` (or :class:`~widgets.errors.DataErrors` for several problems) that
    names the file, line, column, bad value and what was expected.
    """
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    package = _read_package(folder)
    tables = {
        r["name"]: _Table(folder, r)
        for r in package["resources"]
        if isinstance(r, dict) and r.get("name") in REQUIRED_RESOURCES
    }
    errors: list[DataError] = []
    for table in tables.values():
        try:
            errors += table.read()
        except DataError as exc:
            errors.append(exc)
    raise_all(errors)
    for table in tables.values():
        errors += table.check_unique()
    raise_all(errors)
    raise_all(_check_foreign_keys(tables))
    raise_all(_check_complete(tables))
    return _build(tables, folder)


def _build(tables: dict[str, _Table], folder: Path) -> Dataset:
    rel = _frame(tables["relationships"])
    feat = _frame(tables["features"])
    rel_ids = list(rel["id"])
    feat_ids = list(feat["id"])
    rel["id"] = _categorical(rel["id"], rel_ids)
    rel["name"] = _categorical(rel["name"], list(rel["name"]))
    feat["id"] = _categorical(feat["id"], feat_ids)
    feat["name"] = _categorical(feat["name"], list(feat["name"]))

    ratings = _frame(tables["ratings"])
    ratings["relationship"] = _categorical(ratings["relationship"], rel_ids)
    ratings["feature"] = _categorical(ratings["feature"], feat_ids)
    ratings = ratings.sort_values(["relationship", "feature"], kind="stable").reset_index(drop=True)

    levels = _frame(tables["scale_levels"])
    levels["feature"] = _categorical(levels["feature"], feat_ids)
    levels = levels.sort_values(["feature", "level"], kind="stable").reset_index(drop=True)

    examples = _frame(tables["examples"])
    examples["relationship"] = _categorical(examples["relationship"], rel_ids)

    return Dataset(
        relationships=rel,
        features=feat,
        levels=levels,
        ratings=ratings,
        examples=examples,
        sections=_frame(tables["guide_sections"]),
        data_dir=folder,
    )
