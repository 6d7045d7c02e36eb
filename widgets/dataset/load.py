"""Read the whole data folder in one pass and report every problem in it at once."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from widgets.dataset.descriptor import REQUIRED, PackageSpec, read_package
from widgets.dataset.folder import default_data_dir
from widgets.dataset.model import Dataset, build
from widgets.dataset.rules import check_complete, check_references
from widgets.dataset.table import Table
from widgets.errors import DataError, raise_all


@dataclass
class Checked:
    """What one pass over a data folder found: the package, the tables read, every problem."""

    package: PackageSpec
    tables: dict[str, Table] = field(default_factory=dict)
    problems: list[DataError] = field(default_factory=list)


def check_dataset(data_dir: str | os.PathLike[str] | None = None) -> Checked:
    """Check ``datapackage.json``, every CSV it lists and the rules across them, all in one pass.

    Nothing is raised: a table that cannot be read is reported and left out of the checks that
    need it, and every other check still runs.
    """
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    package, problems = read_package(folder)
    result = Checked(package, problems=problems)
    for name, spec in package.resources.items():
        table = Table(folder, spec)
        result.problems += table.read()
        result.tables[name] = table
    for table in result.tables.values():
        if table.usable:
            result.problems += table.check_unique()
    result.problems += check_references(result.tables)
    result.problems += check_complete(result.tables)
    return result


def load_dataset(data_dir: str | os.PathLike[str] | None = None) -> Dataset:
    """Read, check and return the dataset in ``data_dir`` (default: ``$WR_DATA_DIR`` or ``data/``).

    Raises :class:`~widgets.errors.DataError` (or :class:`~widgets.errors.DataErrors` holding every
    problem) that names the file, line, column, bad value and what was expected.
    """
    checked = check_dataset(data_dir)
    raise_all(checked.problems)
    missing = [n for n in REQUIRED if n not in checked.tables]
    if missing:  # reported above already; kept as a guard for a future rule change
        raise DataError(checked.package.folder, f"the resource '{missing[0]}' cannot be read")
    return build(checked.tables, checked.package.folder)
