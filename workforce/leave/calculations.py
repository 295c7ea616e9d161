"""Pure calculations of leave: what a request costs, balances with carry-over,
the times a person is away, and the half hours a team would be short. No
Django import.

Days are ``Decimal`` in half days. A day costs leave only when the person is
scheduled to work it (a day of their team's plan on which they have a shift;
where their team has no plan that day, Monday to Friday) and it is not a
public holiday. A shift belongs to the day it starts, so a half day of a
night shift is half of the shift that starts on that day's evening.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from workforce.scheduling.calculations import (
    DAY,
    Interval,
    PlannedShift,
    coverage,
    days_between,
    staffing,
)

WHOLE, MORNING, AFTERNOON = "whole", "morning", "afternoon"
ONE = Decimal("1")
HALF = Decimal("0.5")
ZERO = Decimal("0")
NOON = datetime.time(12)


def parts_problem(
    first_day: datetime.date,
    last_day: datetime.date,
    first_day_part: str,
    last_day_part: str,
) -> str | None:
    """Why these days and parts do not make a request, or None.

    One day is a whole day, a morning or an afternoon (both parts the same).
    Over several days, the first day may start in the afternoon and the last
    end at midday; a morning off followed by more days, or an afternoon off
    before them, would leave a gap in the middle.
    """
    if last_day < first_day:
        return "The leave ends before it starts."
    if first_day == last_day:
        if first_day_part != last_day_part:
            return "A one-day request is a whole day, a morning or an afternoon."
        return None
    if first_day_part == MORNING:
        return "Leave over several days can start in the afternoon, not end at noon."
    if last_day_part == AFTERNOON:
        return "Leave over several days can end at noon, not start in the afternoon."
    return None


def day_fractions(
    first_day: datetime.date,
    last_day: datetime.date,
    first_day_part: str = WHOLE,
    last_day_part: str = WHOLE,
) -> dict[datetime.date, tuple[Decimal, str]]:
    """Each day of the request with the share of it taken (1 or 0.5) and the
    part (whole, morning, afternoon)."""
    days = dict.fromkeys(days_between(first_day, last_day), (ONE, WHOLE))
    for day, part in ((first_day, first_day_part), (last_day, last_day_part)):
        if part != WHOLE:
            days[day] = (HALF, part)
    return days


def clashing_days(
    one: Mapping[datetime.date, tuple[Decimal, str]],
    other: Mapping[datetime.date, tuple[Decimal, str]],
) -> list[datetime.date]:
    """The days two requests (``day_fractions``) both take: a morning and
    an afternoon of one day do not clash, anything else shared does."""
    halves = {MORNING, AFTERNOON}
    return sorted(
        day
        for day in one.keys() & other.keys()
        if {one[day][1], other[day][1]} != halves
    )


def is_working_day(
    day: datetime.date,
    *,
    shift_days: set[datetime.date],
    planned_days: set[datetime.date],
) -> bool:
    """A day of a plan is worked if the person has a shift starting on it;
    a day with no plan for the person's team falls back to Monday–Friday."""
    if day in shift_days:
        return True
    if day in planned_days:
        return False
    return day.weekday() < 5


@dataclass(frozen=True)
class DayCost:
    """One day of a request: the part taken and what it costs, with why it
    costs nothing where it does not (``not_counted``)."""

    day: datetime.date
    part: str
    share: Decimal
    cost: Decimal
    not_counted: str = ""


def day_costs(
    first_day: datetime.date,
    last_day: datetime.date,
    first_day_part: str = WHOLE,
    last_day_part: str = WHOLE,
    *,
    shift_days: Iterable[datetime.date] = (),
    planned_days: Iterable[datetime.date] = (),
    holidays: Mapping[datetime.date, str] | Iterable[datetime.date] = (),
) -> list[DayCost]:
    """Every day of the request, each costing its share if it is a working
    day that is not a public holiday (``holidays`` may name them), else
    nothing."""
    shift_days, planned_days = set(shift_days), set(planned_days)
    if not isinstance(holidays, Mapping):
        holidays = dict.fromkeys(holidays, "")
    days = []
    for day, (share, part) in day_fractions(
        first_day, last_day, first_day_part, last_day_part
    ).items():
        if day in holidays:
            why = f"public holiday: {holidays[day]}" if holidays[day] else "holiday"
        elif day in planned_days and day not in shift_days:
            why = "no shift planned"
        elif not is_working_day(day, shift_days=shift_days, planned_days=planned_days):
            why = "weekend"
        else:
            why = ""
        days.append(DayCost(day, part, share, ZERO if why else share, why))
    return days


