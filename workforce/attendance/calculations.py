"""A person's day of attendance from their plan and their clock events.

Pure: plain values in, plain values out, no Django. Times are aware
datetimes; minutes are whole or fractional minutes as floats.

The rules (docs/attendance.md):

- Clock events pair into *sessions*: a clock-in opens one and the next
  clock-out closes it; a dialer's "available" opens one that "not ready" or
  a clock-out closes. A session with no close is flagged, never given an
  end: how long the person stayed is not guessed.
- A session belongs to the day of the shift it starts near (from
  ``EARLY_CLOCK_IN`` before the day's first shift to the end of its last
  one), so a clock-in at 23:50 belongs to the 00:30 shift of the next day;
  otherwise to the local day it starts on.
- The time a person is expected is their shifts less their absences (a half
  day of leave leaves the other half to work). Late is a first clock-in
  more than the grace after the expected start (at the grace minute exactly
  is on time); left early is a last clock-out more than the tolerance before
  the expected end.
- Adherence is the share of expected minutes spent in a session;
  conformance is the minutes in sessions over the expected minutes.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

PRESENT = "present"
LATE = "late"
LEFT_EARLY = "left_early"
ABSENT = "absent"
ON_LEAVE = "on_leave"
IN_TRAINING = "in_training"
OFF = "off"
UNSCHEDULED_WORK = "worked_unscheduled"
NOT_YET = "not_yet"  # scheduled later today: too soon to say

STATUS_LABELS = {
    PRESENT: "Present",
    LATE: "Late",
    LEFT_EARLY: "Left early",
    ABSENT: "Absent",
    ON_LEAVE: "On leave",
    IN_TRAINING: "In training",
    OFF: "Off",
    UNSCHEDULED_WORK: "Worked while not scheduled",
    NOT_YET: "Not started yet",
}

MISSING_CLOCK_OUT = "missing_clock_out"

CLOCK_IN, CLOCK_OUT = "clock_in", "clock_out"
AVAILABLE, NOT_READY = "available", "not_ready"

# How long before a shift a clock-in still belongs to it.
EARLY_CLOCK_IN = datetime.timedelta(hours=3)
# A session open longer than this was never closed: the next opening event
# starts a new one rather than continuing it.
LONGEST_SESSION = datetime.timedelta(hours=16)

LEAVE, TRAINING = "leave", "training"


@dataclass(frozen=True)
class Event:
    kind: str
    at: datetime.datetime


@dataclass(frozen=True)
class Span:
    start: datetime.datetime
    end: datetime.datetime


@dataclass(frozen=True)
class Away:
    """An absence: leave (whole or half day) or training, from start to end."""

    start: datetime.datetime
    end: datetime.datetime
    kind: str  # LEAVE or TRAINING


@dataclass(frozen=True)
class Session:
    start: datetime.datetime
    end: datetime.datetime | None  # None: never closed
    opened_by: str  # CLOCK_IN or AVAILABLE


@dataclass(frozen=True)
class Rules:
    grace_minutes: int = 5
    early_leave_tolerance_minutes: int = 5


class Shares:
    """Adherence and conformance of anything with the three minute counts."""

    expected_minutes: float
    adhered_minutes: float
    worked_minutes: float

    @property
    def adherence(self) -> float | None:
        return ratio(self.adhered_minutes, self.expected_minutes)

    @property
    def conformance(self) -> float | None:
        return ratio(self.worked_minutes, self.expected_minutes)


@dataclass(frozen=True)
class DayAttendance(Shares):
    status: str
    flags: tuple[str, ...] = ()
    expected_minutes: float = 0.0
    adhered_minutes: float = 0.0
    worked_minutes: float = 0.0
    first_in: datetime.datetime | None = None
    last_out: datetime.datetime | None = None
    sessions: tuple[Session, ...] = field(default=())
    expected_start: datetime.datetime | None = None

    @property
    def minutes_late(self) -> float | None:
        """How late the first clock-in was, on a late day."""
        if LATE not in self.flags or self.first_in is None:
            return None
        return minutes(self.first_in - self.expected_start)

    @property
    def missing_clock_out(self) -> bool:
        return MISSING_CLOCK_OUT in self.flags


def ratio(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def minutes(delta: datetime.timedelta) -> float:
    return delta.total_seconds() / 60


def sessions_from_events(events: Iterable[Event]) -> list[Session]:
    """Pair a person's events into sessions (see the module's rules).

    A second clock-in while a session is open is the same session (a double
    tap), unless the open one is older than ``LONGEST_SESSION``; a clock-out
    with nothing open is a stray and ignored.
    """
    sessions: list[Session] = []
    clocked: datetime.datetime | None = None
    available: datetime.datetime | None = None

    def close(start, end, opened_by):
        sessions.append(Session(start, end, opened_by))

    for event in sorted(events, key=lambda e: e.at):
        if event.kind == CLOCK_IN:
            if clocked is not None and event.at - clocked > LONGEST_SESSION:
                close(clocked, None, CLOCK_IN)
                clocked = None
            if clocked is None:
                clocked = event.at
        elif event.kind == AVAILABLE:
            if available is not None and event.at - available > LONGEST_SESSION:
                close(available, None, AVAILABLE)
                available = None
            if available is None:
                available = event.at
        elif event.kind in (CLOCK_OUT, NOT_READY):
            if available is not None:
                close(available, event.at, AVAILABLE)
                available = None
            if event.kind == CLOCK_OUT and clocked is not None:
                close(clocked, event.at, CLOCK_IN)
                clocked = None
    if clocked is not None:
        close(clocked, None, CLOCK_IN)
    if available is not None:
        close(available, None, AVAILABLE)
    return sorted(sessions, key=lambda s: s.start)


def local_day_span(day: datetime.date, zone: ZoneInfo) -> Span:
    """A local day, midnight to midnight, as aware moments."""
    start = datetime.datetime.combine(day, datetime.time(), tzinfo=zone)
    end = datetime.datetime.combine(
        day + datetime.timedelta(days=1), datetime.time(), tzinfo=zone
    )
    return Span(start, end)


def session_days(
    sessions: Iterable[Session],
    shifts_by_day: dict[datetime.date, Sequence[Span]],
    zone: ZoneInfo,
) -> dict[datetime.date, list[Session]]:
    """Each session under the day it belongs to: the day of the shifts it
    starts near, else the local day it starts on."""
    frames = [
        (day, min(s.start for s in shifts) - EARLY_CLOCK_IN, max(s.end for s in shifts))
        for day, shifts in shifts_by_day.items()
        if shifts
    ]
    found: dict[datetime.date, list[Session]] = {}
    for session in sessions:
        day = next(
            (d for d, start, end in frames if start <= session.start < end),
            session.start.astimezone(zone).date(),
        )
        found.setdefault(day, []).append(session)
    return found


def subtract(spans: Iterable[Span], holes: Iterable[Span]) -> list[Span]:
    """What is left of ``spans`` once ``holes`` are cut out of them."""
    left = sorted(spans, key=lambda s: s.start)
    for hole in holes:
        cut = []
        for span in left:
            if hole.end <= span.start or hole.start >= span.end:
                cut.append(span)
                continue
            if span.start < hole.start:
                cut.append(Span(span.start, hole.start))
            if hole.end < span.end:
                cut.append(Span(hole.end, span.end))
        left = cut
    return left


def union(spans: Iterable[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        if merged and span.start <= merged[-1].end:
            last = merged[-1]
            merged[-1] = Span(last.start, max(last.end, span.end))
        else:
            merged.append(span)
    return merged


def overlap_minutes(spans: Iterable[Span], others: Iterable[Span]) -> float:
    others = union(others)
    total = 0.0
    for span in union(spans):
        for other in others:
            start, end = max(span.start, other.start), min(span.end, other.end)
            if end > start:
                total += minutes(end - start)
    return total


def day_attendance(
    *,
    shifts: Sequence[Span],
    away: Sequence[Away],
    sessions: Sequence[Session],
    rules: Rules,
    now: datetime.datetime,
) -> DayAttendance:
    """One person's day: their shifts that day, their absences touching it,
    the sessions belonging to it (``session_days``), the rules and the time
    now. A session still open is in progress, not a missing clock-out, and
    counts up to now: before the shift ends, or on a day without a shift
    for up to ``LONGEST_SESSION``."""
    expected = subtract(shifts, [Span(a.start, a.end) for a in away])
    closed = []
    flags = []
    for session in sessions:
        if session.end is not None:
            closed.append(Span(session.start, session.end))
        elif session.start <= now and (
            now < expected[-1].end
            if expected
            else now - session.start <= LONGEST_SESSION
        ):
            closed.append(Span(session.start, now))
        else:
            flags.append(MISSING_CLOCK_OUT)
    flags = sorted(set(flags))
    worked = union(closed)
    worked_minutes = sum(minutes(s.end - s.start) for s in worked)
    first_in = min((s.start for s in sessions), default=None)
    ended = [s.end for s in sessions if s.end is not None]
    last_out = max(ended) if ended and not flags else None
    common = {
        "flags": tuple(flags),
        "worked_minutes": worked_minutes,
        "first_in": first_in,
        "last_out": last_out,
        "sessions": tuple(sessions),
    }
    if not shifts:
        status = UNSCHEDULED_WORK if sessions else _away_status(away) or OFF
        return DayAttendance(status, **common)
    expected_minutes = sum(minutes(s.end - s.start) for s in expected)
    if not expected:
        return DayAttendance(_away_status(away) or OFF, **common)
    adhered = overlap_minutes(expected, worked)
    start, end = expected[0].start, expected[-1].end
    common |= {
        "expected_minutes": expected_minutes,
        "adhered_minutes": adhered,
        "expected_start": start,
    }
    grace = datetime.timedelta(minutes=rules.grace_minutes)
    if first_in is None:
        status = NOT_YET if now <= start + grace else ABSENT
        return DayAttendance(status, **common)
    late = first_in - start > grace
    tolerance = datetime.timedelta(minutes=rules.early_leave_tolerance_minutes)
    left_early = (
        last_out is not None and now >= end and end - last_out > tolerance
    ) and not any(s.end is None for s in sessions)
    more = [LATE] * late + [LEFT_EARLY] * left_early
    common["flags"] = tuple(sorted(set(flags) | set(more)))
    status = LATE if late else LEFT_EARLY if left_early else PRESENT
    return DayAttendance(status, **common)


def _away_status(away: Sequence[Away]) -> str | None:
    kinds = {a.kind for a in away}
    if LEAVE in kinds:
        return ON_LEAVE
    if TRAINING in kinds:
        return IN_TRAINING
    return None


@dataclass(frozen=True)
class Totals(Shares):
    """A team's or a month's days added up."""

    days: int
    expected_minutes: float
    adhered_minutes: float
    worked_minutes: float
    statuses: dict[str, int]


def totals(days: Iterable[DayAttendance]) -> Totals:
    """Adherence and conformance summed over days: minutes over minutes,
    not an average of daily shares (a short day weighs less)."""
    days = list(days)
    statuses: dict[str, int] = {}
    for day in days:
        statuses[day.status] = statuses.get(day.status, 0) + 1
    return Totals(
        days=len(days),
        expected_minutes=sum(d.expected_minutes for d in days),
        adhered_minutes=sum(d.adhered_minutes for d in days),
        worked_minutes=sum(d.worked_minutes for d in days),
        statuses=statuses,
    )
