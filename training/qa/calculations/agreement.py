"""How far QA analysts agree when they score the same calls (calibration):
Cohen's kappa, Fleiss' kappa, Krippendorff's alpha, each analyst's deviation
from the others, and the items whose agreement is too low. No Django import.

Counts are kept as exact fractions and turned into a float only at the end, so
"undefined" (no variation to correct for chance) is decided exactly, never by
a float that came out 1e-17 away from zero. Undefined statistics are None.

Ratings are any comparable values (True/False, scale points, category names);
None is a missing rating.
"""

from __future__ import annotations

import enum
import statistics
from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

Rating = Any
UnitId = Hashable
RaterId = Hashable

# Krippendorff's lowest alpha for drawing even tentative conclusions from data
# (Content Analysis, 2004, 241): below it, an item reads as ambiguous.
DEFAULT_AMBIGUITY_THRESHOLD = 0.667


class AgreementError(ValueError):
    """Ratings that a statistic cannot take, with the reason."""


class KappaWeights(enum.StrEnum):
    """How much a disagreement between two categories counts, by their distance
    d in the category order: unweighted 1 (any disagreement), linear d,
    quadratic d squared (a near miss on a scale counts little)."""

    NONE = "none"
    LINEAR = "linear"
    QUADRATIC = "quadratic"


class Level(enum.StrEnum):
    """Krippendorff's levels of measurement: the distance between two values."""

    NOMINAL = "nominal"  # same or different
    ORDINAL = "ordinal"  # by the ratings that lie between them
    INTERVAL = "interval"  # squared numeric difference


def cohen_kappa(
    first: Sequence[Rating],
    second: Sequence[Rating],
    *,
    weights: KappaWeights | str | None = KappaWeights.NONE,
    categories: Sequence[Rating] | None = None,
) -> float | None:
    """Cohen's kappa between two raters who rated the same units, in order:
    1 - sum(w * observed) / sum(w * expected), expected from each rater's own
    category frequencies. Units either rater left unrated (None) are left out.
    ``categories`` gives the order for weighted kappa (default: the ratings
    given, sorted). None when undefined: no unit rated by both, or both raters
    used one and the same category (nothing to correct for chance)."""
    weights = KappaWeights(weights or KappaWeights.NONE)
    if len(first) != len(second):
        raise AgreementError(
            f"The two raters rated {len(first)} and {len(second)} units: "
            "give one rating (or None) per unit from each."
        )
    pairs = [(a, b) for a, b in zip(first, second, strict=True) if _rated(a, b)]
    if not pairs:
        return None
    order = _category_order([value for pair in pairs for value in pair], categories)
    index = {category: position for position, category in enumerate(order)}
    observed = Counter((index[a], index[b]) for a, b in pairs)
    first_counts = Counter(index[a] for a, _ in pairs)
    second_counts = Counter(index[b] for _, b in pairs)

    def weight(i: int, j: int) -> int:
        if weights is KappaWeights.NONE:
            return int(i != j)
        if weights is KappaWeights.LINEAR:
            return abs(i - j)
        return (i - j) ** 2

    # Both sums are scaled by n^2 so that they stay whole numbers.
    disagreement = len(pairs) * sum(
        weight(i, j) * count for (i, j), count in observed.items()
    )
    chance = sum(
        weight(i, j) * first_counts[i] * second_counts[j]
        for i in first_counts
        for j in second_counts
    )
    if chance == 0:
        return None
    return float(1 - Fraction(disagreement, chance))


