"""A collector's period score: attainment against each KPI's target, capped,
weighted over the KPIs that have data, and capped again after a critical QA
fail; with the explanation a page shows line by line.

The rules (docs/kpi-formulas.md):

- Attainment is value ÷ target × 100 where higher is better and target ÷
  value × 100 where lower is better, floored at 0 and capped per KPI (120 by
  default). A KPI with no data (``None``) has no attainment and drops out.
  A value of 0 where higher is better attains 0; where lower is better it
  is the best possible and attains the cap.
- Weights are re-based over the KPIs with data: a KPI without data neither
  drags the score down nor counts as met. No KPI with data: no composite.
- Any critical QA fail in the period caps the composite (if a cap is set).
- The KPI values are the rounded figures the collector sees; from them on,
  attainment, shares, contributions and their sum are exact, and only the
  composite is rounded (2 places). The lines show their numbers rounded, so
  their contributions may add up to a hundredth or so off the composite:
  three equal KPIs met in full make 100.00, not 3 × 33.33.

Facts carry the collector's team on the day; a period's facts are split by
team-of-the-day (``totals_by_team``), so a collector who moved mid-period
counts for each team only the days they were in it.
"""

import datetime
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .measures import (
    DailyFacts,
    Direction,
    FactTotals,
    Measure,
    Reading,
    read,
    round_ratio,
    round_to,
    total,
)

PLACES = 2  # attainment, weight shares, contributions and the composite
DEFAULT_CAP = Decimal(120)


@dataclass(frozen=True)
class KpiDefinition:
    """What a manager sets for one KPI of a stage or team and period."""

    name: str
    measure: Measure
    target: Decimal
    weight: Decimal
    direction: Direction | None = None  # None: the measure's default
    cap: Decimal = DEFAULT_CAP  # highest attainment counted, in percent

    def __post_init__(self):
        if self.target <= 0:
            raise ValueError(f"{self.name}: the target must be above 0")
        if self.weight < 0:
            raise ValueError(f"{self.name}: the weight must not be negative")
        if self.cap <= 0:
            raise ValueError(f"{self.name}: the cap must be above 0")

    @property
    def effective_direction(self) -> Direction:
        return self.direction or self.measure.direction


def attainment(
    value: Decimal | None, target: Decimal, direction: Direction, cap: Decimal
) -> tuple[Fraction | None, Fraction | None]:
    """(attainment, attainment counted) in percent, exact; (None, None)
    without data. The first is floored at 0; the second is also capped."""
    if value is None:
        return None, None
    if direction is Direction.HIGHER:
        reached = max(Fraction(value) / Fraction(target) * 100, Fraction(0))
    elif value <= 0:
        # Lower is better and nothing is lower than nothing: the best there is.
        reached = Fraction(cap)
    else:
        reached = Fraction(target) / Fraction(value) * 100
    return reached, min(reached, Fraction(cap))


@dataclass(frozen=True)
class ScoreLine:
    """One KPI's line of the explanation, ready to render as it is."""

    name: str
    reading: Reading
    target: Decimal
    direction: Direction
    # Rounded for display (the composite is computed from the exact figures).
    attainment: Decimal | None  # percent, before the cap; None without data
    counted: Decimal | None  # percent, after the cap
    capped: bool
    weight: Decimal  # as configured
    weight_share: Decimal | None  # percent of the weights of KPIs with data
    contribution: Decimal | None  # counted × share, in composite points

    @property
    def numerator(self):
        return self.reading.numerator

    @property
    def denominator(self):
        return self.reading.denominator

    @property
    def value(self) -> Decimal | None:
        return self.reading.value

    def sentence(self) -> str:
        """The line in words, e.g. for an e-mail or a screen reader."""
        measure = self.reading.measure
        if self.reading.value is None:
            return f"{self.name}: no data this period; its weight is shared out."
        if measure.denominator is None:
            figure = f"{self.reading.value}"
        else:
            figure = f"{self.numerator} ÷ {self.denominator} = {self.reading.value}"
        better = "higher" if self.direction is Direction.HIGHER else "lower"
        capped = f", capped at {self.counted}" if self.capped else ""
        return (
            f"{self.name}: {figure} against a target of {self.target} "
            f"({better} is better): attainment {self.attainment}%{capped}; "
            f"weight {self.weight} ({self.weight_share}% of the weights with data) "
            f"contributes {self.contribution}."
        )


