"""Check one resource of ``datapackage.json``: its CSV path, its Table Schema and its keys.

Follows the Frictionless Data Package and Table Schema specifications for what the loader relies
on: a safe relative path to a UTF-8 CSV file, typed fields (:mod:`widgets.dataset.fields`), and
primary and foreign keys that name fields which exist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from widgets.dataset.fields import FieldSpec, join, read_field, suggest
from widgets.dataset.folder import PACKAGE_FILE, shown
from widgets.dataset.jsonfile import JsonDoc, path_text
from widgets.errors import DataError

NAME = re.compile(r"^[a-z0-9._-]+$")
RESOURCE_PROFILES = ("data-resource", "tabular-data-resource")


@dataclass
class ForeignKey:
    """Values of ``fields`` must appear in ``ref_fields`` of resource ``resource``."""

    fields: list[str]
    resource: str
    ref_fields: list[str]


@dataclass
class ResourceSpec:
    """One CSV file and its Table Schema, as the loader uses them."""

    name: str
    path: str
    fields: list[FieldSpec]
    primary_key: list[str] = field(default_factory=list)
    foreign_keys: list[ForeignKey] = field(default_factory=list)
    missing_values: tuple[str, ...] = ("",)

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]


class ResourceChecker:
    """Reports problems in ``datapackage.json`` with their line; checks one resource at a time."""

    def __init__(self, folder: Path, doc: JsonDoc) -> None:
        self.folder = folder
        self.doc = doc
        self.display = shown(folder, PACKAGE_FILE)
        self.problems: list[DataError] = []

    def problem(
        self, path: tuple, problem: str, *, value: Any = None, expected: str | None = None
    ) -> None:
        self.problems.append(
            DataError(
                self.display,
                problem,
                line=self.doc.line(path),
                column=path_text(path) or None,
                column_word="field",
                value=None if isinstance(value, dict | list) else value,
                expected=expected,
            )
        )

    def text(self, data: dict, key: str, path: tuple) -> None:
        if key in data and not isinstance(data[key], str):
            self.problem((*path, key), "is not text", value=data[key], expected="text in quotes")

    # ------------------------------------------------------------------ the package
    def resource(self, raw: Any, path: tuple) -> ResourceSpec | None:
        if not isinstance(raw, dict):
            self.problem(
                path,
                "is not a resource description",
                expected="an object with a name, a path and a schema",
            )
            return None
        name = raw.get("name")
        if not isinstance(name, str) or not NAME.match(name):
            self.problem(
                (*path, "name"),
                "is not a valid resource name" if name is not None else "the resource has no name",
                value=name,
                expected="lower-case letters, digits, '.', '_' or '-'",
            )
            return None
        ok = self.resource_path(raw.get("path"), (*path, "path"))
        for key, allowed, blocks in (
            ("format", ("csv",), True),
            ("mediatype", ("text/csv",), False),
            ("encoding", ("utf-8", "utf8"), True),
            ("profile", RESOURCE_PROFILES, False),
        ):
            value = raw.get(key)
            if value is not None and (not isinstance(value, str) or value.lower() not in allowed):
                self.problem(
                    (*path, key),
                    "is not one this collection reads",
                    value=value,
                    expected="one of: " + ", ".join(allowed),
                )
                ok = ok and not blocks
        dialect = raw.get("dialect")
        if dialect is not None and (
            not isinstance(dialect, dict) or dialect.get("delimiter", ",") != ","
        ):
            self.problem(
                (*path, "dialect"),
                "asks for a CSV dialect this collection does not read",
                expected="comma-separated values (no dialect)",
            )
            ok = False
        schema = raw.get("schema")
        if not isinstance(schema, dict):
            self.problem(
                (*path, "schema"),
                "the Table Schema is missing" if schema is None else "is not a Table Schema",
                value=schema if isinstance(schema, str) else None,
                expected='an object with a list of "fields"',
            )
            return None
        fields_raw = schema.get("fields")
        if not isinstance(fields_raw, list) or not fields_raw:
            self.problem(
                (*path, "schema", "fields"),
                "the list of fields is missing or empty",
                expected="one field for each column of the CSV file",
            )
            return None
        fields: list[FieldSpec] = []
        seen: set[str] = set()
        for n, f in enumerate(fields_raw):
            spec = read_field(f, (*path, "schema", "fields", n), self.problem)
            if spec is None:
                ok = False
            elif spec.name in seen:
                self.problem(
                    (*path, "schema", "fields", n, "name"),
                    "names a field twice",
                    value=spec.name,
                    expected="a different name for every field",
                )
                ok = False
            else:
                seen.add(spec.name)
                fields.append(spec)
        missing = schema.get("missingValues", [""])
        if not isinstance(missing, list) or not all(isinstance(m, str) for m in missing):
            self.problem(
                (*path, "schema", "missingValues"),
                "is not a list of texts",
                expected='a list such as [""]',
            )
            missing = [""]
        if not ok:
            return None
        return ResourceSpec(name, raw["path"], fields, missing_values=tuple(missing))

    def resource_path(self, value: Any, path: tuple) -> bool:
        if not isinstance(value, str) or not value.strip():
            self.problem(
                path,
                "the resource has no path" if value is None else "is not a file name",
                value=value,
                expected="the name of a CSV file in the data folder, like 'ratings.csv'",
            )
            return False
        pure = PurePosixPath(value)
        if (
            "://" in value
            or "\\" in value
            or pure.is_absolute()
            or ".." in pure.parts
            or value.startswith("~")
            or "\x00" in value
        ):
            self.problem(
                path,
                "is not a file inside the data folder",
                value=value,
                expected="a plain relative file name, like 'ratings.csv'",
            )
            return False
        if not value.lower().endswith(".csv"):
            self.problem(
                path, "is not a CSV file name", value=value, expected="a name ending in .csv"
            )
            return False
        return True

    def keys(self, found: dict[str, ResourceSpec], first: dict[str, int]) -> None:
        resources = self.doc.data["resources"]
        for name, n in first.items():
            raw = resources[n].get("schema") if isinstance(resources[n], dict) else None
            spec = found.get(name)
            if spec is None or not isinstance(raw, dict):
                continue
            path = ("resources", n, "schema")
            pk = self.names(raw.get("primaryKey"), spec, (*path, "primaryKey"))
            if pk is not None:
                spec.primary_key = pk
            fks = raw.get("foreignKeys", [])
            if not isinstance(fks, list):
                self.problem(
                    (*path, "foreignKeys"), "is not a list", expected="a list of foreign keys"
                )
                continue
            for k, fk in enumerate(fks):
                key = self.foreign_key(fk, spec, found, first, (*path, "foreignKeys", k))
                if key is not None:
                    spec.foreign_keys.append(key)

    def names(self, value: Any, spec: ResourceSpec, path: tuple) -> list[str] | None:
        if value is None:
            return None
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not names or not all(isinstance(v, str) for v in names):
            self.problem(
                path,
                "is not a field name or a list of field names",
                expected="names of this resource's fields",
            )
            return None
        bad = [v for v in names if v not in spec.names]
        if bad:
            self.problem(
                path,
                "names a field this resource does not have" + suggest(bad[0], spec.names),
                value=bad[0],
                expected="one of: " + join(spec.names),
            )
            return None
        return names

    def foreign_key(
        self, fk: Any, spec: ResourceSpec, found: dict, first: dict, path: tuple
    ) -> ForeignKey | None:
        ref = fk.get("reference") if isinstance(fk, dict) else None
        if not isinstance(ref, dict):
            self.problem(
                path,
                "is not a foreign key",
                expected='an object with "fields" and a "reference" to another resource',
            )
            return None
        cols = self.names(fk.get("fields"), spec, (*path, "fields"))
        target_name = ref.get("resource", "")
        if target_name == "":
            target_name = spec.name
        if not isinstance(target_name, str) or target_name not in first:
            self.problem(
                (*path, "reference", "resource"),
                "is not a resource of this package" + suggest(str(target_name), first),
                value=target_name,
                expected="one of: " + join(first),
            )
            return None
        target = found.get(target_name)
        if target is None or cols is None:
            return None
        ref_cols = self.names(ref.get("fields"), target, (*path, "reference", "fields"))
        if ref_cols is None:
            return None
        if len(ref_cols) != len(cols):
            self.problem(
                (*path, "reference", "fields"),
                f"names {len(ref_cols)} fields for {len(cols)}",
                expected="as many fields as the foreign key has",
            )
            return None
        return ForeignKey(cols, target_name, ref_cols)
