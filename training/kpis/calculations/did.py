"""Training effectiveness: did a KPI move more for collectors who took a
course than for those not yet trained, over the same before and after
periods? A difference-in-differences, with a bootstrap interval over
collectors and a reading in plain words.

- Each collector has the KPI's value in the before period and in the after
  period; one with no data in either is left out (and counted as left out).
- The estimate is the mean change (after − before) of the trained less the
  mean change of the not yet trained. On a panel where every collector has
  both values it equals the interaction coefficient of the regression
  ``y ~ trained * after`` (the tests check it against statsmodels).
- The interval: resample collectors with replacement within each group
  (``resamples`` times, from ``seed``, so the same data always gives the same
  interval), recompute the estimate, and take the percentiles of the
  resampled estimates (linear interpolation between order statistics, as
  numpy's default) that leave ``(1 − confidence) / 2`` in each tail.
- Fewer than ``minimum_group_size`` collectors in either group: no number,
  the result says the groups are too small.
"""

import math
import random
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .measures import FactTotals, Measure, Unit, read, round_to

RESAMPLES = 2000
CONFIDENCE = 0.95
MINIMUM_GROUP_SIZE = 10
SEED = 22  # any fixed number: the interval must not change between page views

# How a change is said: the places shown and the word after the number.
SAID_AS = {
    Unit.PERCENT: (1, " points"),  # percentage points
    Unit.SCORE: (1, " points"),
    Unit.SECONDS: (1, " seconds"),
    Unit.PER_HOUR: (2, ""),
    Unit.MONEY: (2, ""),
}


@dataclass(frozen=True)
class Change:
    """One collector's KPI value before and after; None: no data then."""

    collector: Hashable
    before: Decimal | None
    after: Decimal | None

    @classmethod
    def of(
        cls,
        collector: Hashable,
        measure: Measure,
        before: FactTotals,
        after: FactTotals,
    ) -> "Change":
        """The change in ``measure`` between two periods' summed facts."""
        return cls(collector, read(measure, before).value, read(measure, after).value)

    @property
    def difference(self) -> Fraction | None:
        if self.before is None or self.after is None:
            return None
        return Fraction(self.after) - Fraction(self.before)


@dataclass(frozen=True)
class DidEstimate:
    label: str
    unit: Unit
    trained: int  # collectors counted, with a value in both periods
    untrained: int
    trained_left_out: int  # no data in one of the periods
    untrained_left_out: int
    trained_change: float | None  # mean after − before
    untrained_change: float | None
    estimate: float | None  # None: the groups are too small
    low: float | None
    high: float | None
    confidence: float
    resamples: int
    seed: int
    minimum_group_size: int

    @property
    def too_small(self) -> bool:
        return self.estimate is None

    @property
    def reading(self) -> str:
        if self.too_small:
            return (
                f"Too few collectors to compare {self.label}: {self.trained} trained "
                f"and {self.untrained} not yet trained with data in both periods; "
                f"at least {self.minimum_group_size} in each group are needed."
            )
        return plain_reading(
            label=self.label,
            unit=self.unit,
            estimate=self.estimate,
            low=self.low,
            high=self.high,
            confidence=self.confidence,
            trained=self.trained,
            untrained=self.untrained,
        )


