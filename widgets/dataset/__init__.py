"""The relationship-feature dataset: ``datapackage.json`` and its CSV files, checked and loaded.

    from widgets.dataset import load_dataset, check_dataset
    data = load_dataset()            # a Dataset of pandas DataFrames, or DataError naming every problem
    problems = check_dataset("copy-of-data").problems

Modules, one job each: ``folder`` (where the data lives), ``jsonfile`` (JSON with line numbers),
``descriptor`` (the Data Package and what the collection needs of it), ``fields`` (a column's
rules), ``csvtext`` (CSV bytes to records), ``table`` (one CSV against its schema), ``rules``
(checks across tables), ``model`` (the Dataset), ``load`` (one pass over all of it). The
Frictionless validation used by ``python -m widgets check`` lives in :mod:`widgets.dataset.spec`,
kept apart so notebooks never import the frictionless library.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from widgets.dataset.folder import default_data_dir
    from widgets.dataset.load import check_dataset, load_dataset
    from widgets.dataset.model import Dataset
    from widgets.errors import DataError

# Imported on first use, so code that only asks where the data lives (``folder``) does not import
# the reader and the checks.
_EXPORTS = {
    "Dataset": "widgets.dataset.model",
    "DataError": "widgets.errors",
    "check_dataset": "widgets.dataset.load",
    "default_data_dir": "widgets.dataset.folder",
    "load_dataset": "widgets.dataset.load",
}

__all__ = ["Dataset", "DataError", "check_dataset", "default_data_dir", "load_dataset"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'widgets.dataset' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
