"""Pure calculations of shift planning: a shift's times, the expansion of a
rotating pattern, the planning rules and coverage. No Django import.

Times are aware datetimes in UTC (see ``shift_bounds``). A shift belongs to
the day it starts; its end is on the next day when the end time is at or
before the start time (a shift ending at midnight ends at 00:00 of the next
day). Lengths are real elapsed time, so a night shift across a change of
clocks is an hour longer or shorter.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

DAY = datetime.timedelta(days=1)
INTERVAL = datetime.timedelta(minutes=30)


def shift_length_minutes(starts_at: datetime.time, ends_at: datetime.time) -> int:
    """Minutes from start to end on the clock face (no change of clocks)."""
    start = starts_at.hour * 60 + starts_at.minute
    end = ends_at.hour * 60 + ends_at.minute
    return end - start if end > start else end + 24 * 60 - start


def shift_bounds(
    day: datetime.date,
    starts_at: datetime.time,
    ends_at: datetime.time,
    zone: ZoneInfo,
) -> tuple[datetime.datetime, datetime.datetime]:
    """The start and end, in UTC, of a shift that starts on ``day`` in ``zone``.

    UTC, because Python subtracts two datetimes of one zone on the wall clock:
    in UTC a night shift across a change of clocks has its real length. A wall
    time that a change of clocks skips is read as the time it would have been
    before the change (``fold=0``).
    """
    end_day = day + DAY if ends_at <= starts_at else day
    start = datetime.datetime.combine(day, starts_at, tzinfo=zone)
    end = datetime.datetime.combine(end_day, ends_at, tzinfo=zone)
    return start.astimezone(datetime.UTC), end.astimezone(datetime.UTC)


def week_start(day: datetime.date) -> datetime.date:
    """The Monday of ``day``'s week."""
    return day - datetime.timedelta(days=day.weekday())


def days_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """Every day from ``first`` to ``last``, both included."""
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


def rotation_index(
    day: datetime.date, *, anchor: datetime.date, offset_days: int, length_days: int
) -> int:
    """Which day of a rotation of ``length_days`` falls on ``day``.

    Rotations start on Mondays: day 0 of the rotation is the Monday of the
    ``anchor``'s week, moved on by ``offset_days``, so people placed at
    different offsets have their days off on different days.
    """
    return ((day - week_start(anchor)).days + offset_days) % length_days


def expand_rotation(
    cells: Sequence[int | None],
    *,
    anchor: datetime.date,
    offset_days: int,
    first: datetime.date,
    last: datetime.date,
) -> list[tuple[datetime.date, int]]:
    """The (day, shift type) pairs a rotation gives from ``first`` to ``last``;
    ``cells`` holds a shift type id, or None for a day off, per day of the
    rotation (7, 14, 21 or 28 of them)."""
    length = len(cells)
    pairs = []
    for day in days_between(max(first, anchor), last):
        shift_type = cells[
            rotation_index(
                day, anchor=anchor, offset_days=offset_days, length_days=length
            )
        ]
        if shift_type is not None:
            pairs.append((day, shift_type))
    return pairs


@dataclass(frozen=True)
class PlannedShift:
    """A shift as the rules see it: whose, when, and how long is unpaid."""

    key: object
    staff_id: int
    day: datetime.date
    start: datetime.datetime
    end: datetime.datetime
    break_minutes: int = 0

    @property
    def paid_hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600 - self.break_minutes / 60


@dataclass(frozen=True)
class Finding:
    """A broken rule. ``refused`` ones cannot be published; the others are
    warnings a planner may override with a reason."""

    rule: str
    staff_id: int | None
    day: datetime.date
    message: str
    refused: bool
    key: object = None


