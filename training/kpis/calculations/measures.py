"""The measures a KPI can be built on, the daily facts they are computed
from, and the one rounding rule every KPI number goes through.

A period's value is the sum of its daily facts, then one division: the
ratio of sums, never the average of daily ratios (a day with 200 attempts
weighs 200 times a day with one). Money and hours are ``Decimal``, counts
are ``int``; the division is done in exact rationals and rounded once
(``round_to``), so the same facts always give the same digits, on any
machine, summed in any order. A zero denominator is "no data" (``None``),
never 0: a collector with no promises due has no kept rate, not a bad one.
"""

import datetime
import decimal
import enum
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, fields
from decimal import Decimal
from fractions import Fraction


def round_to(value: Fraction | Decimal | int, places: int) -> Decimal:
    """``value`` rounded half away from zero to ``places`` decimal places.

    Half away from zero is how people round when they check a figure by hand
    (banker's rounding would make 12.345 into 12.34 and start an argument).
    Exact: a rational is rounded from its numerator and denominator, not
    through a float or a limited-precision Decimal division.
    """
    # Integer arithmetic on the numerator and denominator: the leaderboard
    # rounds every line of every collector's composite through here.
    if isinstance(value, Fraction):
        return round_ratio(value.numerator, value.denominator, places)
    return round_ratio(*value.as_integer_ratio(), places)


def round_ratio(numerator: int, denominator: int, places: int) -> Decimal:
    """``numerator ÷ denominator`` rounded as ``round_to`` rounds, from the
    two integers as they are (no common factor need be taken out first)."""
    if denominator == 0:
        raise ZeroDivisionError("round_ratio: the denominator is 0")
    if denominator < 0:
        numerator, denominator = -numerator, -denominator
    whole, remainder = divmod(abs(numerator) * 10**places, denominator)
    if 2 * remainder >= denominator:
        whole += 1
    sign = -1 if numerator < 0 else 1
    return Decimal(sign * whole).scaleb(-places).quantize(Decimal(1).scaleb(-places))


# Digits kept while summing Decimals: enough for any realistic sum to be
# exact (the default 28 would round a sum of long QA weights by order).
SUM_PRECISION = 200


class Direction(enum.StrEnum):
    HIGHER = "higher"  # higher is better
    LOWER = "lower"  # lower is better


class Unit(enum.StrEnum):
    PERCENT = "percent"  # a rate: numerator ÷ denominator × 100
    MONEY = "money"
    PER_HOUR = "per_hour"
    SECONDS = "seconds"
    SCORE = "score"  # a QA score, 0 to 100


# Decimal places each unit is rounded to, and how much to multiply the
# ratio by. Defined here once; every KPI value goes through ``round_to``.
PLACES = {
    Unit.PERCENT: 2,
    Unit.MONEY: 2,
    Unit.PER_HOUR: 2,
    Unit.SECONDS: 1,
    Unit.SCORE: 2,
}
SCALE = {
    Unit.PERCENT: 100,
    Unit.MONEY: 1,
    Unit.PER_HOUR: 1,
    Unit.SECONDS: 1,
    Unit.SCORE: 1,
}


