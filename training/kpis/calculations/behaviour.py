"""Kirkpatrick's level 3 from QA: how a group scored on a scorecard item in
a period, each evaluated call weighted by its sampling weight (1/π), so the
figure estimates the group's calls, not the sample's (the Hájek mean, as
for the QA score).

An answer scores 100 for yes, 0 for no, v ÷ N × 100 for v on a scale of 0
to N; N/A has no score and leaves the mean. Exact fractions, rounded once
(2 places, half away from zero).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .measures import round_to

PLACES = 2


def answer_points(answer: str, scale_max: int | None = None) -> Fraction | None:
    """An item's answer in points out of 100; None for N/A."""
    if answer == "na":
        return None
    if scale_max is None:
        if answer not in ("yes", "no"):
            raise ValueError(f"a yes/no item answered {answer!r}")
        return Fraction(100 if answer == "yes" else 0)
    value = int(answer)
    if not 0 <= value <= scale_max:
        raise ValueError(f"{value} is off the scale 0 to {scale_max}")
    return Fraction(value * 100, scale_max)


@dataclass(frozen=True)
class ItemMean:
    value: Decimal | None  # None: no call with a score
    calls: int


def weighted_item_mean(
    answers: Iterable[tuple[Fraction | None, Fraction]],
) -> ItemMean:
    """Σ points × weight ÷ Σ weight over (points, weight) pairs, the
    weight being 1/π; answers without points are left out."""
    points_by_weight = weights = Fraction(0)
    calls = 0
    for points, weight in answers:
        if points is None:
            continue
        if weight <= 0:
            raise ValueError("a sampling weight is above 0")
        points_by_weight += points * weight
        weights += weight
        calls += 1
    if calls == 0:
        return ItemMean(None, 0)
    return ItemMean(round_to(points_by_weight / weights, PLACES), calls)
