"""The period's QA sample: a guaranteed minimum per collector plus risk-weighted
extra calls, each call with its exact inclusion probability, and the weighted
(Hájek) QA score those probabilities allow. No Django import.

The design, per period, over the frame (each collector's right-party contacts
not evaluated before):

* Minimum phase: from each collector's N_c calls, a simple random sample
  without replacement of n_c = min(N, N_c) calls: pi1 = n_c / N_c.
* Risk phase, drawn independently of the first: every call in the frame is
  drawn on its own (Poisson sampling) with pi2 = min(1, c * w), w the call's
  risk weight, c solved so that the expected number of calls it adds beyond
  the minimum phase is the plan's ``extra_calls``.
* A call is in the sample if either phase drew it. The phases are
  independent, so P(not sampled) = (1 - pi1)(1 - pi2) and
  pi = 1 - (1 - pi1)(1 - pi2) = pi1 + pi2 - pi1 * pi2.

Random numbers come from ``random.Random(seed)``: Python guarantees that
``random()`` gives the same sequence for the same integer seed across
versions, and the calls are put in (collector, call) order before drawing, so
the same frame, plan and seed give the same sample.
"""

from __future__ import annotations

import functools
import math
import operator
import random
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

CallId = Hashable
PersonId = Hashable

# Float noise where c * w lands exactly on 1 must not skip the piece holding c.
_TOLERANCE = 1e-12


class SamplingError(ValueError):
    """A plan or frame that cannot be sampled, with the reason."""


class FrameCall(NamedTuple):
    """A call that may be sampled: its collector and the risk factors it has
    (contact-rule breaches, a new hire, a late bucket... by name)."""

    call_id: CallId
    collector_id: PersonId
    risk_factors: frozenset[str] = frozenset()
    right_party_contact: bool = True


@dataclass(frozen=True)
class SamplingPlan:
    """``minimum_per_collector`` calls per collector; ``extra_calls``: the
    expected number of calls the risk phase adds across all collectors;
    ``risk_weights``: factor name -> multiplier (> 0). A call's risk weight is
    the product of the multipliers of its factors (1 with none); factors the
    plan does not name count 1."""

    minimum_per_collector: int = 4
    extra_calls: float = 0.0
    risk_weights: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if (
            isinstance(self.minimum_per_collector, bool)
            or not isinstance(self.minimum_per_collector, int)
            or self.minimum_per_collector < 0
        ):
            raise SamplingError(
                "The minimum per collector must be a whole number, 0 or more."
            )
        extra = _as_number(self.extra_calls)
        if extra is None or extra < 0:
            raise SamplingError("The number of extra calls must be 0 or more.")
        weights = {}
        for factor, weight in self.risk_weights.items():
            number = _as_number(weight)
            if number is None or number <= 0:
                raise SamplingError(
                    f"The risk weight of {factor!r} must be more than 0, not {weight}."
                )
            weights[factor] = number
        # Weights may come as Decimals from the database: the design works in
        # floats, the precision its probabilities are stored in.
        object.__setattr__(self, "extra_calls", extra)
        object.__setattr__(self, "risk_weights", weights)


def _as_number(value: object) -> float | None:
    """``value`` as a finite float, or None when it is not a finite number."""
    if isinstance(value, bool) or not isinstance(
        value, int | float | Decimal | Fraction
    ):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


class CallProbability(NamedTuple):
    """A frame call's probabilities of being drawn: by the minimum phase, by the
    risk phase, and in all (its inclusion probability)."""

    call: FrameCall
    risk_weight: float
    minimum_probability: float
    risk_probability: float

    @property
    def inclusion_probability(self) -> float:
        return inclusion_probability(self.minimum_probability, self.risk_probability)