@dataclass(frozen=True, kw_only=True)
class FactTotals:
    """The counts and sums every KPI is computed from, for a day or summed
    over a period. Counts are ``int``; money and hours ``Decimal``."""

    attempts: int = 0  # outbound call attempts
    contacts: int = 0  # right-party contacts
    promises: int = 0  # promises to pay made
    promised_amount: Decimal = Decimal(0)
    # Promises are counted kept or broken on the day they fall due, which may
    # be in a later period than the day they were made.
    kept: int = 0
    broken: int = 0
    collected: Decimal = Decimal(0)  # payments received
    # The amount the collector was set to collect, spread over the days of
    # the target's period; 0 where no amount target is set.
    collection_target: Decimal = Decimal(0)
    handle_seconds: int = 0  # talk, hold and wrap-up of handled calls
    handled_calls: int = 0
    hours_worked: Decimal = Decimal(0)  # from attendance
    scheduled_minutes: int = 0
    adherent_minutes: int = 0  # scheduled minutes spent in a session
    days_scheduled: int = 0  # 1 on a day with a scheduled shift
    days_present: int = 0  # 1 on a scheduled day the collector was present
    # QA: the evaluations' points times their sampling weight (inverse
    # inclusion probability), the weights, and the calls evaluated.
    qa_weighted_points: Decimal = Decimal(0)
    qa_weight: Decimal = Decimal(0)
    qa_calls: int = 0
    qa_critical_fails: int = 0
    contact_rule_breaches: int = 0

    def __post_init__(self):
        for field in fields(FactTotals):
            value = getattr(self, field.name)
            if isinstance(value, float):
                # A float cannot be summed and recomputed digit for digit.
                raise TypeError(f"{field.name} is a float: give a Decimal or an int")
            if value < 0:
                raise ValueError(f"{field.name} is negative: {value}")
        if self.days_present > self.days_scheduled:
            raise ValueError(
                f"days_present ({self.days_present}) exceeds days_scheduled "
                f"({self.days_scheduled}): only scheduled days count as present"
            )
        if self.adherent_minutes > self.scheduled_minutes:
            raise ValueError(
                f"adherent_minutes ({self.adherent_minutes}) exceeds "
                f"scheduled_minutes ({self.scheduled_minutes})"
            )

    def __add__(self, other: "FactTotals") -> "FactTotals":
        return total((self, other))

    @property
    def promises_due(self) -> int:
        """Promises that fell due: kept or broken."""
        return self.kept + self.broken


TOTAL_FIELDS = tuple(field.name for field in fields(FactTotals))
DERIVED_FIELDS = ("promises_due",)


@dataclass(frozen=True, kw_only=True)
class DailyFacts(FactTotals):
    """One collector's facts for one day, with the team they were in that day."""

    collector: Hashable
    day: datetime.date
    team: Hashable | None = None

    def totals(self) -> FactTotals:
        return FactTotals(**{name: getattr(self, name) for name in TOTAL_FIELDS})


def total(facts: Iterable[FactTotals]) -> FactTotals:
    """The facts summed field by field, exactly, so in any order alike.

    Decimals are added with room for every digit, and an addition that
    would still round raises ``decimal.Inexact`` rather than differ by order.
    """
    sums = {
        name: FactTotals.__dataclass_fields__[name].default for name in TOTAL_FIELDS
    }
    with decimal.localcontext() as exact:
        exact.prec = SUM_PRECISION
        exact.traps[decimal.Inexact] = True
        for fact in facts:
            for name in TOTAL_FIELDS:
                sums[name] += getattr(fact, name)
    return FactTotals(**sums)


@dataclass(frozen=True)
class Measure:
    """A quantity a KPI can be defined on: numerator ÷ denominator, or a sum."""

    key: str
    label: str
    numerator: str  # a FactTotals field
    numerator_label: str
    denominator: str | None  # a FactTotals field; None for a sum
    denominator_label: str | None
    unit: Unit
    direction: Direction  # the default; a KPI definition may set its own
    count: str | None = None  # a FactTotals field shown beside the value (n)
    count_label: str | None = None

    @property
    def places(self) -> int:
        return PLACES[self.unit]

    @property
    def formula(self) -> str:
        if self.denominator is None:
            return f"{self.label} = sum of {self.numerator_label}"
        scale = " × 100" if SCALE[self.unit] != 1 else ""
        return (
            f"{self.label} = {self.numerator_label} ÷ {self.denominator_label}{scale}"
        )


@dataclass(frozen=True)
class Reading:
    """A measure's value over some facts, with what it was computed from."""

    measure: Measure
    numerator: int | Decimal
    denominator: int | Decimal | None
    value: Decimal | None  # None: no data (a zero denominator)
    count: int | None = None  # e.g. the QA calls behind a QA score

    @property
    def has_data(self) -> bool:
        return self.value is not None


