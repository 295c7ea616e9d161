"""Who is on the floor in each 30-minute interval of today: present, on leave,
absent. No Django import.

An interval is *started* once its start has passed. Only started intervals
have a present and an absent count (nobody can be present later today yet).
A person is present in an interval when one of their clock sessions
overlaps its part up to now; on leave when an absence overlaps it; absent
when a shift covers the whole interval, the shift started more than the
grace ago, they are not on leave then and not present.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

INTERVAL = datetime.timedelta(minutes=30)

Span = tuple[datetime.datetime, datetime.datetime]


@dataclass(frozen=True)
class PersonOnFloor:
    """One person's day: shifts, absences and clock sessions as (start, end)
    spans; a session still open has the end ``None``."""

    shifts: Sequence[Span] = field(default=())
    away: Sequence[Span] = field(default=())
    sessions: Sequence[tuple[datetime.datetime, datetime.datetime | None]] = field(
        default=()
    )


@dataclass(frozen=True)
class FloorCount:
    start: datetime.datetime
    started: bool
    present: int | None  # None: not started yet
    on_leave: int
    absent: int | None


def _overlaps(spans: Iterable[Span], start, end) -> bool:
    return any(s < end and e > start for s, e in spans)


def floor_counts(
    people: Iterable[PersonOnFloor],
    *,
    intervals: Sequence[datetime.datetime],
    now: datetime.datetime,
    grace: datetime.timedelta,
) -> list[FloorCount]:
    """Present, on leave and absent in each interval starting at ``intervals``."""
    people = list(people)
    counts = []
    for start in intervals:
        end = start + INTERVAL
        started = start <= now
        on_leave = sum(1 for p in people if _overlaps(p.away, start, end))
        if not started:
            counts.append(FloorCount(start, False, None, on_leave, None))
            continue
        so_far = min(end, now)  # the part of the interval already lived
        present = absent = 0
        for person in people:
            if any(
                s < end and s <= so_far and (e is None or e > start)
                for s, e in person.sessions
            ):
                present += 1
            elif not _overlaps(person.away, start, end) and any(
                s <= start and e >= end and s + grace <= now for s, e in person.shifts
            ):
                absent += 1
        counts.append(FloorCount(start, True, present, on_leave, absent))
    return counts
