"""New-hire ramp: a KPI by week of tenure over a collector's first 13 weeks,
against the median curve of earlier hires of the same stage.

Week 1 is the first seven days from the first day of tenure (that day
included), week 2 the next seven, and so on: weeks 1 to 13 cover days 1 to
91, so the whole of the first 90 days. A week's value is its facts summed,
then one division, like any period's (``measures.read``).

The median curve takes, for each week, the value of every earlier hire of
the same stage that has data that week (a hire with no facts that week, or
a zero denominator, is left out rather than counted as 0) and reports the
median and how many hires it rests on. A week that has not ended by
``as_of`` is shown for the new hire (marked incomplete) but left out of the
curve: a half-finished week is not a week of an earlier hire.
"""

import datetime
import statistics
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .measures import DailyFacts, Measure, Reading, read, round_to, total

WEEKS = 13
RAMP_DAYS = 90  # a collector is a new hire for their first 90 days


def tenure_week(start: datetime.date, day: datetime.date) -> int | None:
    """The week of tenure ``day`` falls in (1 from ``start``), None before it."""
    if day < start:
        return None
    return (day - start).days // 7 + 1


def is_new_hire(start: datetime.date, on: datetime.date) -> bool:
    """Whether ``on`` is within the first 90 days from ``start``."""
    return 0 <= (on - start).days < RAMP_DAYS


@dataclass(frozen=True)
class Hire:
    collector: Hashable
    start: datetime.date  # the first day of tenure
    stage: str
    facts: Sequence[DailyFacts]


@dataclass(frozen=True)
class WeekReading:
    week: int
    first_day: datetime.date
    last_day: datetime.date
    reading: Reading | None  # None: no facts at all that week
    complete: bool  # the week had ended by ``as_of``

    @property
    def value(self) -> Decimal | None:
        return None if self.reading is None else self.reading.value


@dataclass(frozen=True)
class CurvePoint:
    week: int
    median: Decimal | None  # None where no earlier hire has data that week
    hires: int  # how many earlier hires' values the median rests on


def weekly_readings(
    measure: Measure,
    start: datetime.date,
    facts: Iterable[DailyFacts],
    *,
    weeks: int = WEEKS,
    as_of: datetime.date | None = None,
) -> list[WeekReading]:
    """The measure for each week of tenure 1 to ``weeks``."""
    by_week: dict[int, list[DailyFacts]] = {}
    for fact in facts:
        week = tenure_week(start, fact.day)
        if week is not None and week <= weeks:
            by_week.setdefault(week, []).append(fact)
    readings = []
    for week in range(1, weeks + 1):
        first_day = start + datetime.timedelta(days=7 * (week - 1))
        last_day = first_day + datetime.timedelta(days=6)
        days = by_week.get(week)
        readings.append(
            WeekReading(
                week=week,
                first_day=first_day,
                last_day=last_day,
                reading=read(measure, total(days)) if days else None,
                complete=as_of is None or last_day <= as_of,
            )
        )
    return readings


def earlier_hires(new_hire: Hire, hires: Iterable[Hire]) -> list[Hire]:
    """The hires of the new hire's stage who started before them."""
    return [
        hire
        for hire in hires
        if hire.stage == new_hire.stage
        and hire.start < new_hire.start
        and hire.collector != new_hire.collector
    ]


def median_curve(
    measure: Measure,
    hires: Iterable[Hire],
    *,
    weeks: int = WEEKS,
    as_of: datetime.date | None = None,
) -> list[CurvePoint]:
    """The median of the hires' weekly values, week by week, with its n."""
    values: list[list[Decimal]] = [[] for _ in range(weeks)]
    for hire in hires:
        for week in weekly_readings(
            measure, hire.start, hire.facts, weeks=weeks, as_of=as_of
        ):
            if week.complete and week.value is not None:
                values[week.week - 1].append(week.value)
    return [
        CurvePoint(
            week=number,
            median=(
                round_to(statistics.median(week_values), measure.places)
                if week_values
                else None
            ),
            hires=len(week_values),
        )
        for number, week_values in enumerate(values, start=1)
    ]


@dataclass(frozen=True)
class Ramp:
    hire: Hire
    weeks: list[WeekReading]
    curve: list[CurvePoint]  # earlier hires of the same stage


def ramp(
    measure: Measure,
    new_hire: Hire,
    hires: Iterable[Hire],
    *,
    as_of: datetime.date | None = None,
) -> Ramp:
    """A new hire's weekly values beside the median curve of earlier hires."""
    return Ramp(
        hire=new_hire,
        weeks=weekly_readings(measure, new_hire.start, new_hire.facts, as_of=as_of),
        curve=median_curve(measure, earlier_hires(new_hire, hires), as_of=as_of),
    )
