"""Validate a data folder against the Data Package and Table Schema standards with ``frictionless``.

The collection's own checker (:func:`widgets.dataset.check_dataset`) reads what the notebooks need
and words every problem for a course designer. This module asks the Frictionless reference
validator for a second opinion: first on ``datapackage.json`` itself, then, when the descriptor is
sound, on every CSV file. A finding on a line the own checker already reported is dropped; anything
else is added, worded in the same sentence shape.

``frictionless`` takes about 0.3 s to import, so only ``python -m widgets check`` and the tests
import this module; ``import widgets`` and ``load_dataset`` never do.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from widgets.dataset.folder import PACKAGE_FILE, shown
from widgets.dataset.load import Checked
from widgets.dataset.table import Table
from widgets.errors import DataError

_PROPERTY = re.compile(r"^(.*?) at property '([^']*)'$")
_HEADER = {"blank-label", "duplicate-label", "extra-label", "missing-label", "incorrect-label"}
_SPEC = "the Data Package standard (https://specs.frictionlessdata.io)"


def spec_problems(checked: Checked) -> list[DataError]:
    """What the Frictionless validator finds that the collection's own checks did not report."""
    package = checked.package
    if package.doc is None:
        return []  # datapackage.json is missing or not JSON: reported already
    display = shown(package.folder, PACKAGE_FILE)
    try:
        import frictionless
    except ImportError:  # pragma: no cover - installed with the collection
        return [
            DataError(
                display, "the Frictionless validator is not installed", expected="pip install -e ."
            )
        ]
    try:
        if any(p.file == display for p in checked.problems):
            return []  # its findings would repeat the descriptor problems reported already
        found = _descriptor(frictionless, package.doc.data, str(package.folder), display)
        if found:
            return found  # the CSV files cannot be validated against a broken descriptor
        return _resources(frictionless, checked)
    except (
        Exception
    ) as exc:  # the validator's own failure must still reach the designer as a sentence
        return [
            DataError(
                display,
                f"the Frictionless validator stopped ({type(exc).__name__}: {exc})",
                expected=f"a package that {_SPEC} describes",
            )
        ]


def _descriptor(frictionless: Any, data: Any, basepath: str, display: str) -> list[DataError]:
    report = frictionless.Package.validate_descriptor(copy.deepcopy(data), basepath=basepath)
    found = []
    for error in report.errors:
        note = error.note or error.message
        hit = _PROPERTY.match(note)
        what, where = (hit.group(1), hit.group(2)) if hit else (note, "")
        found.append(
            DataError(
                display,
                f"does not follow {_SPEC}: {what}",
                column=where.replace("/", ".") or None,
                column_word="property",
                expected="the fields and values the standard allows",
            )
        )
    return found


def _resources(frictionless: Any, checked: Checked) -> list[DataError]:
    package = checked.package
    report = frictionless.validate(str(package.folder / PACKAGE_FILE))
    already = {(p.file, p.line) for p in checked.problems}
    found = []
    for task in report.tasks:
        table = checked.tables.get(task.name)
        if table is None or not table.usable:
            continue  # missing, unreadable or a broken header: reported already
        for error in task.errors:
            problem = _translate(table, error, already)
            if problem is not None:
                found.append(problem)
    return found


def _translate(table: Table, error: Any, already: set[tuple[str, int | None]]) -> DataError | None:
    d = error.to_descriptor()
    kind = d.get("type", "")
    row = d.get("rowNumber")
    line = (
        table.record_lines[row - 1]
        if isinstance(row, int) and 0 < row <= len(table.record_lines)
        else None
    )
    if kind == "blank-row" or (kind == "primary-key" and 'all "None"' in (d.get("note") or "")):
        blank = line is not None and all(at != line for at, _row in table.rows)
        if blank:
            return None  # a blank line: the collection skips those
    if kind in _HEADER:
        line = table.record_lines[0] if table.record_lines else 1
    if (table.display, line) in already:
        return None
    name = d.get("fieldName") or ", ".join(d.get("fieldNames") or []) or None
    spec = next((f for f in table.fields if f.name == name), None)
    cell = d.get("cell")
    note = d.get("note") or d.get("title", kind)
    if line is None:  # about the whole file, such as its size or hash
        title = str(d.get("title", kind)).lower()
        return DataError(
            table.display,
            f"does not match its description in datapackage.json ({title}: {note})",
            expected="the file as datapackage.json describes it, or the description brought up to date",
        )
    return DataError(
        table.display,
        f"breaks the table schema in datapackage.json ({note})",
        line=line,
        column=name,
        value=cell if cell not in (None, "") else None,
        expected=spec.expected(cell or "x") if spec else "a row the table schema accepts",
    )
