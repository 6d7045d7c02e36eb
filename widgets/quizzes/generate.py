"""Questions made from the dataset, so a new relationship, feature or example adds questions.

Kinds:
- ``most`` / ``least``: "In this collection's ratings, which of these is the most formal?" for every
  feature whose top (or bottom) score belongs to one relationship only;
- ``order``: "Put these in order, most formal first" for every feature with three relationships
  whose scores are far enough apart;
- ``example``: "Which working relationship is this example?" for every row of examples.csv; an
  example that fits more than one type (its ``also_fits`` column) becomes "choose all that fit".

The ratings are teaching judgements, so every question says they are this collection's ratings, and
two relationships are only compared when their scores differ by at least `MIN_GAP` points: a
one-point difference is a matter of opinion, not something to mark wrong. Every option's feedback
quotes the rating, its scale word and the rationale from the dataset.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from itertools import combinations
from typing import TYPE_CHECKING, Any, NamedTuple

from widgets.errors import DataError
from widgets.quizzes.models import (
    Item,
    MultipleSelect,
    Option,
    Ordering,
    SingleChoice,
    _Question,
    slug,
)

if TYPE_CHECKING:
    from widgets.dataset import Dataset

KINDS = ("most", "least", "order", "example")
MIN_GAP = 2  # points on the 0-4 scale between any two relationships a question compares
OUR_RATINGS = "In this collection's ratings"


class Rated(NamedTuple):
    id: str
    name: str
    score: int
    rationale: str
    source: str


def _ratings(ds: Dataset, feature: str) -> list[Rated]:
    """One row per relationship for one feature, in the guide's order."""
    names = dict(
        zip(ds.relationships["id"].astype(str), ds.relationships["name"].astype(str), strict=True)
    )
    rows = ds.ratings[ds.ratings["feature"].astype(str) == feature]
    order = list(names)
    out = [
        Rated(
            str(r.relationship),
            names[str(r.relationship)],
            int(r.score),
            str(r.rationale),
            str(r.source),
        )
        for r in rows.itertuples()
    ]
    return sorted(out, key=lambda x: order.index(x.id))


def _why(ds: Dataset, feature: str, row: Rated) -> str:
    return (
        f"{row.name}: rated {row.score} ({ds.label(feature, row.score)}) for "
        f"{ds.feature_name(feature).lower()} in this collection. {row.rationale}"
    )


def _word(ds: Dataset, feature: str, highest: bool) -> str:
    row = ds.features[ds.features["id"].astype(str) == feature].iloc[0]
    col = "question_word_high" if highest else "question_word_low"
    word = str(row.get(col, "") or "")
    return word or f"{'highest' if highest else 'lowest'} on {ds.feature_name(feature).lower()}"


def _extreme(ds: Dataset, feature: str, rng: random.Random, highest: bool) -> _Question | None:
    rows = _ratings(ds, feature)
    best = (max if highest else min)(r.score for r in rows)
    winners = [r for r in rows if r.score == best]
    if len(winners) != 1:
        return None
    others = [r for r in rows if abs(r.score - best) >= MIN_GAP]
    if len(others) < 2:
        return None  # too few clear contrasts for a three-option question
    picked = [winners[0], *rng.sample(others, min(3, len(others)))]
    options = [
        Option(text=r.name, correct=r is winners[0], feedback=_why(ds, feature, r)) for r in picked
    ]
    return SingleChoice(
        type="single",
        id=f"gen-{'most' if highest else 'least'}-{slug(feature)}",
        sections=sorted({winners[0].source}),
        options=options,
        prompt=f"{OUR_RATINGS}, which of these working relationships is the "
        f"{_word(ds, feature, highest)}?",
        hint=f"Look at the {ds.feature_name(feature).lower()} column of the heatmap.",
    )


def _order(ds: Dataset, feature: str, rng: random.Random) -> _Question | None:
    rows = _ratings(ds, feature)
    spread = [
        trio
        for trio in combinations(sorted({r.score for r in rows}, reverse=True), 3)
        if all(a - b >= MIN_GAP for a, b in zip(trio, trio[1:], strict=False))
    ]
    if not spread:
        return None
    scores = rng.choice(spread)
    picked = [rng.choice([r for r in rows if r.score == s]) for s in scores]
    return Ordering(
        type="ordering",
        id=f"gen-order-{slug(feature)}",
        sections=sorted({r.source for r in picked}),
        prompt=f"{OUR_RATINGS}, put these working relationships in order, the "
        f"{_word(ds, feature, True)} first.",
        items=[Item(text=r.name, feedback=_why(ds, feature, r)) for r in picked],
    )


def _fits(ex: Any, known: dict[str, str], line: int) -> list[str]:
    """The example's relationship, then the others it also fits (from `also_fits`)."""
    raw = getattr(ex, "also_fits", None)
    also = [] if raw is None or raw != raw else str(raw).split()  # raw != raw: pandas' NaN
    unknown = [a for a in also if a not in known]
    if unknown:
        raise DataError(
            "examples.csv",
            "is not a relationship id in relationships.csv",
            line=line,
            column="also_fits",
            value=unknown[0],
            expected="relationship ids separated by spaces, one of: " + ", ".join(known),
        )
    main = str(ex.relationship)
    return [main, *[a for a in also if a != main]]


def _examples(ds: Dataset, rng: random.Random) -> list[_Question]:
    rel = ds.relationships
    names = dict(zip(rel["id"].astype(str), rel["name"].astype(str), strict=True))
    out: list[_Question] = []
    for line, ex in enumerate(ds.examples.itertuples(), start=2):
        fits = _fits(ex, names, line)
        rest = [r for r in names if r not in fits]
        wrong = rng.sample(rest, min(max(3 if len(fits) == 1 else len(fits), 2), len(rest)))
        who = str(ex.other_party)
        options = [
            Option(
                text=names[r],
                correct=True,
                feedback=f"Yes: {who} fits {names[r].lower()} in this collection.",
            )
            for r in fits
        ]
        options += [
            Option(
                text=names[w],
                correct=False,
                feedback=f"Not here: in this collection, {who} fits "
                + " and ".join(names[r].lower() for r in fits)
                + ".",
            )
            for w in wrong
        ]
        common = {
            "id": f"gen-example-{slug(str(ex.id))}",
            "sections": [str(ex.source)],
            "options": options,
        }
        if len(fits) == 1:
            question: _Question = SingleChoice(
                type="single",
                prompt=f"Which working relationship is this? {who}: {ex.situation}",
                **common,
            )
        else:
            question = MultipleSelect(
                type="multiple",
                prompt=f"This example fits more than one working relationship. Choose all that fit. "
                f"{who}: {ex.situation}",
                **common,
            )
        out.append(question)
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
