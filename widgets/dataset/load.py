"""Read the whole data folder in one pass and report every problem in it at once."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from widgets.dataset.descriptor import REQUIRED, PackageSpec, read_package
from widgets.dataset.folder import PACKAGE_FILE, default_data_dir
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

    A folder read before and unchanged since (the same files with the same content) is not
    read again: the caller gets its own copy of the dataset read then.
    """
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    stamp = _stamp(
        folder
    )  # taken before reading, so a change made during the read is seen next time
    kept = _READ.get(folder)
    if stamp is not None and kept is not None and kept[0] == stamp:
        return _copy(kept[1])
    checked = check_dataset(folder)
    raise_all(checked.problems)
    missing = [n for n in REQUIRED if n not in checked.tables]
    if missing:  # reported above already; kept as a guard for a future rule change
        raise DataError(checked.package.folder, f"the resource '{missing[0]}' cannot be read")
    dataset = build(checked.tables, checked.package.folder)
    if stamp is not None:
        _READ[folder] = (stamp, dataset)
        return _copy(dataset)
    return dataset


#: The last dataset read from each folder, with the stamp of its files when it was read.
_READ: dict[Path, tuple[tuple, Dataset]] = {}


def _stamp(folder: Path) -> tuple | None:
    """A digest of ``datapackage.json`` and every CSV file under ``folder`` (resources are CSV files
    inside it), by name; None when the folder cannot be read. Content, not modification times,
    so an edit within the clock's resolution is still seen."""
    try:
        files = [folder / PACKAGE_FILE, *sorted(folder.rglob("*.csv"))]
        return tuple(
            (str(f), hashlib.blake2b(f.read_bytes(), digest_size=16).digest())
            for f in files
            if f.is_file()
        )
    except OSError:
        return None


def _copy(dataset: Dataset) -> Dataset:
    """A dataset whose tables can be changed without changing ``dataset``."""
    return replace(
        dataset,
        relationships=dataset.relationships.copy(),
        features=dataset.features.copy(),
        levels=dataset.levels.copy(),
        ratings=dataset.ratings.copy(),
        examples=dataset.examples.copy(),
        sections=dataset.sections.copy(),
    )
