"""Reads of attendance: a team's days derived from the published plan, the
absences the plan knows and the clock, with the corrections over them."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone

from workforce.people.models import Staff, Team, TeamMembership
from workforce.people.selectors import SEE_EVERYONE, teams_led_by
from workforce.scheduling.hooks import absences
from workforce.scheduling.models import Shift

from . import calculations as calc
from .models import AttendanceCorrection, AttendanceSettings, ClockEvent

DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class AttendanceDay:
    day: datetime.date
    derived: calc.DayAttendance
    correction: AttendanceCorrection | None = None

    @property
    def status(self) -> str:
        """What stands: the latest correction, else what the clock says."""
        return self.correction.status if self.correction else self.derived.status

    @property
    def status_label(self) -> str:
        return calc.STATUS_LABELS[self.status]


@dataclass(frozen=True)
class PersonAttendance:
    staff: Staff
    days: list[AttendanceDay]  # only the days they were in the team

    @property
    def totals(self) -> calc.Totals:
        return calc.totals(day.derived for day in self.days)


@dataclass(frozen=True)
class TeamAttendance:
    team: Team
    first: datetime.date
    last: datetime.date
    people: list[PersonAttendance]

    @property
    def totals(self) -> calc.Totals:
        return calc.totals(d.derived for person in self.people for d in person.days)


def may_see_team_attendance(*, viewer, team: Team) -> bool:
    """Managers see every team's attendance; leads, their own teams'."""
    if not viewer.is_authenticated or not viewer.is_active:
        return False
    if viewer.has_perm(SEE_EVERYONE):
        return True
    return teams_led_by(viewer).filter(pk=team.pk).exists()


def attendance_rules() -> calc.Rules:
    settings = AttendanceSettings.load()
    return calc.Rules(
        grace_minutes=settings.grace_minutes,
        early_leave_tolerance_minutes=settings.early_leave_tolerance_minutes,
    )


def attendance_for(
    *,
    viewer,
    team: Team,
    first: datetime.date,
    last: datetime.date,
    now: datetime.datetime | None = None,
) -> TeamAttendance:
    """Each day from ``first`` to ``last`` of each person in ``team`` on
    it. A fixed number of queries, however many people and days."""
    if not may_see_team_attendance(viewer=viewer, team=team):
        raise PermissionDenied("A team's attendance is for its leads and managers.")
    return team_attendance(team=team, first=first, last=last, now=now)


def team_attendance(
    *,
    team: Team,
    first: datetime.date,
    last: datetime.date,
    now: datetime.datetime | None = None,
) -> TeamAttendance:
    """``attendance_for`` without the viewer: for jobs and other reads that
    have checked who is asking."""
    return teams_attendance(teams=[team], first=first, last=last, now=now)[0]


def teams_attendance(
    *,
    teams: list[Team],
    first: datetime.date,
    last: datetime.date,
    now: datetime.datetime | None = None,
) -> list[TeamAttendance]:
    """Each team's days from ``first`` to ``last``, in the order given, in
    the same fixed number of queries however many teams, people and days.
    The caller has checked who is asking."""
    now = now or timezone.now()
    zone = timezone.get_default_timezone()
    memberships = list(
        TeamMembership.objects.filter(team__in=teams, valid_from__lte=last)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
        .select_related("staff")
        .order_by("staff__last_name", "staff__first_name", "valid_from")
    )
    # team -> person -> the days they were in it
    member_days: dict[int, dict[int, set[datetime.date]]] = defaultdict(
        lambda: defaultdict(set)
    )
    people: dict[int, Staff] = {}
    for membership in memberships:
        people.setdefault(membership.staff_id, membership.staff)
        day = max(first, membership.valid_from)
        until = min(last, membership.valid_to or last)
        while day <= until:
            member_days[membership.team_id][membership.staff_id].add(day)
            day += DAY
    ids = list(people)
    # A day before and after: a night shift from the evening before, or an
    # early clock-in for tomorrow's shift, decides which day a session is.
    shifts_by_person = _shifts(ids, first - DAY, last + DAY)
    events_by_person = _events(ids, first, last, zone)
    away_by_person = approved_absences(ids, first, last)
    corrections = _corrections(ids, first, last)
    rules = attendance_rules()
    sessions_by_person = {
        staff_id: calc.session_days(
            calc.sessions_from_events(events_by_person.get(staff_id, [])),
            shifts_by_person.get(staff_id, {}),
            zone,
        )
        for staff_id in ids
    }

    def person_days(staff_id: int, days: set[datetime.date]) -> list[AttendanceDay]:
        shifts = shifts_by_person.get(staff_id, {})
        sessions = sessions_by_person[staff_id]
        found = []
        for day in sorted(days):
            frame = calc.local_day_span(day, zone)
            derived = calc.day_attendance(
                shifts=shifts.get(day, []),
                away=[
                    a
                    for a in away_by_person.get(staff_id, [])
                    if a.start < frame.end and a.end > frame.start
                ],
                sessions=sessions.get(day, []),
                rules=rules,
                now=now,
            )
            found.append(AttendanceDay(day, derived, corrections.get((staff_id, day))))
        return found

    return [
        TeamAttendance(
            team,
            first,
            last,
            [
                PersonAttendance(people[staff_id], person_days(staff_id, days))
                for staff_id, days in member_days[team.pk].items()
            ],
        )
        for team in teams
    ]


def _shifts(ids, first, last) -> dict[int, dict[datetime.date, list[calc.Span]]]:
    found: dict[int, dict[datetime.date, list[calc.Span]]] = defaultdict(dict)
    rows = (
        Shift.objects.published()
        .between(first, last)
        .filter(staff_id__in=ids)
        .values_list("staff_id", "day", "start", "end")
    )
    for staff_id, day, start, end in rows:
        found[staff_id].setdefault(day, []).append(calc.Span(start, end))
    return found


def _events(ids, first, last, zone) -> dict[int, list[calc.Event]]:
    start = calc.local_day_span(first - DAY, zone).start
    end = calc.local_day_span(last + DAY, zone).end
    found: dict[int, list[calc.Event]] = defaultdict(list)
    rows = (
        ClockEvent.objects.between(start, end)
        .filter(staff_id__in=ids)
        .order_by("at")
        .values_list("staff_id", "kind", "at")
    )
    for staff_id, kind, at in rows:
        found[staff_id].append(calc.Event(kind, at))
    return found


def approved_absences(ids, first, last) -> dict[int, list[calc.Away]]:
    """Each person's approved leave and training from ``first`` to ``last``."""
    found: dict[int, list[calc.Away]] = defaultdict(list)
    for absence in absences(ids, first, last):
        if absence.pending:
            continue
        kind = calc.LEAVE if absence.kind == calc.LEAVE else calc.TRAINING
        found[absence.staff_id].append(calc.Away(absence.start, absence.end, kind))
    return found


def _corrections(ids, first, last) -> dict[tuple, AttendanceCorrection]:
    latest = {}
    # Newest first (the model's order): the first seen for a day stands.
    for correction in AttendanceCorrection.objects.filter(
        staff_id__in=ids, day__gte=first, day__lte=last
    ).select_related("corrected_by"):
        latest.setdefault((correction.staff_id, correction.day), correction)
    return latest


def events_of_day(*, staff: Staff, day: datetime.date) -> list[ClockEvent]:
    """A person's own clock events on a local day, in order."""
    frame = calc.local_day_span(day, timezone.get_default_timezone())
    return list(ClockEvent.objects.between(frame.start, frame.end).filter(staff=staff))


def clocked_in_since(staff: Staff, now: datetime.datetime) -> datetime.datetime | None:
    """When the person's open clock-in began, if one is open now."""
    recent = ClockEvent.objects.filter(
        staff=staff,
        kind__in=[calc.CLOCK_IN, calc.CLOCK_OUT],
        at__gt=now - calc.LONGEST_SESSION,
        at__lte=now,
    ).order_by("-at", "-pk")
    last = recent.first()
    if last is None or last.kind == calc.CLOCK_OUT:
        return None
    return last.at
