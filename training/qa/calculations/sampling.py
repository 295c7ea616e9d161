"""The period's QA sample: a guaranteed minimum per collector plus risk-weighted
extra calls, each call with its exact inclusion probability; the weighted
(Hájek) QA score those probabilities allow; the sampled calls spread over the
analysts' queues. No Django import.

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
import itertools
import math
import random
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

CallId = Hashable
PersonId = Hashable

# Float noise where c * w lands exactly on 1 must not skip the piece holding c.
_TOLERANCE = 1e-12


class SamplingError(ValueError):
    """A plan or frame that cannot be sampled, with the reason."""


class AssignmentError(ValueError):
    """Calls that no analyst may score; ``calls`` lists them."""

    def __init__(self, message: str, calls: Sequence[CallId]):
        super().__init__(message)
        self.calls = tuple(calls)


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
        if not math.isfinite(self.extra_calls) or self.extra_calls < 0:
            raise SamplingError("The number of extra calls must be 0 or more.")
        for factor, weight in self.risk_weights.items():
            if not math.isfinite(weight) or weight <= 0:
                raise SamplingError(
                    f"The risk weight of {factor!r} must be more than 0, not {weight}."
                )


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
        eligible.sort(key=lambda call: (call.collector_id, call.call_id))
    except TypeError as error:
        raise SamplingError(
            "Call and collector ids must be of one kind (all numbers or all text)."
        ) from error
    duplicates = [
        cid for cid, n in Counter(c.call_id for c in eligible).items() if n > 1
    ]
    if duplicates:
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
    minimum_probability = [
        minimum_sizes[call.collector_id] / per_collector[call.collector_id]
        for call in eligible
    ]
    # Calls share a handful of factor combinations: weigh each combination once.
    weight_of: dict[frozenset[str], float] = {}
    weights = []
    for call in eligible:
        factors = call.risk_factors
        if factors not in weight_of:
            weight_of[factors] = risk_weight(factors, plan.risk_weights)
        weights.append(weight_of[factors])
    scale = _risk_scale([1 - p for p in minimum_probability], weights, plan.extra_calls)
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


def _risk_scale(
    not_in_minimum: Sequence[float], weights: Sequence[float], extra: float
) -> float:
    """The c with sum((1 - pi1) * min(1, c * w)) = extra: the risk phase adds
    ``extra`` calls beyond the minimum phase on average. The sum rises with c and
    bends where c * w reaches 1, so try the calls saturated (pi2 = 1) in order of
    weight, heaviest first, and solve the straight piece that holds c. When
    ``extra`` is more than the frame can give, every call gets pi2 = 1."""
    if extra <= 0 or not weights:
        return 0.0
    order = sorted(range(len(weights)), key=lambda i: -weights[i])
    available = math.fsum(not_in_minimum)
    if extra >= available:
        return 1.0 / min(weights)
    saturated = 0.0  # sum of (1 - pi1) over the k heaviest calls, pi2 = 1
    slope = math.fsum(not_in_minimum[i] * weights[i] for i in order)
    for k, i in enumerate(order):
        if slope > 0:
            scale = (extra - saturated) / slope
            heavier_saturated = (
                k == 0 or scale * weights[order[k - 1]] >= 1 - _TOLERANCE
            )
            if scale * weights[i] <= 1 + _TOLERANCE and heavier_saturated:
                return scale
        saturated += not_in_minimum[i]
        slope -= not_in_minimum[i] * weights[i]
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


def assign_to_queues(
    calls: Sequence[tuple[CallId, PersonId]], analysts: Sequence[PersonId]
) -> dict[CallId, PersonId]:
    """Spread (call, collector) pairs over the analysts so that no analyst gets a
    call they made and the queues are as even as they can be.

    Analysts and collectors are identified by the same person ids. Each call
    rules out at most one analyst (its collector), so by Hall's theorem queue
    sizes L are possible exactly when every analyst's L_a <= T - F_a, T the
    number of calls and F_a the calls analyst a made themselves. The sizes are
    filled like water up to those caps (the most even sizes there are: they
    differ by at most 1 whenever any assignment does), then the calls are routed
    to them by a maximum flow from collectors to analysts.
    """
    analysts = list(dict.fromkeys(analysts))
    stranded = [
        call_id
        for call_id, collector in calls
        if not any(analyst != collector for analyst in analysts)
    ]
    if stranded:
        who = "no analyst" if not analysts else "only the collector themselves"
        raise AssignmentError(
            f"{len(stranded)} call(s) have {who} to score them: {list(stranded[:10])}.",
            stranded,
        )
    if not calls:
        return {}
    analyst_set = set(analysts)
    groups: dict[PersonId | None, list[CallId]] = defaultdict(list)
    for call_id, collector in calls:
        groups[collector if collector in analyst_set else None].append(call_id)
    total = len(calls)
    caps = {a: total - len(groups.get(a, ())) for a in analysts}
    sizes = _even_sizes(analysts, caps, total)
    counts = _route(groups, analysts, sizes, total)
    assignment: dict[CallId, PersonId] = {}
    for group, call_ids in groups.items():
        remaining = iter(call_ids)
        for analyst in analysts:
            for _ in range(counts[group].get(analyst, 0)):
                assignment[next(remaining)] = analyst
    return assignment


def _even_sizes(
    analysts: Sequence[PersonId], caps: Mapping[PersonId, int], total: int
) -> dict[PersonId, int]:
    """Queue sizes summing to ``total``, none above its cap, as even as possible:
    analysts capped below the fair share get their cap, the rest share what is
    left, the extra one call going to those with the largest caps first."""
    position = {analyst: index for index, analyst in enumerate(analysts)}
    by_cap = sorted(analysts, key=lambda a: (caps[a], position[a]))
    sizes: dict[PersonId, int] = {}
    left = total
    for index, analyst in enumerate(by_cap):
        share = left // (len(by_cap) - index)
        if caps[analyst] > share:
            rest = by_cap[index:]
            base, extra = divmod(left, len(rest))
            for rank, other in enumerate(reversed(rest)):
                sizes[other] = base + (1 if rank < extra else 0)
            return sizes
        sizes[analyst] = caps[analyst]
        left -= caps[analyst]
    return sizes


def _route(
    groups: Mapping[PersonId | None, Sequence[CallId]],
    analysts: Sequence[PersonId],
    sizes: Mapping[PersonId, int],
    total: int,
) -> dict[PersonId | None, dict[PersonId, int]]:
    """How many calls of each collector group go to each analyst: a maximum flow
    (Edmonds-Karp) from a source through the groups (capacity: their calls) and
    the analysts other than the group's collector to a sink (capacity: the
    queue sizes). Hall's condition holds for the sizes, so the flow carries
    every call."""
    source, sink = ("source",), ("sink",)
    residual: dict[tuple, dict[tuple, int]] = defaultdict(dict)

    def edge(start: tuple, end: tuple, capacity: int) -> None:
        residual[start][end] = residual[start].get(end, 0) + capacity
        residual[end].setdefault(start, 0)

    for group, call_ids in groups.items():
        edge(source, ("group", group), len(call_ids))
        for analyst in analysts:
            if analyst != group:
                edge(("group", group), ("analyst", analyst), total)
    for analyst in analysts:
        edge(("analyst", analyst), sink, sizes[analyst])

    carried = 0
    while carried < total:
        parent: dict[tuple, tuple] = {source: source}
        frontier = [source]
        while frontier and sink not in parent:
            following = []
            for node in frontier:
                for neighbour, capacity in residual[node].items():
                    if capacity > 0 and neighbour not in parent:
                        parent[neighbour] = node
                        following.append(neighbour)
            frontier = following
        if sink not in parent:
            raise AssertionError("The queue sizes break Hall's condition.")
        path = [sink]
        while path[-1] != source:
            path.append(parent[path[-1]])
        path.reverse()
        amount = min(residual[a][b] for a, b in itertools.pairwise(path))
        for a, b in itertools.pairwise(path):
            residual[a][b] -= amount
            residual[b][a] += amount
        carried += amount

    return {
        group: {
            analyst: residual[("analyst", analyst)][("group", group)]
            for analyst in analysts
            if analyst != group
        }
        for group in groups
    }