@dataclass(frozen=True)
class Design:
    """The frame in drawing order with each call's probabilities (parallel
    tuples: a million small objects would cost more than the draw), and the
    constant c of the risk phase, pi2 = min(1, c * w)."""

    plan: SamplingPlan
    frame: tuple[FrameCall, ...]
    risk_weights: tuple[float, ...]
    minimum_probabilities: tuple[float, ...]
    risk_probabilities: tuple[float, ...]
    risk_scale: float
    minimum_sizes: Mapping[PersonId, int]
    short_collectors: Mapping[PersonId, int]

    @functools.cached_property
    def calls(self) -> tuple[CallProbability, ...]:
        """Each frame call with its probabilities."""
        return tuple(
            map(
                CallProbability,
                self.frame,
                self.risk_weights,
                self.minimum_probabilities,
                self.risk_probabilities,
            )
        )

    @property
    def expected_size(self) -> float:
        return math.fsum(
            inclusion_probability(pi1, pi2)
            for pi1, pi2 in zip(
                self.minimum_probabilities, self.risk_probabilities, strict=True
            )
        )

    @property
    def expected_extra(self) -> float:
        return self.expected_size - sum(self.minimum_sizes.values())


class SampledCall(NamedTuple):
    call_id: CallId
    collector_id: PersonId
    inclusion_probability: float
    minimum_probability: float
    risk_probability: float
    risk_weight: float
    in_minimum_phase: bool
    in_risk_phase: bool


@dataclass(frozen=True)
class Sample:
    seed: int
    calls: tuple[SampledCall, ...]
    design: Design


def inclusion_probability(minimum_probability: float, risk_probability: float) -> float:
    """Drawn by either of two independent phases: 1 - (1 - pi1)(1 - pi2)."""
    return 1 - (1 - minimum_probability) * (1 - risk_probability)


def risk_weight(factors: Iterable[str], weights: Mapping[str, float]) -> float:
    """The product of the weights of the call's factors; 1 with none."""
    return math.prod(weights.get(factor, 1.0) for factor in sorted(set(factors)))


def sampling_design(
    frame: Iterable[FrameCall],
    plan: SamplingPlan,
    *,
    evaluated: Iterable[CallId] = (),
) -> Design:
    """The inclusion probabilities of every eligible call: right-party contacts
    not in ``evaluated``."""
    already = set(evaluated)
    eligible = [
        call
        for call in frame
        if call.right_party_contact and call.call_id not in already
    ]
    try:
        eligible.sort(key=operator.attrgetter("collector_id", "call_id"))
    except TypeError as error:
        raise SamplingError(
            "Call and collector ids must be of one kind (all numbers or all text)."
        ) from error
    if len({call.call_id for call in eligible}) != len(eligible):
        counts = Counter(call.call_id for call in eligible)
        duplicates = [call_id for call_id, n in counts.items() if n > 1]
        raise SamplingError(f"Calls appear twice in the frame: {duplicates[:10]}.")

    per_collector = Counter(call.collector_id for call in eligible)
    minimum_sizes = {
        collector: min(plan.minimum_per_collector, count)
        for collector, count in per_collector.items()
    }
    short = {
        collector: count
        for collector, count in per_collector.items()
        if count < plan.minimum_per_collector
    }
    pi1_of = {
        collector: minimum_sizes[collector] / count
        for collector, count in per_collector.items()
    }
    minimum_probability = [pi1_of[call.collector_id] for call in eligible]
    # Calls share a handful of factor combinations: weigh each combination once.
    weight_of: dict[frozenset[str], float] = {}
    weights = []
    for call in eligible:
        factors = call.risk_factors
        if factors not in weight_of:
            weight_of[factors] = risk_weight(factors, plan.risk_weights)
        weights.append(weight_of[factors])
    # The risk phase's expected size depends on the calls only through the sum
    # of (1 - pi1) at each distinct weight.
    not_in_minimum: defaultdict[float, list[float]] = defaultdict(list)
    for weight, pi1 in zip(weights, minimum_probability, strict=True):
        not_in_minimum[weight].append(1 - pi1)
    scale = _risk_scale(
        {weight: math.fsum(shares) for weight, shares in not_in_minimum.items()},
        plan.extra_calls,
    )
    return Design(
        plan=plan,
        frame=tuple(eligible),
        risk_weights=tuple(weights),
        minimum_probabilities=tuple(minimum_probability),
        risk_probabilities=tuple(min(1.0, scale * weight) for weight in weights),
        risk_scale=scale,
        minimum_sizes=minimum_sizes,
        short_collectors=short,
    )


