"""Which features and relationships a chart shows, checked against the dataset."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from widgets.dataset import Dataset

DEFAULT_FEATURES = ("formality", "hierarchy", "confidentiality")


def pick(
    ds: Dataset, features: Iterable[str] | None, relationships: Iterable[str] | None
) -> tuple[list[str], list[str]]:
    """The feature and relationship ids to draw (all when None); a clear error for unknown ids."""
    feats = list(features) if features is not None else ds.feature_ids
    rels = list(relationships) if relationships is not None else ds.relationship_ids
    for f in feats:
        if f not in ds.feature_ids:
            raise ValueError(f"unknown feature id {f!r}; known: {', '.join(ds.feature_ids)}")
    for r in rels:
        if r not in ds.relationship_ids:
            raise ValueError(
                f"unknown relationship id {r!r}; known: {', '.join(ds.relationship_ids)}"
            )
    if not feats:
        raise ValueError("pick at least one feature")
    if not rels:
        raise ValueError("pick at least one relationship")
    return feats, rels


def names(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
