"""Card-sort sets for the activities away from the screen, made from the banks and the dataset.

- Scenario sets: one per sorting question (the boundaries bank's "always / never / it depends"
  sort among them). Its categories become header cards, its items the cards to sort, and blank
  cards let groups add a situation of their own.
- The ranking set: a card for each relationship type, a card for each feature to rank them by,
  and a card for each level of the rating scale (for "stand on the line").

Nothing here names a relationship, feature or category: a new row in the data is a new card.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from widgets.dataset import Dataset
    from widgets.quizzes.models import Bank

#: Blank cards added to each scenario set.
BLANKS = 4


@dataclass(frozen=True)
class Card:
    """One card: its main text, an optional smaller line, and its group (header, card, blank...)."""

    text: str
    detail: str = ""
    group: str = "card"


@dataclass
class CardSet:
    slug: str
    title: str
    how_to: str
    cards: list[Card] = field(default_factory=list)

    def pages(self, per_page: int) -> list[list[Card]]:
        return [self.cards[i : i + per_page] for i in range(0, len(self.cards), per_page)]


def scenario_sets(banks: list[tuple[str, Bank]]) -> list[CardSet]:
    """A set for every sorting question in these banks."""
    sets = []
    for bank_id, bank in banks:
        for q in bank.questions:
            if getattr(q, "type", "") != "sorting":
                continue
            labels = [c.label for c in q.categories]
            cards = [Card(label, "Header card", "header") for label in labels]
            cards += [Card(item.text) for item in q.items]
            cards += [Card("", "Write your own situation here.", "blank") for _ in range(BLANKS)]
            sets.append(
                CardSet(
                    f"{bank_id}-{q.id}",
                    q.prompt,
                    "Lay the header cards in a row: "
                    + ", ".join(f"“{label}”" for label in labels)
                    + ". Groups place each situation card under one header and say why. "
                    f"The answers are in the answer key for “{bank.title}”.",
                    cards,
                )
            )
    return sets


def ranking_set(ds: Dataset) -> CardSet:
    """Relationship-type cards, feature cards to rank them by, and scale cards."""
    cards = [
        Card(str(row.name), str(row.description), "relationship")
        for row in ds.relationships.itertuples()
    ]
    cards += [
        Card(
            str(row.name),
            f"Rank the relationship cards from {row.question_word_high} to "
            f"{row.question_word_low}. {row.description}",
            "feature",
        )
        for row in ds.features.itertuples()
    ]
    low, high = min(ds.scale), max(ds.scale)
    cards += [
        Card(f"Level {level}", f"On the rating scale from {low} to {high}", "scale")
        for level in ds.scale
    ]
    return CardSet(
        "relationships-and-features",
        "Relationship types and features",
        "Give each group the relationship cards and one feature card. They rank the relationships "
        "by that feature, then compare their order with the comparison charts. The scale cards "
        "mark the places on the floor for “stand on the line”.",
        cards,
    )


def card_texts(card_set: CardSet) -> list[str]:
    """The printed main text of every card that has one (for checks)."""
    return [c.text for c in card_set.cards if c.text]
