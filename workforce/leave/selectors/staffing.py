"""The half hours a request would leave a team under its minimum."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from workforce.people.models import Team
from workforce.scheduling.calculations import DAY, Interval, PlannedShift
from workforce.scheduling.models import Shift

from .. import calculations as calc
from ..models import (
    LeaveRequest,
)


@dataclass(frozen=True)
class ShortDay:
    """A day of a team's plan with the half hours a request leaves under
    the team's minimum."""

    team: Team
    day: datetime.date
    intervals: list[Interval]

    def describe(self) -> str:
        first = self.intervals[0]
        fewest = min(interval.headcount for interval in self.intervals)
        return (
            f"{self.team.name}, {self.day:%a %d %b}: under the minimum of "
            f"{self.team.minimum_staffing} for {30 * len(self.intervals)} minutes "
            f"from {first.start:%H:%M} (as few as {fewest})"
        )


def staffing_impact(request: LeaveRequest) -> list[ShortDay]:
    """The days of the teams' plans where the person's leave would take a
    team under its minimum: their standing shifts on its days lose the part
    taken off (a whole day, or half of the shift). Three queries."""
    return staffing_impacts([request])[request.pk]


def staffing_impacts(requests: Iterable[LeaveRequest]) -> dict[int, list[ShortDay]]:
    """``staffing_impact`` of each request (by id), each judged on its own
    against the plan as it stands. Three queries, however many requests."""
    requests = list(requests)
    found: dict[int, list[ShortDay]] = {request.pk: [] for request in requests}
    if not requests:
        return found
    own_shifts = Q()
    for request in requests:
        own_shifts |= Q(
            staff_id=request.staff_id,
            day__gte=request.first_day,
            day__lte=request.last_day,
        )
    own = defaultdict(list)  # request id -> [(shift id, team id, day)]
    for pk, team_id, staff_id, day in (
        Shift.objects.standing()
        .filter(own_shifts)
        .values_list("pk", "team_id", "staff_id", "day")
    ):
        for request in requests:
            if request.staff_id == staff_id and (
                request.first_day <= day <= request.last_day
            ):
                own[request.pk].append((pk, team_id, day))
    if not own:
        return found
    teams = Team.objects.in_bulk(
        {team_id for rows in own.values() for _, team_id, _ in rows}
    )
    around = Q()
    for request in requests:
        for team_id in {team_id for _, team_id, _ in own[request.pk]}:
            around |= Q(
                team_id=team_id,
                day__gte=request.first_day - DAY,
                day__lte=request.last_day,
            )
    team_shifts: dict[int, list[PlannedShift]] = defaultdict(list)
    for pk, team_id, staff_id, day, start, end in (
        Shift.objects.standing()
        .filter(around)
        .values_list("pk", "team_id", "staff_id", "day", "start", "end")
    ):
        team_shifts[team_id].append(PlannedShift(pk, staff_id, day, start, end))
    zone = timezone.get_default_timezone()
    for request in requests:
        if not own[request.pk]:
            continue
        fractions = calc.day_fractions(
            request.first_day,
            request.last_day,
            request.first_day_part,
            request.last_day_part,
        )
        leave = {pk: fractions[day][1] for pk, _, day in own[request.pk]}
        # A night shift on the last day reaches into the next.
        days = calc.days_between(request.first_day, request.last_day + DAY)
        mine = {team_id for _, team_id, _ in own[request.pk]}
        for team in sorted((teams[t] for t in mine), key=lambda team: team.name):
            shifts = [
                shift
                for shift in team_shifts[team.pk]
                if request.first_day - DAY <= shift.day <= request.last_day
            ]
            short = calc.short_days_without(
                shifts,
                leave=leave,
                days=days,
                zone=zone,
                minimum=team.minimum_staffing,
            )
            found[request.pk] += [
                ShortDay(team, day, intervals) for day, intervals in short.items()
            ]
    return found
