"""Check ``datapackage.json`` before any CSV is read: its shape, and what this collection needs.

The shape follows the Frictionless Data Package and Table Schema specifications for what the
loader relies on (resources with a safe relative CSV path and a schema of typed fields, primary
and foreign keys that name real fields). On top of that come the collection's own needs: the six
resources and the columns the notebooks read (:data:`REQUIRED`). Every problem names its line and
field in the file; a resource that cannot be used is left out, and the others are still read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from widgets.dataset.fields import suggest
from widgets.dataset.folder import PACKAGE_FILE, shown
from widgets.dataset.jsonfile import JsonDoc, read_json
from widgets.dataset.resource_spec import NAME, ResourceChecker, ResourceSpec
from widgets.errors import DataError

#: The resources and columns the collection reads, with the type each column must have.
REQUIRED: dict[str, dict[str, str]] = {
    "guide_sections": {"id": "string", "title": "string"},
    "relationships": {"id": "string", "name": "string", "description": "string"},
    "features": {
        "id": "string",
        "name": "string",
        "question_word_high": "string",
        "question_word_low": "string",
        "description": "string",
    },
    "scale_levels": {
        "feature": "string",
        "level": "integer",
        "label": "string",
        "meaning": "string",
    },
    "ratings": {
        "relationship": "string",
        "feature": "string",
        "score": "integer",
        "rationale": "string",
        "source": "string",
    },
    "examples": {
        "relationship": "string",
        "other_party": "string",
        "situation": "string",
        "source": "string",
    },
}
_PROFILES = ("data-package", "tabular-data-package")
_STANDARD = re.compile(r"https://datapackage\.org/profiles/[0-9.]+/datapackage\.json")


@dataclass
class PackageSpec:
    """The usable resources of ``datapackage.json``, by name, and the parsed file itself."""

    folder: Path
    doc: JsonDoc | None
    resources: dict[str, ResourceSpec] = field(default_factory=dict)


class _Checker(ResourceChecker):
    def package(self) -> dict[str, ResourceSpec]:
        data = self.doc.data
        if not isinstance(data, dict):
            self.problem(
                (), "the file does not hold a JSON object", expected='{ "resources": [ … ] }'
            )
            return {}
        for key in ("name", "title", "description", "version", "homepage"):
            self.text(data, key, ())
        if isinstance(data.get("name"), str) and not NAME.match(data["name"]):
            self.problem(
                ("name",),
                "is not a valid package name",
                value=data["name"],
                expected="lower-case letters, digits, '.', '_' or '-'",
            )
        profile = data.get("profile")
        if profile is not None and profile not in _PROFILES:
            self.problem(
                ("profile",),
                "is not a Data Package profile",
                value=profile,
                expected="one of: " + ", ".join(_PROFILES),
            )
        schema = data.get("$schema")
        if schema is not None and not (isinstance(schema, str) and _STANDARD.fullmatch(schema)):
            self.problem(
                ("$schema",),
                "is not a standard Data Package profile",
                value=schema,
                expected="a datapackage.org profile address, or no $schema at all",
            )
        for key in ("licenses", "sources", "contributors"):
            items = data.get(key)
            if items is not None and (
                not isinstance(items, list) or not all(isinstance(i, dict) for i in items)
            ):
                self.problem(
                    (key,), "is not a list of objects", expected='a list such as [{"title": "…"}]'
                )
            elif key == "licenses" and items:
                for n, lic in enumerate(items):
                    if not (isinstance(lic.get("name"), str) or isinstance(lic.get("path"), str)):
                        self.problem(
                            (key, n),
                            "the licence has no name or path",
                            expected='a "name" such as "CC-BY-4.0"',
                        )
        resources = data.get("resources")
        if not isinstance(resources, list) or not resources:
            self.problem(
                ("resources",),
                "the list of resources is missing or empty",
                expected="one resource for each CSV file",
            )
            return {}
        found: dict[str, ResourceSpec] = {}
        first: dict[str, int] = {}
        for n, raw in enumerate(resources):
            spec = self.resource(raw, ("resources", n))
            name = raw.get("name") if isinstance(raw, dict) else None
            if isinstance(name, str):
                if name in first:
                    self.problem(
                        ("resources", n, "name"),
                        f"is used by resource {first[name] + 1} too",
                        value=name,
                        expected="a different name for every resource",
                    )
                    continue
                first[name] = n
            if spec is not None:
                found[spec.name] = spec
        for name, columns in REQUIRED.items():
            if name not in first:
                self.problem(
                    ("resources",),
                    f"the resource '{name}' is not described" + suggest(name, first),
                    expected="resources named " + ", ".join(REQUIRED),
                )
            elif name in found:
                self.required_columns(found, name, columns, ("resources", first[name]))
        self.keys(found, first)
        return found

    # ------------------------------------------------------------------ one resource
    def required_columns(
        self, found: dict, name: str, columns: dict[str, str], path: tuple
    ) -> None:
        spec = found[name]
        by_name = {f.name: f for f in spec.fields}
        ok = True
        for column, kind in columns.items():
            got = by_name.get(column)
            if got is None:
                self.problem(
                    (*path, "schema", "fields"),
                    f"the field '{column}' is missing" + suggest(column, by_name),
                    expected=f"a {kind} field named '{column}': the notebooks read it",
                )
                ok = False
            elif got.type != kind:
                n = spec.fields.index(got)
                self.problem(
                    (*path, "schema", "fields", n, "type"),
                    f"the field '{column}' is not of type {kind}",
                    value=got.type,
                    expected=kind,
                )
                ok = False
        if not ok:
            del found[name]

    # ------------------------------------------------------------------ keys


def read_package(folder: Path) -> tuple[PackageSpec, list[DataError]]:
    """Read and check ``datapackage.json`` in ``folder``: the usable resources and every problem."""
    path = folder / PACKAGE_FILE
    if not folder.is_dir():
        return PackageSpec(folder, None), [
            DataError(
                str(folder),
                "the data folder does not exist",
                expected="a folder holding datapackage.json and the CSV files (check WR_DATA_DIR)",
            )
        ]
    if not path.is_file():
        return PackageSpec(folder, None), [
            DataError(
                shown(folder, PACKAGE_FILE),
                "the file is missing",
                expected="the Data Package that describes the CSV files",
            )
        ]
    doc, problems = read_json(path, shown(folder, PACKAGE_FILE))
    if doc is None:
        return PackageSpec(folder, None), problems
    checker = _Checker(folder, doc)
    resources = checker.package()
    return PackageSpec(folder, doc, resources), problems + checker.problems
