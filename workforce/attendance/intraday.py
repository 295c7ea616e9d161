"""The intraday board's reads: for one team and today, each 30-minute
interval's requirement (inbound Erlang C plus outbound workload, with
shrinkage), the people scheduled, present, on leave and absent, and the
shortfall. A fixed number of queries, however many people the team holds."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone

from workforce.people.hooks import person_flags
from workforce.people.models import Staff, Team, TeamMembership
from workforce.scheduling import calculations as planning
from workforce.scheduling.models import Shift

from . import calculations as calc
from .hooks import call_volumes
from .models import AttendanceSettings, ClockEvent, InboundForecast, PortfolioBucket
from .selectors import approved_absences, may_see_team_attendance
from .staffing import demand
from .staffing.floor import PersonOnFloor, floor_counts
from .staffing.requirement import ServiceTarget, interval_requirements

DAY = datetime.timedelta(days=1)
# With no imported forecast for the day, inbound calls are the average of the
# same weekday over this many past weeks of the call log.
HISTORY_WEEKS = 4
IMPORTED, HISTORY = "imported", "history"


@dataclass(frozen=True)
class BoardInterval:
    start: datetime.datetime  # agency time
    inbound_calls: float
    outbound_seconds: float
    agents: int  # on the phones: inbound + outbound
    required: int  # to schedule: agents after shrinkage
    scheduled: int
    started: bool
    present: int | None
    on_leave: int
    absent: int | None

    @property
    def outbound_minutes(self) -> float:
        return self.outbound_seconds / 60

    @property
    def shortfall(self) -> int:
        """Before the interval: the plan against the headcount to schedule;
        once started: the people present against the agents needed."""
        if self.started:
            return max(0, self.agents - (self.present or 0))
        return max(0, self.required - self.scheduled)


@dataclass(frozen=True)
class Board:
    team: Team
    day: datetime.date
    now: datetime.datetime
    intervals: list[BoardInterval]
    target: ServiceTarget
    has_forecast: bool
    has_portfolio: bool
    # Where the inbound forecast came from: IMPORTED, HISTORY or None.
    forecast_source: str | None
    # Actual ÷ forecast inbound calls over the finished half hours, by which
    # the rest of the day is scaled; None until one with forecast calls ended.
    reforecast_ratio: float | None
    # (name, flags) of the team's people with a warning today (people's
    # ``PERSON_FLAGS``: a lapsed compliance certificate).
    flagged: tuple = ()
    history_weeks: int = HISTORY_WEEKS


def intraday_board(
    *, viewer, team: Team, now: datetime.datetime | None = None
) -> Board:
    if not may_see_team_attendance(viewer=viewer, team=team):
        raise PermissionDenied("A team's board is for its leads and managers.")
    return team_board(team=team, now=now)


def team_board(*, team: Team, now: datetime.datetime | None = None) -> Board:
    now = now or timezone.now()
    zone = timezone.get_default_timezone()
    day = timezone.localdate(now)
    settings = AttendanceSettings.load()
    target = ServiceTarget(
        service_level=settings.service_level_percent / 100,
        answer_within_seconds=settings.answer_within_seconds,
        max_occupancy=settings.max_occupancy_percent / 100,
        shrinkage=settings.shrinkage_percent / 100,
    )
    slots = demand.day_intervals(day, zone)

    forecast, handle_seconds, source = _inbound_forecast(team, day, zone)
    midnight = datetime.datetime.combine(day, datetime.time(0), zone)
    actual = {
        volume.start: float(volume.inbound)
        for volume in call_volumes([team.pk], midnight, now).values()
    }
    full_day = {start: forecast.get(start, 0.0) for start in slots}
    finished = [start for start in slots if start + demand.INTERVAL <= now]
    # Reforecast once the call log has the day's calls (a log that has none
    # yet is not a day without calls) and a finished half hour had some
    # forecast: else the day is the forecast as it stands.
    if actual and sum(full_day[start] for start in finished) > 0:
        calls = demand.reforecast_rest_of_day(full_day, actual, now=now)
        ratio = demand.reforecast_ratio(full_day, actual, completed=finished)
    else:
        calls, ratio = full_day, None
    buckets = list(PortfolioBucket.objects.filter(team=team))
    workload = demand.outbound_workload(
        [
            demand.PortfolioSlice(str(b.pk), b.debtor_time_zone, b.accounts)
            for b in buckets
        ],
        {
            str(b.pk): demand.BucketStrategy(
                float(b.attempts_per_account_per_day), b.handle_seconds
            )
            for b in buckets
        },
        day=day,
        zone=zone,
        window=demand.CallingWindow(
            settings.calling_window_opens, settings.calling_window_closes
        ),
    )
    requirements = {}
    for start in slots:
        (requirement,) = interval_requirements(
            inbound_calls={start: calls.get(start, 0.0)},
            inbound_handle_seconds=handle_seconds.get(start, 1),
            outbound_workload={start: workload.get(start, 0.0)},
            target=target,
        )
        requirements[start] = requirement

    ids = list(
        TeamMembership.objects.filter(team=team, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .values_list("staff_id", flat=True)
    )
    shifts = list(
        Shift.objects.published()
        .between(day - DAY, day)
        .filter(team=team)
        .values_list("pk", "staff_id", "day", "start", "end")
    )
    scheduled = dict(
        planning.coverage(
            [planning.PlannedShift(*row) for row in shifts], day=day, zone=zone
        )
    )
    people = _people(ids, shifts, day, now, zone)
    counts = floor_counts(
        people,
        intervals=slots,
        now=now,
        grace=datetime.timedelta(minutes=settings.grace_minutes),
    )
    intervals = [
        BoardInterval(
            start=start,
            inbound_calls=requirements[start].inbound_calls,
            outbound_seconds=requirements[start].outbound_seconds,
            agents=requirements[start].agents,
            required=requirements[start].scheduled,
            scheduled=scheduled.get(start, 0),
            started=count.started,
            present=count.present,
            on_leave=count.on_leave,
            absent=count.absent,
        )
        for start, count in zip(slots, counts, strict=True)
    ]
    return Board(
        team=team,
        day=day,
        now=now,
        intervals=intervals,
        target=target,
        has_forecast=source is not None,
        has_portfolio=bool(buckets),
        forecast_source=source,
        reforecast_ratio=ratio,
        flagged=_flagged(ids, day),
    )


def _flagged(ids, day) -> tuple:
    flags = person_flags(ids, day)
    if not flags:
        return ()
    names = {
        person.pk: person.full_name
        for person in Staff.objects.filter(pk__in=list(flags)).only(
            "first_name", "last_name"
        )
    }
    return tuple(
        (names[staff_id], flags[staff_id])
        for staff_id in sorted(flags, key=lambda pk: names.get(pk, ""))
        if staff_id in names
    )


def _inbound_forecast(team, day, zone):
    """The day's inbound calls and handle seconds per interval, and where
    they came from: the imported forecast if there is one; else the average
    of the same weekday over the last ``HISTORY_WEEKS`` weeks of the call
    log, at the average handle time of those weeks' inbound calls; else
    nothing."""
    rows = InboundForecast.objects.filter(team=team, day=day)
    imported = {
        datetime.datetime.combine(day, row.interval_start, zone): row for row in rows
    }
    if imported:
        return (
            {start: float(row.calls) for start, row in imported.items()},
            {start: row.aht_seconds for start, row in imported.items()},
            IMPORTED,
        )
    midnight = datetime.datetime.combine(day, datetime.time(0), zone)
    past = call_volumes(
        [team.pk], midnight - datetime.timedelta(weeks=HISTORY_WEEKS), midnight
    ).values()
    answered = sum(volume.inbound for volume in past)
    if not answered:
        return {}, {}, None
    calls = demand.inbound_weekday_average(
        ((volume.start, volume.inbound) for volume in past),
        day=day,
        weeks=HISTORY_WEEKS,
        zone=zone,
    )
    handle = max(1, round(sum(volume.inbound_seconds for volume in past) / answered))
    return calls, dict.fromkeys(calls, handle), HISTORY


def _people(ids, shifts, day, now, zone) -> list[PersonOnFloor]:
    shifts_by_person: dict[int, list] = {}
    for _, staff_id, _, start, end in shifts:
        shifts_by_person.setdefault(staff_id, []).append((start, end))
    frame = calc.local_day_span(day, zone)
    events: dict[int, list[calc.Event]] = {}
    rows = (
        ClockEvent.objects.filter(
            staff_id__in=ids, at__gte=frame.start - calc.LONGEST_SESSION, at__lte=now
        )
        .order_by("at")
        .values_list("staff_id", "kind", "at")
    )
    for staff_id, kind, at in rows:
        events.setdefault(staff_id, []).append(calc.Event(kind, at))
    away = approved_absences(ids, day, day)
    people = []
    for staff_id in ids:
        sessions = []
        for session in calc.sessions_from_events(events.get(staff_id, [])):
            if session.end is None and now - session.start > calc.LONGEST_SESSION:
                continue  # never closed: flagged on the attendance day, not here
            sessions.append((session.start, session.end))
        people.append(
            PersonOnFloor(
                shifts=shifts_by_person.get(staff_id, []),
                away=[(a.start, a.end) for a in away.get(staff_id, [])],
                sessions=sessions,
            )
        )
    return people