def draw_sample(design: Design, seed: int) -> Sample:
    """Draw the sample of ``design`` from the integer ``seed``."""
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise SamplingError("The seed must be a whole number.")
    generator = random.Random(seed)  # noqa: S311 - a survey sample, not a secret
    # Minimum phase: each collector's n_c calls with the smallest uniform keys
    # are a simple random sample without replacement of that collector's calls.
    keys = [generator.random() for _ in design.frame]
    by_collector: dict[PersonId, list[int]] = defaultdict(list)
    for index, call in enumerate(design.frame):
        by_collector[call.collector_id].append(index)
    in_minimum: set[int] = set()
    for collector, indexes in by_collector.items():
        size = design.minimum_sizes[collector]
        in_minimum.update(sorted(indexes, key=keys.__getitem__)[:size])
    # Risk phase: one independent Bernoulli draw per call.
    in_risk = {
        index
        for index, probability in enumerate(design.risk_probabilities)
        if generator.random() < probability
    }
    sampled = []
    for index in sorted(in_minimum | in_risk):
        call = design.frame[index]
        pi1 = design.minimum_probabilities[index]
        pi2 = design.risk_probabilities[index]
        sampled.append(
            SampledCall(
                call_id=call.call_id,
                collector_id=call.collector_id,
                inclusion_probability=inclusion_probability(pi1, pi2),
                minimum_probability=pi1,
                risk_probability=pi2,
                risk_weight=design.risk_weights[index],
                in_minimum_phase=index in in_minimum,
                in_risk_phase=index in in_risk,
            )
        )
    return Sample(seed, tuple(sampled), design)


def _risk_scale(not_in_minimum: Mapping[float, float], extra: float) -> float:
    """The c with sum((1 - pi1) * min(1, c * w)) = extra, from the sum of
    (1 - pi1) at each weight w: the risk phase adds ``extra`` calls beyond the
    minimum phase on average. The sum rises with c and bends where c * w
    reaches 1, so saturate the weights (pi2 = 1) in turn, heaviest first, and
    solve the straight piece that holds c. When ``extra`` is more than the frame
    can give, every call that the minimum phase may miss gets pi2 = 1."""
    weights = sorted(
        (w for w, share in not_in_minimum.items() if share > 0), reverse=True
    )
    if extra <= 0 or not weights:
        return 0.0
    if extra >= math.fsum(not_in_minimum[w] for w in weights):
        return 1.0 / weights[-1]
    for k, weight in enumerate(weights):
        saturated = math.fsum(not_in_minimum[w] for w in weights[:k])
        slope = math.fsum(not_in_minimum[w] * w for w in weights[k:])
        scale = (extra - saturated) / slope
        heavier_saturated = k == 0 or scale * weights[k - 1] >= 1 - _TOLERANCE
        if scale * weight <= 1 + _TOLERANCE and heavier_saturated:
            return scale
    raise AssertionError("No piece of the expected-size curve holds the target.")


@dataclass(frozen=True)
class ScoreEstimate:
    """A collector's QA score: the weighted (Hájek) mean, the plain mean and the
    number of scored calls. None when no call has a score."""

    weighted_mean: float | None
    plain_mean: float | None
    calls: int


def hajek_estimate(scored: Iterable[tuple[float | None, float]]) -> ScoreEstimate:
    """From (score, inclusion probability) pairs: sum(y / pi) / sum(1 / pi) beside
    the plain mean. Calls without a score (every item N/A) are left out."""
    weighted: list[float] = []
    weights: list[float] = []
    plain: list[float] = []
    for score, probability in scored:
        if not 0 < probability <= 1:
            raise SamplingError(
                f"An inclusion probability must be in (0, 1], not {probability}."
            )
        if score is None:
            continue
        weighted.append(float(score) / probability)
        weights.append(1 / probability)
        plain.append(float(score))
    if not plain:
        return ScoreEstimate(None, None, 0)
    return ScoreEstimate(
        math.fsum(weighted) / math.fsum(weights),
        math.fsum(plain) / len(plain),
        len(plain),
    )


def collector_estimates(
    scored: Iterable[tuple[PersonId, float | None, float]],
) -> dict[PersonId, ScoreEstimate]:
    """Per collector, from (collector, score, inclusion probability) triples."""
    grouped: dict[PersonId, list[tuple[float | None, float]]] = defaultdict(list)
    for collector, score, probability in scored:
        grouped[collector].append((score, probability))
    return {collector: hajek_estimate(pairs) for collector, pairs in grouped.items()}
