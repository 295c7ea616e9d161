"""A team's leave calendar: who is off when in a month."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from workforce.people.models import Staff, Team, TeamMembership
from workforce.people.selectors import SEE_EVERYONE, teams_led_by

from .. import calculations as calc
from ..models import (
    Blackout,
    LeaveRequest,
    PublicHoliday,
)
from .access import decides_leave


def calendar_teams(viewer) -> QuerySet[Team]:
    """The teams whose leave calendar ``viewer`` sees: a manager's, every
    team; a lead's, the teams they lead; nobody else's."""
    if not decides_leave(viewer):
        return Team.objects.none()
    teams = Team.objects.select_related("partner").order_by("name")
    if viewer.has_perm(SEE_EVERYONE):
        return teams
    return teams.filter(pk__in=teams_led_by(viewer).values("pk"))


@dataclass(frozen=True)
class LeaveCell:
    """A person's day on the calendar: outside the team that day, or the
    leave (approved or pending) they have on it, if any."""

    day: datetime.date
    in_team: bool
    request: LeaveRequest | None = None
    part: str = calc.WHOLE


@dataclass(frozen=True)
class LeaveRow:
    staff: Staff
    cells: list[LeaveCell]


@dataclass(frozen=True)
class TeamLeaveMonth:
    team: Team
    days: list[datetime.date]
    holidays: dict[datetime.date, str]
    blackouts: dict[datetime.date, str]
    rows: list[LeaveRow]


def team_leave_month(
    *, team: Team, first: datetime.date, last: datetime.date
) -> TeamLeaveMonth:
    """Who in ``team`` is off when from ``first`` to ``last``: a row for each
    person in the team on any of the days, their pending and approved leave
    on the days they are in it, with the public holidays and the team's
    blackouts. Four queries, however many people. The caller checks that
    the viewer may see the team (``calendar_teams``)."""
    days = calc.days_between(first, last)
    in_team: dict[int, set[datetime.date]] = defaultdict(set)
    people: dict[int, Staff] = {}
    for membership in (
        TeamMembership.objects.filter(team=team, valid_from__lte=last)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
        .select_related("staff")
    ):
        people[membership.staff_id] = membership.staff
        until = membership.valid_to or last
        in_team[membership.staff_id].update(
            day for day in days if membership.valid_from <= day <= until
        )
    leave: dict[tuple[int, datetime.date], tuple[LeaveRequest, str]] = {}
    for request in (
        LeaveRequest.objects.standing()
        .filter(staff_id__in=people)
        .overlapping(first, last)
        .select_related("leave_type")
    ):
        fractions = calc.day_fractions(
            request.first_day,
            request.last_day,
            request.first_day_part,
            request.last_day_part,
        )
        for day, (_, part) in fractions.items():
            leave[request.staff_id, day] = (request, part)
    holidays: dict[datetime.date, str] = {}
    for day, name in PublicHoliday.objects.between(first, last).values_list(
        "date", "name"
    ):
        holidays[day] = f"{holidays[day]}; {name}" if day in holidays else name
    blackouts: dict[datetime.date, str] = {}
    for blackout in Blackout.objects.filter(
        team=team, first_day__lte=last, last_day__gte=first
    ):
        for day in calc.days_between(
            max(first, blackout.first_day), min(last, blackout.last_day)
        ):
            blackouts[day] = blackout.reason
    rows = []
    for staff in sorted(people.values(), key=lambda s: (s.last_name, s.first_name)):
        cells = []
        for day in days:
            request, part = leave.get((staff.pk, day), (None, calc.WHOLE))
            if day not in in_team[staff.pk]:
                request = None
            cells.append(LeaveCell(day, day in in_team[staff.pk], request, part))
        rows.append(LeaveRow(staff, cells))
    return TeamLeaveMonth(team, days, holidays, blackouts, rows)