def difference_in_differences(
    measure: Measure,
    trained: Sequence[Change],
    untrained: Sequence[Change],
    *,
    label: str | None = None,
    resamples: int = RESAMPLES,
    confidence: float = CONFIDENCE,
    seed: int = SEED,
    minimum_group_size: int = MINIMUM_GROUP_SIZE,
) -> DidEstimate:
    """The difference-in-differences of ``measure`` between the groups."""
    if not 0 < confidence < 1:
        raise ValueError("the confidence must be between 0 and 1")
    if resamples < 1 or minimum_group_size < 2:
        raise ValueError("at least one resample and groups of two are needed")
    both = {c.collector for c in trained} & {c.collector for c in untrained}
    if both:
        raise ValueError(f"collectors in both groups: {sorted(map(str, both))}")
    trained_differences = _differences(trained)
    untrained_differences = _differences(untrained)
    n_trained, n_untrained = len(trained_differences), len(untrained_differences)
    result = {
        "label": label or measure.label,
        "unit": measure.unit,
        "trained": n_trained,
        "untrained": n_untrained,
        "trained_left_out": len(trained) - n_trained,
        "untrained_left_out": len(untrained) - n_untrained,
        "trained_change": _mean(trained_differences),
        "untrained_change": _mean(untrained_differences),
        "confidence": confidence,
        "resamples": resamples,
        "seed": seed,
        "minimum_group_size": minimum_group_size,
    }
    if min(n_trained, n_untrained) < minimum_group_size:
        return DidEstimate(**result, estimate=None, low=None, high=None)
    estimate = float(
        sum(trained_differences, Fraction(0)) / n_trained
        - sum(untrained_differences, Fraction(0)) / n_untrained
    )
    resampled = sorted(
        bootstrap_estimates(
            [float(d) for d in trained_differences],
            [float(d) for d in untrained_differences],
            resamples=resamples,
            seed=seed,
        )
    )
    tail = (1 - confidence) / 2
    return DidEstimate(
        **result,
        estimate=estimate,
        low=percentile(resampled, tail),
        high=percentile(resampled, 1 - tail),
    )


def _differences(changes: Sequence[Change]) -> list[Fraction]:
    return [c.difference for c in changes if c.difference is not None]


def _mean(differences: list[Fraction]) -> float | None:
    if not differences:
        return None
    return float(sum(differences, Fraction(0)) / len(differences))


def bootstrap_estimates(
    trained_differences: Sequence[float],
    untrained_differences: Sequence[float],
    *,
    resamples: int,
    seed: int,
) -> list[float]:
    """The estimate recomputed on ``resamples`` resamplings of collectors,
    each group resampled with replacement to its own size."""
    rng = random.Random(seed)  # noqa: S311 - a statistic, reproducible by seed
    n_trained, n_untrained = len(trained_differences), len(untrained_differences)
    estimates = []
    for _ in range(resamples):
        trained = rng.choices(trained_differences, k=n_trained)
        untrained = rng.choices(untrained_differences, k=n_untrained)
        estimates.append(
            math.fsum(trained) / n_trained - math.fsum(untrained) / n_untrained
        )
    return estimates


def percentile(ordered: Sequence[float], quantile: float) -> float:
    """The ``quantile`` (0 to 1) of sorted values, interpolating linearly
    between the order statistics around rank ``quantile × (n − 1)``."""
    if not ordered:
        raise ValueError("no values")
    rank = quantile * (len(ordered) - 1)
    below = math.floor(rank)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (rank - below) * (ordered[above] - ordered[below])


def plain_reading(
    *,
    label: str,
    unit: Unit,
    estimate: float,
    low: float,
    high: float,
    confidence: float,
    trained: int,
    untrained: int,
) -> str:
    """E.g. "PTP kept rate rose 4.1 points more for trained collectors;
    95% interval 1.2 to 7.0; 18 trained, 42 not yet"."""
    places, word = SAID_AS[unit]

    def said(number: float) -> str:
        return f"{round_to(Fraction(number), places):,.{places}f}"

    shown = round_to(Fraction(estimate), places)
    if shown > 0:
        change = f"{label} rose {said(estimate)}{word} more for trained collectors"
    elif shown < 0:
        change = f"{label} fell {said(-estimate)}{word} more for trained collectors"
    else:
        change = (
            f"{label} changed the same for trained collectors "
            "as for those not yet trained"
        )
    share = f"{Decimal(str(confidence)) * 100:f}".rstrip("0").rstrip(".")
    return (
        f"{change}; {share}% interval {said(low)} to {said(high)}; "
        f"{trained} trained, {untrained} not yet"
    )
