"""Moodle's grade values, and how the collection's scores are written with them.

Moodle's importer accepts an answer's ``fraction`` only from a fixed list of percentages (and their
negatives). The collection's own rule for multiple select is (right ticks − wrong ticks) ÷ right
options, never below 0: each right option is worth 100 ÷ right options, and each wrong tick takes
the same away. :func:`shares` and :func:`penalty` write that rule with values from the list.
"""

from __future__ import annotations

from functools import cache

#: The grade values Moodle offers, highest first (question/format.php and the question editor).
GRADES: tuple[float, ...] = (
    100.0, 90.0, 83.33333, 80.0, 75.0, 70.0, 66.66667, 60.0, 50.0, 40.0, 33.33333, 30.0, 25.0,
    20.0, 16.66667, 14.28571, 12.5, 11.11111, 10.0, 5.0, 0.0,
)  # fmt: skip
#: Moodle compares grades with this tolerance, so 3 × 33.33333 counts as 100.
TOLERANCE = 0.0001
#: The most right options a multiple-select question can have: 20 × 5 = 100.
MAX_RIGHT = round(100 / min(g for g in GRADES if g > 0))


def is_grade(value: float) -> bool:
    """Whether ``value`` (or its negative) is on Moodle's list."""
    return any(abs(abs(value) - g) < TOLERANCE for g in GRADES)


def fmt(value: float) -> str:
    """A fraction as Moodle writes it: ``100``, ``-50``, ``33.33333``."""
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@cache
def shares(n: int) -> tuple[float, ...]:
    """Grades for ``n`` right options that add up to 100, as equal as the list allows.

    Equal shares when 100 ÷ n is on the list (n = 1 to 10, 20); otherwise two neighbouring values,
    the larger ones first (11 right options: nine of 10 and two of 5).
    """
    if not 1 <= n <= MAX_RIGHT:
        raise ValueError(f"Moodle can share 100 among 1 to {MAX_RIGHT} right options, not {n}")
    positive = [g for g in GRADES if g > 0]
    best: tuple[float, tuple[float, ...]] | None = None
    for i, high in enumerate(positive):
        for low in positive[i:]:
            for k in range(n + 1):
                if abs(k * high + (n - k) * low - 100) < TOLERANCE * n:
                    spread = high - low if 0 < k < n else 0.0
                    if best is None or spread < best[0]:
                        best = (spread, (high,) * k + (low,) * (n - k))
    if best is None:  # pragma: no cover - every n up to MAX_RIGHT has a combination
        raise ValueError(f"no combination of Moodle grades shares 100 among {n} options")
    return best[1]


def penalty(n_right: int, n_wrong: int) -> float:
    """The (positive) grade a wrong tick takes away.

    It is the collection's own 100 ÷ right options, raised when needed so that the wrong options
    together take away at least 100: ticking every box then scores nothing. It is the smallest
    value on Moodle's list that does both.
    """
    if n_wrong == 0:
        return 0.0
    need = max(100 / n_right, 100 / n_wrong)
    return min(g for g in GRADES if g >= need - TOLERANCE)