@dataclass(frozen=True)
class CompositeScore:
    lines: tuple[ScoreLine, ...]
    weighted_total: Decimal | None  # the sum of the contributions
    composite: Decimal | None  # after the critical-fail cap; None: no data
    critical_fails: int
    critical_fail_cap: Decimal | None
    capped_by_critical_fail: bool

    @property
    def kpis_without_data(self) -> tuple[str, ...]:
        return tuple(line.name for line in self.lines if line.value is None)

    def sentences(self) -> list[str]:
        said = [line.sentence() for line in self.lines]
        if self.composite is None:
            said.append("No KPI has data this period: no composite score.")
            return said
        said.append(f"Sum of the contributions: {self.weighted_total}.")
        if self.capped_by_critical_fail:
            said.append(
                f"{self.critical_fails} critical QA fail(s) this period cap the "
                f"score at {self.critical_fail_cap}: composite {self.composite}."
            )
        else:
            said.append(f"Composite: {self.composite}.")
        return said


def composite_score(
    definitions: Sequence[KpiDefinition],
    totals: FactTotals,
    *,
    critical_fail_cap: Decimal | None = None,
) -> CompositeScore:
    """The period score of one collector's summed facts, explained."""
    names = [definition.name for definition in definitions]
    if len(set(names)) != len(names):
        raise ValueError("two KPIs of a scorecard share a name")
    scored = []
    for definition in definitions:
        reading = read(definition.measure, totals)
        direction = definition.effective_direction
        uncapped, counted = attainment(
            reading.value, definition.target, direction, definition.cap
        )
        scored.append((definition, reading, direction, uncapped, counted))

    weights_with_data = sum(
        (d.weight for d, _, _, _, counted in scored if counted is not None),
        Decimal(0),
    )
    lines = []
    exact_total = Fraction(0)
    for definition, reading, direction, reached, counted in scored:
        share = contribution = None
        if counted is not None and weights_with_data > 0:
            share = Fraction(definition.weight) / Fraction(weights_with_data)
            contribution = counted * share
            exact_total += contribution
        lines.append(
            ScoreLine(
                name=definition.name,
                reading=reading,
                target=definition.target,
                direction=direction,
                attainment=_shown(reached),
                counted=_shown(counted),
                capped=counted is not None and counted < reached,
                weight=definition.weight,
                weight_share=_shown(share * 100 if share is not None else None),
                contribution=_shown(contribution),
            )
        )

    has_data = weights_with_data > 0
    weighted_total = round_to(exact_total, PLACES) if has_data else None
    composite = weighted_total
    capped_by_fail = False
    if (
        composite is not None
        and critical_fail_cap is not None
        and totals.qa_critical_fails > 0
        and composite > critical_fail_cap
    ):
        composite = round_to(critical_fail_cap, PLACES)
        capped_by_fail = True
    return CompositeScore(
        lines=tuple(lines),
        weighted_total=weighted_total,
        composite=composite,
        critical_fails=totals.qa_critical_fails,
        critical_fail_cap=critical_fail_cap,
        capped_by_critical_fail=capped_by_fail,
    )