def read(measure: Measure, totals: FactTotals) -> Reading:
    """The measure's value over ``totals``: one division, rounded once."""
    numerator = getattr(totals, measure.numerator)
    count = getattr(totals, measure.count) if measure.count else None
    if measure.denominator is None:
        return Reading(
            measure, numerator, None, round_to(numerator, measure.places), count
        )
    denominator = getattr(totals, measure.denominator)
    if denominator == 0:
        return Reading(measure, numerator, denominator, None, count)
    # numerator ÷ denominator × scale as one ratio of integers, rounded once.
    top, top_scale = numerator.as_integer_ratio()
    bottom, bottom_scale = denominator.as_integer_ratio()
    value = round_ratio(
        top * bottom_scale * SCALE[measure.unit], top_scale * bottom, measure.places
    )
    return Reading(measure, numerator, denominator, value, count)


def _measure(*args, **kwargs) -> Measure:
    measure = Measure(*args, **kwargs)
    for name in (measure.numerator, measure.denominator, measure.count):
        if name is not None and name not in TOTAL_FIELDS + DERIVED_FIELDS:
            raise ValueError(f"{measure.key}: {name} is not a daily fact")
    return measure


RPC_RATE = _measure(
    "rpc_rate",
    "RPC rate",
    "contacts",
    "right-party contacts",
    "attempts",
    "call attempts",
    Unit.PERCENT,
    Direction.HIGHER,
)
PTP_RATE = _measure(
    "ptp_rate",
    "PTP rate",
    "promises",
    "promises to pay",
    "contacts",
    "right-party contacts",
    Unit.PERCENT,
    Direction.HIGHER,
)
PTP_KEPT_RATE = _measure(
    "ptp_kept_rate",
    "PTP kept rate",
    "kept",
    "promises kept",
    "promises_due",
    "promises that fell due (kept + broken)",
    Unit.PERCENT,
    Direction.HIGHER,
)
AMOUNT_COLLECTED = _measure(
    "amount_collected",
    "Amount collected",
    "collected",
    "payments received",
    None,
    None,
    Unit.MONEY,
    Direction.HIGHER,
)
COLLECTED_VS_TARGET = _measure(
    "collected_vs_target",
    "Collected vs target",
    "collected",
    "payments received",
    "collection_target",
    "amount set to collect",
    Unit.PERCENT,
    Direction.HIGHER,
)
CALLS_PER_HOUR = _measure(
    "calls_per_hour",
    "Calls per hour",
    "attempts",
    "call attempts",
    "hours_worked",
    "hours worked",
    Unit.PER_HOUR,
    Direction.HIGHER,
)
AVERAGE_HANDLE_TIME = _measure(
    "average_handle_time",
    "Average handle time",
    "handle_seconds",
    "handle seconds",
    "handled_calls",
    "handled calls",
    Unit.SECONDS,
    Direction.LOWER,
)
QA_SCORE = _measure(
    "qa_score",
    "QA score",
    "qa_weighted_points",
    "Σ points × weight",
    "qa_weight",
    "Σ weight",
    Unit.SCORE,
    Direction.HIGHER,
    count="qa_calls",
    count_label="calls evaluated",
)
SCHEDULE_ADHERENCE = _measure(
    "schedule_adherence",
    "Schedule adherence",
    "adherent_minutes",
    "adherent minutes",
    "scheduled_minutes",
    "scheduled minutes",
    Unit.PERCENT,
    Direction.HIGHER,
)
ATTENDANCE_RATE = _measure(
    "attendance_rate",
    "Attendance rate",
    "days_present",
    "days present",
    "days_scheduled",
    "days scheduled",
    Unit.PERCENT,
    Direction.HIGHER,
)

MEASURES: dict[str, Measure] = {
    measure.key: measure
    for measure in (
        RPC_RATE,
        PTP_RATE,
        PTP_KEPT_RATE,
        AMOUNT_COLLECTED,
        COLLECTED_VS_TARGET,
        CALLS_PER_HOUR,
        AVERAGE_HANDLE_TIME,
        QA_SCORE,
        SCHEDULE_ADHERENCE,
        ATTENDANCE_RATE,
    )
}
"""The fixed set of measures, by key (what a KPI definition stores)."""

MEASURE_CHOICES = [(key, measure.label) for key, measure in MEASURES.items()]