def cost_by_day(
    first_day: datetime.date,
    last_day: datetime.date,
    first_day_part: str = WHOLE,
    last_day_part: str = WHOLE,
    *,
    shift_days: Iterable[datetime.date] = (),
    planned_days: Iterable[datetime.date] = (),
    holidays: Iterable[datetime.date] = (),
) -> dict[datetime.date, Decimal]:
    """What each day of the request costs (``day_costs``), the days costing
    nothing left out."""
    return {
        day.day: day.cost
        for day in day_costs(
            first_day,
            last_day,
            first_day_part,
            last_day_part,
            shift_days=shift_days,
            planned_days=planned_days,
            holidays=holidays,
        )
        if day.cost
    }


def days_text(days: Decimal) -> str:
    """``3``, ``0.5``, ``10``: days as people write them."""
    return f"{Decimal(days).normalize():f}"


def days_phrase(days) -> str:
    """``1 day``, ``0.5 day``, ``4.5 days``, ``0 days``."""
    return f"{days_text(days)} day" if 0 < days <= 1 else f"{days_text(days)} days"


def total(costs: Mapping[datetime.date, Decimal]) -> Decimal:
    return sum(costs.values(), ZERO)


def cost_by_year(costs: Mapping[datetime.date, Decimal]) -> dict[int, Decimal]:
    """The days each calendar year pays: a request across a year end is
    charged to both years' allocations."""
    years: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for day, share in costs.items():
        years[day.year] += share
    return dict(sorted(years.items()))


def cost_until(
    costs: Mapping[datetime.date, Decimal], last: datetime.date | None
) -> Decimal:
    """The days dated up to ``last`` (all of them when there is no ``last``)."""
    return total(
        {day: share for day, share in costs.items() if last is None or day <= last}
    )


@dataclass(frozen=True)
class Balance:
    """One year's allocation and the days standing against it (taken and
    pending), split at the carry-over expiry: carried-over days are spent
    first, and only on leave dated up to ``carry_over_expires``."""

    granted: Decimal
    carried_over: Decimal = ZERO
    carry_over_expires: datetime.date | None = None
    used_by_expiry: Decimal = ZERO
    used_after_expiry: Decimal = ZERO

    @property
    def used(self) -> Decimal:
        return self.used_by_expiry + self.used_after_expiry

    @property
    def granted_used(self) -> Decimal:
        """The granted days used: all days after the expiry, and those before
        it that the carried-over days did not pay for."""
        return self.used_after_expiry + max(
            ZERO, self.used_by_expiry - self.carried_over
        )

    def with_request(self, *, by_expiry: Decimal, after_expiry: Decimal) -> "Balance":
        return Balance(
            self.granted,
            self.carried_over,
            self.carry_over_expires,
            self.used_by_expiry + by_expiry,
            self.used_after_expiry + after_expiry,
        )


def balance_allows(
    balance: Balance, *, by_expiry: Decimal, after_expiry: Decimal
) -> bool:
    """Whether a request of these days (split at the expiry) fits the
    balance: the granted days must cover everything the carry-over cannot."""
    after = balance.with_request(by_expiry=by_expiry, after_expiry=after_expiry)
    return after.granted_used <= after.granted


def available(balance: Balance, *, on: datetime.date) -> Decimal:
    """Days still free for leave dated ``on``: carried-over days count only
    up to their expiry."""
    expires = balance.carry_over_expires
    if expires is None or on <= expires:
        return balance.granted + balance.carried_over - balance.used
    return balance.granted - balance.granted_used


