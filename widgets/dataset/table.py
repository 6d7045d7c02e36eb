"""One CSV resource read as text and checked cell by cell against its Table Schema.

A :class:`Table` checks the header (every column once, in the schema's order), every cell (type,
required, enum, range, length, pattern) and the unique and primary-key columns. Cells that break a
rule are kept as ``None`` so that the checks across tables do not report the same mistake twice.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from widgets.dataset.csvtext import CsvProblem, read_text, records
from widgets.dataset.folder import shown
from widgets.dataset.resource_spec import ResourceSpec
from widgets.errors import DataError

Row = tuple[int, dict[str, Any]]  # (line as a text editor numbers it, {column: value})


class Table:
    """A resource's rows after checking; ``usable`` is False when its header could not be read."""

    def __init__(self, folder: Path, spec: ResourceSpec) -> None:
        self.spec = spec
        self.name = spec.name
        self.path = folder / spec.path
        self.display = shown(folder, spec.path)
        self.fields = spec.fields
        self.names = spec.names
        self.rows: list[Row] = []
        self.record_lines: list[int] = []  # line of record n (the header is record 1)
        self.usable = False

    def error(self, problem: str, **kw: Any) -> DataError:
        return DataError(self.display, problem, **kw)

    def column(self, name: str) -> list[Any]:
        return [row[name] for _line, row in self.rows]

    # ------------------------------------------------------------------ reading
    def read(self) -> list[DataError]:
        """Read and check every cell; return the problems found."""
        try:
            text = read_text(self.path, self.display)
            every = list(records(text, keep_blank=True))
        except DataError as exc:
            return [exc]
        except CsvProblem as exc:
            return [
                self.error(
                    f"cannot be read as CSV ({exc.why})",
                    line=exc.line,
                    expected="rows of comma-separated values; text with commas or quotes "
                    "inside double quotes",
                )
            ]
        # Record n (the header is record 1), as the Frictionless validator counts rows, blank
        # lines included; blank lines themselves are skipped.
        self.record_lines = [line for line, _cells in every]
        found = [(line, cells) for line, cells in every if cells]
        if not found:
            return [
                self.error(
                    "the file is empty", line=1, expected="a header row: " + ", ".join(self.names)
                )
            ]
        head_line, header = found[0]
        problems = self._check_header(head_line, [h.strip() for h in header])
        if problems:
            return problems
        self.usable = True
        for line, cells in found[1:]:
            problems += self._row(line, cells)
        return problems

    def _row(self, line: int, cells: list[str]) -> list[DataError]:
        if len(cells) != len(self.fields):
            # Keep the key columns (they come first) so other checks do not think the row missing.
            keys = set(self.spec.primary_key)
            row = {
                f.name: (
                    f.convert(cells[i].strip())[0] if f.name in keys and i < len(cells) else None
                )
                for i, f in enumerate(self.fields)
            }
            self.rows.append((line, row))
            return [
                self.error(
                    f"the row has {len(cells)} cells",
                    line=line,
                    expected=f"{len(self.fields)} cells, one for each column "
                    "(put text that contains a comma inside double quotes)",
                )
            ]
        problems = []
        row: dict[str, Any] = {}
        for spec, cell in zip(self.fields, cells, strict=True):
            text = cell.strip()
            if text in self.spec.missing_values:
                text = ""
            value, problem = spec.convert(text)
            if problem:
                problems.append(
                    self.error(
                        problem,
                        line=line,
                        column=spec.name,
                        value=text,
                        expected=spec.expected(text),
                    )
                )
            row[spec.name] = value
        self.rows.append((line, row))
        return problems

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
                        column=name or None,
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

    # ------------------------------------------------------------------ keys
    def check_unique(self) -> list[DataError]:
        """Every unique column, and the primary key, holds each value once."""
        checks = [[f.name] for f in self.fields if f.unique]
        if self.spec.primary_key and self.spec.primary_key not in checks:
            checks.append(list(self.spec.primary_key))
        errors = []
        for cols in checks:
            first: dict[tuple, int] = {}
            for line, row in self.rows:
                key = tuple(row[c] for c in cols)
                if any(k is None for k in key):
                    continue  # an empty or bad cell is reported already
                if key in first:
                    errors.append(
                        self.error(
                            f"is a duplicate of line {first[key]}",
                            line=line,
                            column=", ".join(cols),
                            column_word="columns" if len(cols) > 1 else "column",
                            value=", ".join(str(k) for k in key),
                            expected=f"each {' and '.join(cols)} only once",
                        )
                    )
                else:
                    first[key] = line
        return errors
