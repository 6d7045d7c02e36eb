"""What the bank checker adds for written questions: each names a criterion of the unit
(`data/criteria.yaml`), and the criteria file itself can be read."""

from __future__ import annotations

from collections.abc import Callable

from widgets.errors import DataError
from widgets.quizzes.models import Bank, Written
from widgets.written.criteria import load_unit

Add = Callable[[int, str, str, str, str, object], None]


def criterion_findings(bank: Bank, add: Add) -> list[DataError]:
    """Call `add(n, id, field, problem, expected, value)` for each written question whose criterion
    is not in the unit; return the criteria file's own problems when it cannot be read."""
    written = [(n, q) for n, q in enumerate(bank.questions) if isinstance(q, Written)]
    if not written:
        return []
    try:
        unit = load_unit()
    except DataError as exc:
        return list(getattr(exc, "errors", [exc]))
    known = [c.number for c in unit.criteria]
    for n, q in written:
        if q.criterion not in known:
            add(
                n,
                q.id,
                "criterion",
                "is not a criterion of the unit in data/criteria.yaml",
                f"one of: {', '.join(known)}",
                q.criterion,
            )
    return []