def carry_over(balance: Balance, *, cap: Decimal) -> Decimal:
    """Days carried into the next year: the granted days left unused, up to
    ``cap``. Carried-over days left unused lapse at their expiry and are not
    carried again."""
    if balance.carry_over_expires is None:
        unused = balance.granted + balance.carried_over - balance.used
    else:
        unused = balance.granted - balance.granted_used
    return max(ZERO, min(unused, cap))


@dataclass(frozen=True)
class Span:
    """A stretch of time a person is away; ``whole`` for whole days, which
    refuse the shifts starting on them, not for a half day, when the rest of
    the shift is worked."""

    start: datetime.datetime
    end: datetime.datetime
    whole: bool


def absence_spans(
    first_day: datetime.date,
    last_day: datetime.date,
    first_day_part: str,
    last_day_part: str,
    *,
    zone: ZoneInfo,
) -> list[Span]:
    """The times (UTC) a request keeps the person away: its whole days from
    midnight to midnight (which refuse the shifts starting on them), and
    each half day as the morning or the afternoon of its date."""
    fractions = day_fractions(first_day, last_day, first_day_part, last_day_part)
    whole = [day for day, (_, part) in fractions.items() if part == WHOLE]

    def local(day, time=datetime.time()):
        return datetime.datetime.combine(day, time, tzinfo=zone).astimezone(
            datetime.UTC
        )

    spans = []
    for day, (_, part) in fractions.items():
        if part == MORNING:
            spans.append(Span(local(day), local(day, NOON), whole=False))
        elif part == AFTERNOON:
            spans.append(Span(local(day, NOON), local(day + DAY), whole=False))
    if whole:
        spans.append(Span(local(whole[0]), local(whole[-1] + DAY), whole=True))
    return sorted(spans, key=lambda span: span.start)


def shift_left(shift: PlannedShift, part: str) -> PlannedShift | None:
    """What remains of a shift when its person takes ``part`` of its day off:
    nothing for a whole day; the second half after a morning off, the first
    half after an afternoon off."""
    if part == WHOLE:
        return None
    middle = shift.start + (shift.end - shift.start) / 2
    if part == MORNING:
        start, end = middle, shift.end
    else:
        start, end = shift.start, middle
    return PlannedShift(shift.key, shift.staff_id, shift.day, start, end)


def short_without(
    shifts: Sequence[PlannedShift],
    *,
    leave: Mapping[object, str],
    day: datetime.date,
    zone: ZoneInfo,
    minimum: int,
) -> list[Interval]:
    """The 30-minute intervals of ``day`` under ``minimum`` once the shifts
    keyed in ``leave`` lose the part taken off (``shift_left``), among those
    the leave makes fewer.

    The team's open hours stay those of the plan: a night team whose only
    night worker goes on leave is short all night, not closed. ``shifts``
    must hold the team's shifts starting the day before and on ``day``
    (``scheduling.calculations.staffing``).
    """
    planned = staffing(shifts, day=day, zone=zone, minimum=minimum)
    remaining = []
    for shift in shifts:
        if shift.key in leave:
            shift = shift_left(shift, leave[shift.key])
        if shift is not None:
            remaining.append(shift)
    counts = coverage(remaining, day=day, zone=zone)
    return [
        Interval(before.start, count, before.open, minimum)
        for before, (_, count) in zip(planned, counts, strict=True)
        if before.open and count < minimum and count < before.headcount
    ]


def short_days_without(
    shifts: Sequence[PlannedShift],
    *,
    leave: Mapping[object, str],
    days: Iterable[datetime.date],
    zone: ZoneInfo,
    minimum: int,
) -> dict[datetime.date, list[Interval]]:
    """``short_without`` for each of ``days`` that has such an interval."""
    around: dict[datetime.date, list[PlannedShift]] = defaultdict(list)
    for shift in shifts:
        around[shift.day].append(shift)
        around[shift.day + DAY].append(shift)
    found = {}
    for day in days:
        short = short_without(
            around[day], leave=leave, day=day, zone=zone, minimum=minimum
        )
        if short:
            found[day] = short
    return found