def overlaps(
    shifts: Iterable[PlannedShift], *, zone: ZoneInfo | None = None
) -> list[Finding]:
    """Two shifts of one person that overlap in time (touching is fine); the
    message gives the earlier shift's times in ``zone`` (else as stored)."""
    findings = []
    for staff_id, own in _by_person(shifts).items():
        for index, later in enumerate(own[1:], start=1):
            # The earlier shift that ends last: a long shift may cover several.
            earlier = max(own[:index], key=lambda shift: shift.end)
            if later.start < earlier.end:
                findings.append(
                    Finding(
                        "overlap",
                        staff_id,
                        later.day,
                        f"overlaps the shift of {earlier.day:%a %d %b} "
                        f"({clock_times(earlier.start, earlier.end, zone)})",
                        refused=True,
                        key=later.key,
                    )
                )
    return findings


def short_rests(
    shifts: Iterable[PlannedShift], *, minimum_hours: float
) -> list[Finding]:
    """A rest shorter than ``minimum_hours`` between two shifts of one person;
    a rest of exactly the minimum is enough."""
    minimum = datetime.timedelta(hours=minimum_hours)
    findings = []
    for staff_id, own in _by_person(shifts).items():
        for earlier, later in zip(own, own[1:], strict=False):
            rest = later.start - earlier.end
            if datetime.timedelta(0) <= rest < minimum:
                findings.append(
                    Finding(
                        "rest",
                        staff_id,
                        later.day,
                        f"{_hours_minutes(rest)} of rest after the shift of "
                        f"{earlier.day:%a %d %b}, "
                        f"under the {minimum_hours:g} h minimum",
                        refused=False,
                        key=later.key,
                    )
                )
    return findings


def weekly_paid_hours(
    shifts: Iterable[PlannedShift],
) -> dict[tuple[int, datetime.date], float]:
    """Each person's paid hours in each week, keyed by (person, Monday): a
    shift counts in the week of the day it starts, its break unpaid."""
    hours: dict[tuple[int, datetime.date], float] = defaultdict(float)
    for shift in shifts:
        hours[(shift.staff_id, week_start(shift.day))] += shift.paid_hours
    return dict(hours)


def daily_headcount(
    shifts: Iterable[PlannedShift], days: Iterable[datetime.date]
) -> dict[datetime.date, int]:
    """How many people have a shift starting on each of ``days`` (a person
    with two shifts in a day counts once)."""
    people: dict[datetime.date, set[int]] = {day: set() for day in days}
    for shift in shifts:
        if shift.day in people:
            people[shift.day].add(shift.staff_id)
    return {day: len(ids) for day, ids in people.items()}