def fleiss_kappa(
    units: Sequence[Sequence[Rating]], *, categories: Sequence[Rating] | None = None
) -> float | None:
    """Fleiss' kappa for units each rated by the same number (two or more) of
    raters, not necessarily the same people: (P - Pe) / (1 - Pe), P the mean
    share of agreeing rater pairs within a unit and Pe the chance of that from
    the overall category shares. Missing ratings are refused (Krippendorff's
    alpha takes them). None when every rating is the same category."""
    if not units:
        return None
    raters = len(units[0])
    if raters < 2:
        raise AgreementError("Fleiss' kappa needs at least two ratings per unit.")
    for number, unit in enumerate(units, start=1):
        if len(unit) != raters or any(rating is None for rating in unit):
            raise AgreementError(
                f"Unit {number} has {sum(r is not None for r in unit)} ratings, not "
                f"{raters}: Fleiss' kappa needs every unit rated as often; "
                "use Krippendorff's alpha for missing ratings."
            )
    order = _category_order([r for unit in units for r in unit], categories)
    totals: Counter[Rating] = Counter()
    agreeing_pairs = 0
    for unit in units:
        counts = Counter(unit)
        totals.update(counts)
        agreeing_pairs += sum(n * (n - 1) for n in counts.values())
    ratings = len(units) * raters
    observed = Fraction(agreeing_pairs, len(units) * raters * (raters - 1))
    expected = sum(Fraction(totals[c], ratings) ** 2 for c in order)
    if expected == 1:
        return None
    return float((observed - expected) / (1 - expected))


def krippendorff_alpha(
    units: Sequence[Sequence[Rating]],
    *,
    level: Level | str = Level.NOMINAL,
    categories: Sequence[Rating] | None = None,
) -> float | None:
    """Krippendorff's alpha from each unit's ratings (None where a rater did
    not rate it): 1 - (n - 1) sum(o_ck d_ck) / sum(n_c n_k d_ck), o the
    coincidences of values within units, n_c their totals and d the squared
    distance of ``level``. Units with fewer than two ratings are left out.
    ``categories`` orders ordinal values (default: sorted). None when fewer than
    two ratings pair up, or every paired rating is the same value."""
    level = Level(level)
    pairable = [[rating for rating in unit if rating is not None] for unit in units]
    pairable = [values for values in pairable if len(values) >= 2]
    coincidences: defaultdict[tuple[Rating, Rating], Fraction] = defaultdict(Fraction)
    for values in pairable:
        share = Fraction(1, len(values) - 1)
        counts = Counter(values)
        for c, count_c in counts.items():
            for k, count_k in counts.items():
                pairs = count_c * (count_k - 1) if c == k else count_c * count_k
                if pairs:
                    coincidences[c, k] += pairs * share
    totals: defaultdict[Rating, Fraction] = defaultdict(Fraction)
    for (c, _), count in coincidences.items():
        totals[c] += count
    if categories is not None:
        _category_order(list(totals), categories)  # refuses unknown ratings
    n = sum(totals.values())
    if n < 2:
        return None
    distance = _distance(level, totals, categories)
    observed = sum(count * distance(c, k) for (c, k), count in coincidences.items())
    expected = sum(
        totals[c] * totals[k] * distance(c, k) for c in totals for k in totals
    )
    if expected == 0:
        return None
    return float(1 - (n - 1) * observed / expected)


def _distance(level: Level, totals: Mapping[Rating, Fraction], categories):
    if level is Level.NOMINAL:
        return lambda c, k: 0 if c == k else 1
    if level is Level.INTERVAL:
        for value in totals:
            if isinstance(value, bool) or not isinstance(
                value, int | float | Fraction | Decimal
            ):
                raise AgreementError(
                    f"Interval alpha needs numbers as ratings, not {value!r}."
                )
        return lambda c, k: (Fraction(c) - Fraction(k)) ** 2
    order = _category_order(list(totals), categories)
    # Cumulative totals: the ratings from the first category up to each one.
    cumulative: dict[Rating, Fraction] = {}
    running = Fraction(0)
    for category in order:
        running += totals.get(category, Fraction(0))
        cumulative[category] = running

    def ordinal(c: Rating, k: Rating) -> Fraction:
        low, high = sorted((c, k), key=order.index)
        between = cumulative[high] - cumulative[low] + totals[low]
        return (between - (totals[c] + totals[k]) / 2) ** 2

    return ordinal


def _rated(*ratings: Rating) -> bool:
    return all(rating is not None for rating in ratings)


def _category_order(
    ratings: Sequence[Rating], categories: Sequence[Rating] | None
) -> list[Rating]:
    if categories is None:
        try:
            return sorted(set(ratings))
        except TypeError as error:
            raise AgreementError(
                "Ratings of different kinds cannot be ordered: give the categories."
            ) from error
    order = list(dict.fromkeys(categories))
    unknown = set(ratings) - set(order)
    if unknown:
        raise AgreementError(
            f"Ratings outside the categories {order}: {sorted(map(repr, unknown))}."
        )
    return order


