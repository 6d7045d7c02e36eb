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

from widgets.dataset.folder import default_data_dir
from widgets.dataset.load import check_dataset, load_dataset
from widgets.dataset.model import Dataset
from widgets.errors import DataError

__all__ = ["Dataset", "DataError", "check_dataset", "default_data_dir", "load_dataset"]
