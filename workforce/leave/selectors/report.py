"""Days of approved leave a month, by team or partner and type, summed by
the database."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, Q, Subquery, Sum
from django.db.models.functions import ExtractMonth

from deskbook.core.teams import NO_TEAM, run_by_order
from workforce.people.models import Team, TeamMembership

from .. import calculations as calc
from ..models import (
    LeaveDay,
    LeaveType,
)

IN_HOUSE = "in-house"  # the report's filter for teams no partner runs


@dataclass(frozen=True)
class TakenLine:
    """Days of approved leave of one type in one group (a team, or who runs
    the teams) in each month of a year."""

    group: str
    run_by: str
    leave_type: LeaveType
    months: list[Decimal]


def leave_taken(
    *,
    year: int,
    by_run_by: bool = False,
    team: Team | None = None,
    partner: str = "",
    leave_type: LeaveType | None = None,
) -> list[TakenLine]:
    """Days of approved leave a month of ``year``, by team (or by who runs the
    team: in-house or a partner agency) and type, each day counted in the
    team the person was in that day. ``partner`` is ``IN_HOUSE`` or a
    partner agency's id. Three queries, however many people: the sums are
    made by the database."""
    team_that_day = (
        TeamMembership.objects.filter(
            staff_id=OuterRef("request__staff_id"), valid_from__lte=OuterRef("day")
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=OuterRef("day")))
        .values("team_id")[:1]
    )
    days = (
        LeaveDay.objects.approved()
        .filter(
            day__gte=datetime.date(year, 1, 1), day__lte=datetime.date(year, 12, 31)
        )
        .annotate(team_on_day=Subquery(team_that_day), month=ExtractMonth("day"))
    )
    if leave_type is not None:
        days = days.filter(request__leave_type=leave_type)
    if team is not None:
        days = days.filter(team_on_day=team.pk)
    if partner == IN_HOUSE:
        days = days.filter(team_on_day__in=Team.objects.filter(partner__isnull=True))
    elif partner:
        days = days.filter(team_on_day__in=Team.objects.filter(partner_id=partner))
    sums = list(
        days.values("team_on_day", "request__leave_type_id", "month")
        .annotate(total=Sum("days"))
        .order_by()
    )
    teams = Team.objects.select_related("partner").in_bulk(
        {row["team_on_day"] for row in sums if row["team_on_day"]}
    )
    types = LeaveType.objects.in_bulk({row["request__leave_type_id"] for row in sums})
    lines: dict[tuple, list[Decimal]] = {}
    run_by_of: dict[str, str] = {}
    for row in sums:
        found = teams.get(row["team_on_day"])
        run_by = found.run_by if found else NO_TEAM
        group = run_by if by_run_by else (found.name if found else NO_TEAM)
        run_by_of[group] = run_by
        months = lines.setdefault(
            (group, row["request__leave_type_id"]), [calc.ZERO] * 12
        )
        months[row["month"] - 1] += row["total"]

    def place(key) -> tuple:
        group, type_id = key
        # Teams by name, people in no team last; who runs them, in-house first.
        first = run_by_order(group) if by_run_by else (group == NO_TEAM, group)
        return first, types[type_id].name

    return [
        TakenLine(group, run_by_of[group], types[type_id], months)
        for (group, type_id), months in sorted(
            lines.items(), key=lambda item: place(item[0])
        )
    ]
