"""Reads behind *Reports → Attendance*: a team's month summed up, late
arrivals week by week and absences by weekday, over the teams the viewer
may see (managers every team, leads their own). Each derives the days once
through ``teams_attendance``: a fixed number of queries however many teams,
people and days."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied

from workforce.people.models import Team
from workforce.people.selectors import SEE_EVERYONE, teams_led_by

from . import calculations as calc
from .selectors import AttendanceDay, teams_attendance

WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
# The statuses of a day the plan expected someone (or excused them).
SCHEDULED = {
    calc.PRESENT,
    calc.LATE,
    calc.LEFT_EARLY,
    calc.ABSENT,
    calc.ON_LEAVE,
    calc.IN_TRAINING,
}


def may_see_reports(viewer) -> bool:
    if not viewer.is_authenticated or not viewer.is_active:
        return False
    return viewer.has_perm(SEE_EVERYONE) or teams_led_by(viewer).exists()


def report_teams(viewer):
    """The teams whose attendance ``viewer`` may report on."""
    if not may_see_reports(viewer):
        raise PermissionDenied("Attendance reports are for leads and managers.")
    if viewer.has_perm(SEE_EVERYONE):
        return Team.objects.order_by("name")
    return teams_led_by(viewer).order_by("name")


@dataclass(frozen=True)
class SummaryLine:
    team: Team
    month: datetime.date  # its first day
    scheduled: int
    present: int
    late: int
    left_early: int
    absent: int
    on_leave: int
    adherence: float | None
    conformance: float | None


@dataclass(frozen=True)
class WeekLine:
    monday: datetime.date
    late: int
    average_minutes_late: float | None


@dataclass(frozen=True)
class WeekdayLine:
    weekday: str
    scheduled: int
    absent: int

    @property
    def share(self) -> float | None:
        return calc.ratio(self.absent, self.scheduled)


def _days(*, viewer, teams, first, last, now):
    allowed = {team.pk for team in report_teams(viewer)}
    if any(team.pk not in allowed for team in teams):
        raise PermissionDenied("That team's attendance is not yours to see.")
    for attendance in teams_attendance(teams=teams, first=first, last=last, now=now):
        for person in attendance.people:
            for day in person.days:
                yield attendance.team, day


def attendance_summary(*, viewer, teams, first, last, now=None) -> list[SummaryLine]:
    """A line a team a month: the scheduled days and what became of them
    (the status that stands, corrections included), adherence and
    conformance (minutes over minutes, as the clock says)."""
    grouped: dict[tuple, list[AttendanceDay]] = defaultdict(list)
    for team, day in _days(viewer=viewer, teams=teams, first=first, last=last, now=now):
        grouped[(team, day.day.replace(day=1))].append(day)
    lines = []
    for (team, month), days in grouped.items():
        counts = defaultdict(int)
        for day in days:
            counts[day.status] += 1
        totals = calc.totals(day.derived for day in days)
        lines.append(
            SummaryLine(
                team=team,
                month=month,
                scheduled=sum(counts[s] for s in SCHEDULED),
                present=counts[calc.PRESENT],
                late=counts[calc.LATE],
                left_early=counts[calc.LEFT_EARLY],
                absent=counts[calc.ABSENT],
                on_leave=counts[calc.ON_LEAVE],
                adherence=totals.adherence,
                conformance=totals.conformance,
            )
        )
    return sorted(lines, key=lambda line: (line.team.name, line.month))


def lateness_trend(*, viewer, teams, first, last, now=None) -> list[WeekLine]:
    """Each week (from its Monday) from ``first`` to ``last``: the late
    arrivals the clock shows and how late they were on average."""
    late: dict[datetime.date, list[float]] = defaultdict(list)
    monday = first - datetime.timedelta(days=first.weekday())
    weeks = []
    while monday <= last:
        weeks.append(monday)
        monday += datetime.timedelta(days=7)
    for _, day in _days(viewer=viewer, teams=teams, first=first, last=last, now=now):
        minutes = day.derived.minutes_late
        if minutes is not None:
            late[day.day - datetime.timedelta(days=day.day.weekday())].append(minutes)
    return [
        WeekLine(
            monday=week,
            late=len(late[week]),
            average_minutes_late=(
                sum(late[week]) / len(late[week]) if late[week] else None
            ),
        )
        for week in weeks
    ]


def absence_by_weekday(*, viewer, teams, first, last, now=None) -> list[WeekdayLine]:
    """Monday to Sunday: the scheduled days and the days absent (the
    status that stands)."""
    scheduled, absent = [0] * 7, [0] * 7
    for _, day in _days(viewer=viewer, teams=teams, first=first, last=last, now=now):
        if day.status in SCHEDULED:
            scheduled[day.day.weekday()] += 1
        if day.status == calc.ABSENT:
            absent[day.day.weekday()] += 1
    return [
        WeekdayLine(name, scheduled[i], absent[i]) for i, name in enumerate(WEEKDAYS)
    ]