@dataclass(frozen=True)
class RaterDeviation:
    """How one analyst's ratings sit against the others': the mean signed
    difference (above 0: they score higher, more lenient) and the mean absolute
    difference, over the ``units`` they rated along with at least one other."""

    rater: RaterId
    units: int
    mean_deviation: float | None
    mean_absolute_deviation: float | None


def consensus_deviations(
    ratings: Mapping[UnitId, Mapping[RaterId, float | None]],
) -> dict[RaterId, RaterDeviation]:
    """Each rater against the consensus of the others: for every unit they
    rated, their rating minus the median of the other raters' ratings of it.
    Leaving the rater out keeps them from pulling the consensus their way; the
    median keeps one outlying colleague from moving it."""
    differences: dict[RaterId, list[float]] = {}
    for by_rater in ratings.values():
        given = {r: float(v) for r, v in by_rater.items() if v is not None}
        for rater in by_rater:
            differences.setdefault(rater, [])
            if rater not in given or len(given) < 2:
                continue
            others = [v for r, v in given.items() if r != rater]
            differences[rater].append(given[rater] - statistics.median(others))
    return {
        rater: RaterDeviation(
            rater=rater,
            units=len(values),
            mean_deviation=statistics.fmean(values) if values else None,
            mean_absolute_deviation=(
                statistics.fmean(abs(v) for v in values) if values else None
            ),
        )
        for rater, values in differences.items()
    }


@dataclass(frozen=True)
class ItemAgreement:
    """The agreement on one scorecard item over a calibration session's calls.

    ``cohen_kappa`` with exactly two raters (quadratic-weighted for scales),
    ``fleiss_kappa`` with three or more who all rated every call, ``alpha``
    always (nominal for yes/no, ordinal for scales); ``ambiguous`` when alpha
    is below the threshold; ``note`` says why a statistic is missing."""

    item: str
    raters: int
    units: int
    cohen_kappa: float | None
    fleiss_kappa: float | None
    alpha: float | None
    alpha_level: Level
    threshold: float
    ambiguous: bool
    note: str


def item_agreement(
    item: str,
    ratings: Mapping[UnitId, Mapping[RaterId, Rating]],
    *,
    scale: bool,
    scale_points: Sequence[int] | None = None,
    threshold: float = DEFAULT_AMBIGUITY_THRESHOLD,
) -> ItemAgreement:
    """Agreement on ``item`` from {call: {analyst: rating or None}}. For a scale
    item, ``scale_points`` (e.g. range(0, 5)) orders the ratings."""
    raters = list(dict.fromkeys(r for by_rater in ratings.values() for r in by_rater))
    matrix = [[by_rater.get(r) for r in raters] for by_rater in ratings.values()]
    categories = list(scale_points) if scale and scale_points is not None else None
    level = Level.ORDINAL if scale else Level.NOMINAL
    alpha = krippendorff_alpha(matrix, level=level, categories=categories)
    notes = []
    cohen = fleiss = None
    if len(raters) == 2:
        cohen = cohen_kappa(
            [row[0] for row in matrix],
            [row[1] for row in matrix],
            weights=KappaWeights.QUADRATIC if scale else KappaWeights.NONE,
            categories=categories,
        )
    elif len(raters) > 2:
        if all(_rated(*row) for row in matrix):
            fleiss = fleiss_kappa(matrix, categories=categories)
        else:
            notes.append("Fleiss' kappa needs every call rated by every analyst.")
    if alpha is None:
        given = {rating for row in matrix for rating in row if rating is not None}
        if len(given) == 1:
            notes.append(
                "Every analyst gave the same rating to every call: they agree, but "
                "there is no variation for a chance-corrected statistic to measure."
            )
        else:
            notes.append("Too few calls rated by two or more analysts.")
    return ItemAgreement(
        item=item,
        raters=len(raters),
        units=len(matrix),
        cohen_kappa=cohen,
        fleiss_kappa=fleiss,
        alpha=alpha,
        alpha_level=level,
        threshold=threshold,
        ambiguous=alpha is not None and alpha < threshold,
        note=" ".join(notes),
    )