def period_bounds(kind: str, day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the ``"week"`` (Monday to Sunday) or the
    ``"month"`` that holds ``day``."""
    if kind == "week":
        monday = week_start(day)
        return monday, monday + datetime.timedelta(days=6)
    if kind == "month":
        first = day.replace(day=1)
        following = (first + datetime.timedelta(days=32)).replace(day=1)
        return first, following - DAY
    raise ValueError(f"not a period: {kind!r}")


def long_weeks(
    shifts: Iterable[PlannedShift], *, maximum_hours: float
) -> list[Finding]:
    """A person's paid hours in a week (Monday to Sunday, by the day a shift
    starts) above ``maximum_hours``."""
    hours = weekly_paid_hours(shifts)
    return [
        Finding(
            "weekly_hours",
            staff_id,
            monday,
            f"{total:g} h in the week of {monday:%d %b}, over the "
            f"{maximum_hours:g} h maximum",
            refused=False,
        )
        for (staff_id, monday), total in sorted(hours.items())
        if total > maximum_hours + 1e-9
    ]


def coverage(
    shifts: Iterable[PlannedShift],
    *,
    day: datetime.date,
    zone: ZoneInfo,
) -> list[tuple[datetime.datetime, int]]:
    """Headcount in each 30-minute interval of ``day`` (local time): how many
    shifts cover the whole interval. Breaks are not placed, so not counted out."""
    start, slots = _day_slots(day, zone)
    counts = [0] * len(slots)
    for shift in shifts:
        first, last = _covered(shift.start, shift.end, start, len(slots))
        for index in range(first, last):
            counts[index] += 1
    return [(slot.astimezone(zone), n) for slot, n in zip(slots, counts, strict=True)]


def understaffed_intervals(
    counts: Sequence[tuple[datetime.datetime, int]], *, minimum: int
) -> list[tuple[datetime.datetime, int]]:
    """The intervals under ``minimum`` between the first and the last interval
    anyone works; a day nobody works is closed, not short. (``staffing`` is
    the rule's view, which also knows when a night shift keeps a team open.)"""
    worked = [i for i, (_, n) in enumerate(counts) if n > 0]
    if not worked:
        return []
    return [(slot, n) for slot, n in counts[worked[0] : worked[-1] + 1] if n < minimum]


def clock_times(
    start: datetime.datetime, end: datetime.datetime, zone: ZoneInfo | None
) -> str:
    """ "07:00–16:00": a shift's times on the clock of ``zone``."""
    if zone is not None:
        start, end = start.astimezone(zone), end.astimezone(zone)
    return f"{start:%H:%M}–{end:%H:%M}"


@dataclass(frozen=True)
class Interval:
    """A 30-minute interval of a team's day: from ``start`` (local time), how
    many work it whole, whether the team is open then, and its minimum."""

    start: datetime.datetime
    headcount: int
    open: bool
    minimum: int

    @property
    def short(self) -> bool:
        return self.open and self.headcount < self.minimum


def staffing(
    shifts: Iterable[PlannedShift],
    *,
    day: datetime.date,
    zone: ZoneInfo,
    minimum: int,
) -> list[Interval]:
    """Each 30-minute interval of ``day`` with its headcount against ``minimum``.

    A team is open on a working day from the first start to the last end of
    the shifts that start that day, so last night's shift keeps it open into
    the morning and tonight's past midnight; outside those hours it is closed,
    not short (a night team is not short all afternoon, nor a desk team at
    03:00 because a late shift ran past midnight). Inside them, any interval
    under the minimum is short, a hole in the middle of the day included.
    ``shifts`` must hold those starting the day before and on ``day``.
    """
    shifts = list(shifts)
    start, slots = _day_slots(day, zone)
    is_open = [False] * len(slots)
    for opening_day in (day - DAY, day):
        own = [s for s in shifts if s.day == opening_day]
        if own:
            first, last = _covered(
                min(s.start for s in own), max(s.end for s in own), start, len(slots)
            )
            for index in range(first, last):
                is_open[index] = True
    return [
        Interval(slot, n, is_open[index], minimum)
        for index, (slot, n) in enumerate(coverage(shifts, day=day, zone=zone))
    ]


def _day_slots(
    day: datetime.date, zone: ZoneInfo
) -> tuple[datetime.datetime, list[datetime.datetime]]:
    """The UTC start of local ``day`` and of each of its 30-minute intervals:
    46 or 50 of them on a day the clocks change."""
    utc = datetime.UTC
    start = datetime.datetime.combine(day, datetime.time(), tzinfo=zone)
    end = datetime.datetime.combine(day + DAY, datetime.time(), tzinfo=zone)
    start, end = start.astimezone(utc), end.astimezone(utc)
    return start, [start + n * INTERVAL for n in range((end - start) // INTERVAL)]


def _covered(
    begin: datetime.datetime, end: datetime.datetime, day_start, count: int
) -> tuple[int, int]:
    """The indexes (first, past the last) of the intervals from ``day_start``
    that ``begin`` to ``end`` covers whole, within ``count`` of them."""
    utc = datetime.UTC
    begin, end = begin.astimezone(utc), end.astimezone(utc)
    # Interval i runs from day_start + i * INTERVAL; ceiling and floor, exactly.
    first = -((day_start - begin) // INTERVAL)
    last = (end - day_start) // INTERVAL
    return max(first, 0), min(last, count)


def _by_person(shifts: Iterable[PlannedShift]) -> dict[int, list[PlannedShift]]:
    people: dict[int, list[PlannedShift]] = defaultdict(list)
    for shift in shifts:
        people[shift.staff_id].append(shift)
    for own in people.values():
        own.sort(key=lambda s: (s.start, s.end))
    return people


def _hours_minutes(span: datetime.timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    return f"{minutes // 60} h {minutes % 60:02d}"