def composite_value(
    definitions: Sequence[KpiDefinition],
    totals: FactTotals,
    *,
    critical_fail_cap: Decimal | None = None,
) -> Decimal | None:
    """``composite_score(...).composite`` without the explanation, for pages
    that show only the total (the leaderboard, 500 collectors at a time).

    The same exact rules on the same rounded KPI values, worked on integer
    numerators and denominators instead of ``Fraction`` (which takes out
    common factors after every step) and rounded once, so the digits are
    the ones ``composite_score`` gives (``tests/kpis/calculations`` checks
    the two agree).
    """
    counted = []  # (numerator, denominator, weight) of the KPIs with data
    for definition in definitions:
        value = read(definition.measure, totals).value
        if value is None:
            continue
        top, bottom = _attainment_ratio(value, definition)
        cap_top, cap_bottom = definition.cap.as_integer_ratio()
        if top * cap_bottom > cap_top * bottom:
            top, bottom = cap_top, cap_bottom
        counted.append((top, bottom, definition.weight))
    weights_with_data = sum((weight for _, _, weight in counted), Decimal(0))
    if weights_with_data <= 0:
        return None
    # Σ counted × weight, as one ratio of integers, then ÷ the weights with data.
    numerator, denominator = 0, 1
    for top, bottom, weight in counted:
        weight_top, weight_bottom = weight.as_integer_ratio()
        numerator = numerator * bottom * weight_bottom + top * weight_top * denominator
        denominator *= bottom * weight_bottom
    weights_top, weights_bottom = weights_with_data.as_integer_ratio()
    composite = round_ratio(
        numerator * weights_bottom, denominator * weights_top, PLACES
    )
    if (
        critical_fail_cap is not None
        and totals.qa_critical_fails > 0
        and composite > critical_fail_cap
    ):
        return round_to(critical_fail_cap, PLACES)
    return composite


def _attainment_ratio(value: Decimal, definition: KpiDefinition) -> tuple[int, int]:
    """``attainment``'s figure before the cap, as (numerator, denominator)."""
    value_top, value_bottom = value.as_integer_ratio()
    target_top, target_bottom = definition.target.as_integer_ratio()
    if definition.effective_direction is Direction.HIGHER:
        top = max(value_top * target_bottom * 100, 0)
        return top, value_bottom * target_top
    if value <= 0:
        return definition.cap.as_integer_ratio()
    return target_top * value_bottom * 100, target_bottom * value_top


def _shown(exact: Fraction | None) -> Decimal | None:
    return None if exact is None else round_to(exact, PLACES)


def in_period(
    facts: Iterable[DailyFacts], first_day: datetime.date, last_day: datetime.date
) -> list[DailyFacts]:
    """The facts of the days from ``first_day`` to ``last_day``, both included."""
    return [fact for fact in facts if first_day <= fact.day <= last_day]


def totals_by_collector(facts: Iterable[DailyFacts]) -> dict[Hashable, FactTotals]:
    """Each collector's facts summed, whatever team they were in."""
    grouped: dict[Hashable, list[DailyFacts]] = defaultdict(list)
    for fact in facts:
        grouped[fact.collector].append(fact)
    return {collector: total(days) for collector, days in grouped.items()}


def totals_by_team(facts: Iterable[DailyFacts]) -> dict[Hashable, FactTotals]:
    """A collector's period facts split by the team they were in each day.

    A move in the middle of the period gives each team the days the collector
    spent in it; a day without a team is kept under ``None``.
    """
    grouped: dict[Hashable, list[DailyFacts]] = defaultdict(list)
    collectors = set()
    for fact in facts:
        collectors.add(fact.collector)
        grouped[fact.team].append(fact)
    if len(collectors) > 1:
        raise ValueError("totals_by_team splits one collector's facts at a time")
    return {team: total(days) for team, days in grouped.items()}


def totals_by_team_and_collector(
    facts: Iterable[DailyFacts],
) -> dict[tuple[Hashable, Hashable], FactTotals]:
    """(team of the day, collector) -> facts summed: a team's leaderboard."""
    grouped: dict[tuple[Hashable, Hashable], list[DailyFacts]] = defaultdict(list)
    for fact in facts:
        grouped[(fact.team, fact.collector)].append(fact)
    return {key: total(days) for key, days in grouped.items()}
