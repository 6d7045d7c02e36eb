"""Questions made from the dataset, so a new relationship, feature or example adds questions.

Kinds:
- ``most`` / ``least``: "Which of these is the most formal?" for every feature whose top (or
  bottom) score belongs to one relationship only;
- ``order``: "Put these in order, most formal first" for every feature with four relationships of
  different scores;
- ``example``: "Which working relationship is this example?" for every row of examples.csv.
Every option's feedback quotes the rating, its scale word and the rationale from the dataset.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TYPE_CHECKING

from widgets.quizzes.models import Item, Option, Ordering, SingleChoice, _Question, slug

if TYPE_CHECKING:
    from widgets.dataset import Dataset

KINDS = ("most", "least", "order", "example")


def _ratings(ds: Dataset, feature: str) -> list[tuple[str, str, int, str, str]]:
    """(relationship id, name, score, rationale, source) for one feature, in the guide's order."""
    names = dict(
        zip(ds.relationships["id"].astype(str), ds.relationships["name"].astype(str), strict=True)
    )
    rows = ds.ratings[ds.ratings["feature"].astype(str) == feature]
    order = list(names)
    out = [
        (
            str(r.relationship),
            names[str(r.relationship)],
            int(r.score),
            str(r.rationale),
            str(r.source),
        )
        for r in rows.itertuples()
    ]
    return sorted(out, key=lambda x: order.index(x[0]))


def _why(ds: Dataset, feature: str, row: tuple[str, str, int, str, str]) -> str:
    return f"Rated {row[2]} ({ds.label(feature, row[2])}) for {ds.feature_name(feature).lower()}: {row[3]}"


def _extreme(ds: Dataset, feature: str, rng: random.Random, highest: bool) -> _Question | None:
    rows = _ratings(ds, feature)
    if len(rows) < 3:
        return None
    best = (max if highest else min)(r[2] for r in rows)
    winners = [r for r in rows if r[2] == best]
    if len(winners) != 1:
        return None
    others = [r for r in rows if r[2] != best]
    picked = [winners[0], *rng.sample(others, min(3, len(others)))]
    word = _word(ds, feature, highest)
    options = [
        Option(text=r[1], correct=r is winners[0], feedback=_why(ds, feature, r)) for r in picked
    ]
    return SingleChoice(
        type="single",
        id=f"gen-{'most' if highest else 'least'}-{slug(feature)}",
        sections=sorted({winners[0][4]}),
        options=options,
        prompt=f"In the dataset's ratings, which of these working relationships is the {word}?",
        hint=f"Look at the {ds.feature_name(feature).lower()} column of the heatmap.",
    )


def _word(ds: Dataset, feature: str, highest: bool) -> str:
    row = ds.features[ds.features["id"].astype(str) == feature].iloc[0]
    col = "question_word_high" if highest else "question_word_low"
    word = str(row.get(col, "") or "")
    return word or f"{'highest' if highest else 'lowest'} on {ds.feature_name(feature).lower()}"


def _order(ds: Dataset, feature: str, rng: random.Random) -> _Question | None:
    rows = _ratings(ds, feature)
    by_score: dict[int, list[tuple[str, str, int, str, str]]] = {}
    for r in rows:
        by_score.setdefault(r[2], []).append(r)
    if len(by_score) < 3:
        return None
    scores = sorted(by_score, reverse=True)[:4]
    picked = [rng.choice(by_score[s]) for s in scores]
    return Ordering(
        type="ordering",
        id=f"gen-order-{slug(feature)}",
        sections=sorted({r[4] for r in picked}),
        prompt=f"Put these working relationships in order, the {_word(ds, feature, True)} first.",
        items=[Item(text=r[1], feedback=_why(ds, feature, r)) for r in picked],
    )


def _examples(ds: Dataset, rng: random.Random) -> list[_Question]:
    rel = ds.relationships
    names = dict(zip(rel["id"].astype(str), rel["name"].astype(str), strict=True))
    out: list[_Question] = []
    for ex in ds.examples.itertuples():
        right = str(ex.relationship)
        wrong = rng.sample([r for r in names if r != right], min(3, len(names) - 1))
        options = [
            Option(
                text=names[right],
                correct=True,
                feedback=f"{ex.other_party}: {names[right].lower()} is the working relationship here.",
            )
        ]
        options += [
            Option(
                text=names[w],
                correct=False,
                feedback=f"Not this one: {ex.other_party} belongs with {names[right].lower()}.",
            )
            for w in wrong
        ]
        out.append(
            SingleChoice(
                type="single",
                id=f"gen-example-{slug(str(ex.id))}",
                sections=[str(ex.source)],
                prompt=f"Which working relationship is this? {ex.other_party}: {ex.situation}",
                options=options,
            )
        )
    return out


def generate(
    ds: Dataset, kinds: Sequence[str] = KINDS, features: Sequence[str] | None = None, seed: int = 0
) -> list[_Question]:
    """Every question of these kinds that the dataset supports, in a stable order for a seed."""
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise ValueError(f"unknown kind {', '.join(unknown)}; expected some of: {', '.join(KINDS)}")
    rng = random.Random(seed)
    feats = list(features) if features is not None else list(ds.features["id"].astype(str))
    per_kind: list[list[_Question]] = []
    for kind in kinds:
        if kind == "example":
            made: list[_Question | None] = list(_examples(ds, rng))
        elif kind == "order":
            made = [_order(ds, f, rng) for f in feats]
        else:
            made = [_extreme(ds, f, rng, highest=kind == "most") for f in feats]
        per_kind.append([q for q in made if q is not None])
    # Interleave the kinds, so the first few questions already mix them.
    out: list[_Question] = []
    for n in range(max((len(k) for k in per_kind), default=0)):
        out += [k[n] for k in per_kind if n < len(k)]
    return out
