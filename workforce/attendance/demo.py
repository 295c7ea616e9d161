"""Demo attendance: four weeks of clock events for everyone with a published
shift, told through ``clock_events_record`` (as a badge reader's log would
arrive) in one batch, so what the team pages derive is what the app itself
derives.

The clock follows the plan as it stands: a published shift less approved
leave and training is the time a person is expected, and days fully away
have no events. Most people clock in a few minutes early and out a few
minutes after the end; some are late more often than others (a few minutes
to half an hour), and now and then someone is absent, leaves early or
forgets to clock out.

Run by ``seed_demo`` after leave, whose approved requests change the plan.
Every choice is drawn from a hash of the person and the day, so a second run
sends the same events and the service counts them as already recorded."""

import datetime
import zlib

from django.utils import timezone

from workforce.people.models import Staff
from workforce.scheduling.hooks import absences
from workforce.scheduling.models import Shift

from . import calculations as calc
from .models import ClockEvent
from .services import ClockEventIn, clock_events_record

WEEKS = 4
DAY = datetime.timedelta(days=1)
MINUTE = datetime.timedelta(minutes=1)
# How often a person is late: everyone has one of these habits.
LATE_HABITS = (0.02, 0.05, 0.08, 0.2)
ABSENT_SHARE = 0.02
MISSING_CLOCK_OUT_SHARE = 0.008
LEFT_EARLY_SHARE = 0.03


def _draw(*parts) -> float:
    """A number in [0, 1) fixed by ``parts``: the same day draws the same."""
    return zlib.crc32(":".join(map(str, parts)).encode()) % 10_000 / 10_000


def _minutes(low: int, high: int, *parts) -> datetime.timedelta:
    return (low + int(_draw("minutes", *parts) * (high - low + 1))) * MINUTE


def day_events(
    key: str, day: datetime.date, expected: list[calc.Span]
) -> list[tuple[str, datetime.datetime]]:
    """A person's clock on a day they are expected from the first span's
    start to the last's end: (kind, moment) pairs."""
    start, end = expected[0].start, expected[-1].end
    if _draw("absent", key, day) < ABSENT_SHARE:
        return []
    habit = LATE_HABITS[zlib.crc32(key.encode()) % len(LATE_HABITS)]
    if _draw("late", key, day) < habit:
        clock_in = start + _minutes(6, 30, "late", key, day)
    else:
        clock_in = start - _minutes(1, 9, "early", key, day)
    events = [(calc.CLOCK_IN, clock_in)]
    if _draw("forgot", key, day) < MISSING_CLOCK_OUT_SHARE:
        return events
    if _draw("left early", key, day) < LEFT_EARLY_SHARE:
        clock_out = end - _minutes(15, 90, "left early", key, day)
    else:
        clock_out = end + _minutes(0, 8, "after", key, day)
    return [*events, (calc.CLOCK_OUT, clock_out)]


def planned_events(*, now: datetime.datetime) -> list[ClockEventIn]:
    """The events of the last four weeks' shifts that have ended by now."""
    today = timezone.localdate(now)
    first, last = today - WEEKS * 7 * DAY, today
    shifts: dict[tuple[int, datetime.date], list[calc.Span]] = {}
    for staff_id, day, start, end in (
        Shift.objects.published()
        .between(first, last)
        .order_by("start")
        .values_list("staff_id", "day", "start", "end")
    ):
        shifts.setdefault((staff_id, day), []).append(calc.Span(start, end))
    ids = {staff_id for staff_id, _ in shifts}
    away: dict[int, list[calc.Span]] = {}
    for absence in absences(ids, first - DAY, last + DAY):
        if not absence.pending:
            away.setdefault(absence.staff_id, []).append(
                calc.Span(absence.start, absence.end)
            )
    keys = {
        pk: number or agent
        for pk, number, agent in Staff.objects.filter(pk__in=ids).values_list(
            "pk", "employee_number", "dialer_agent_id"
        )
    }
    events = []
    for (staff_id, day), spans in sorted(shifts.items()):
        expected = calc.subtract(spans, away.get(staff_id, []))
        key = keys.get(staff_id)
        if not expected or not key or expected[-1].end > now:
            continue
        for kind, at in day_events(key, day, expected):
            at = at.replace(second=0, microsecond=0)
            events.append(ClockEventIn(staff_key=key, kind=kind, at=at))
    return events


def seed_attendance(*, size: str = "small", log=print) -> None:
    """Four weeks of clock events for everyone planned (at ``large``, the
    large floor's people too: the plan decides who is there)."""
    report = clock_events_record(
        events=planned_events(now=timezone.now()), source=ClockEvent.Source.IMPORT
    )
    log(
        f"  attendance: {ClockEvent.objects.count()} clock events "
        f"({report.new} new, {report.duplicate} already recorded)"
    )
