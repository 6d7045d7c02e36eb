"""The checked dataset as pandas DataFrames, with lookups by id used by charts and quizzes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from widgets.dataset.table import Table


def _frame(table: Table) -> pd.DataFrame:
    import pandas as pd

    cols: dict[str, Any] = {}
    for spec in table.fields:
        values = table.column(spec.name)
        complete = not any(v is None for v in values)
        if spec.type == "integer":
            cols[spec.name] = pd.array(values, dtype="int64" if complete else "Int64")
        elif spec.type == "number":
            cols[spec.name] = pd.array(values, dtype="float64" if complete else "Float64")
        elif spec.type == "boolean":
            cols[spec.name] = pd.array(values, dtype="bool" if complete else "boolean")
        elif spec.type == "date":
            cols[spec.name] = pd.to_datetime(pd.Series(values, dtype="object"))
        else:
            cols[spec.name] = pd.array(values, dtype="str")
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


def build(tables: dict[str, Table], folder: Path) -> Dataset:
    """The Dataset from tables that passed every check."""
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
