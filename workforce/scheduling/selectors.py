"""Reads of shift planning, scoped to the viewer."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from workforce.people.models import Team
from workforce.people.selectors import SEE_EVERYONE, teams_led_by

from . import calculations as calc
from .models import PlanPublication, Shift

PLAN = "scheduling.add_shift"
SEE_PLANS = "scheduling.view_shift"


def may_plan(*, viewer, team: Team) -> bool:
    """A manager plans any team; a lead, the teams they lead."""
    if not viewer.is_authenticated or not viewer.has_perm(PLAN):
        return False
    if viewer.has_perm(SEE_EVERYONE):
        return True
    return teams_led_by(viewer).filter(pk=team.pk).exists()


def teams_plannable_by(viewer) -> QuerySet[Team]:
    teams = Team.objects.select_related("partner").order_by("name")
    if not viewer.is_authenticated or not viewer.has_perm(PLAN):
        return teams.none()
    if viewer.has_perm(SEE_EVERYONE):
        return teams
    return teams.filter(pk__in=teams_led_by(viewer).values("pk"))


def published_days(
    team: Team, first: datetime.date, last: datetime.date
) -> set[datetime.date]:
    """The days from ``first`` to ``last`` inside a published period of the team."""
    days = set()
    for publication in PlanPublication.objects.filter(
        team=team, first_day__lte=last, last_day__gte=first
    ):
        day = max(first, publication.first_day)
        while day <= min(last, publication.last_day):
            days.add(day)
            day += datetime.timedelta(days=1)
    return days


def shifts_visible_to(
    *, viewer, first: datetime.date, last: datetime.date
) -> QuerySet[Shift]:
    """Published shifts from ``first`` to ``last`` that ``viewer`` may see: the
    scope rule on each shift's own day. A shift is in the team its person was
    in that day (planning refuses any other), so a lead sees the shifts of the
    teams they lead, a collector their own, a manager everyone's."""
    shifts = (
        Shift.objects.published()
        .between(first, last)
        .select_related("staff", "shift_type", "team")
    )
    if not viewer.is_authenticated or not viewer.is_active:
        return shifts.none()
    if viewer.has_perm(SEE_EVERYONE):
        return shifts
    return shifts.filter(Q(staff__user=viewer) | Q(team__in=teams_led_by(viewer)))


def my_shifts(*, viewer, first: datetime.date, last: datetime.date) -> QuerySet[Shift]:
    """The viewer's own published (and cancelled, to show) shifts."""
    return (
        Shift.objects.exclude(status=Shift.Status.DRAFT)
        .between(first, last)
        .filter(staff__user=viewer)
        .select_related("shift_type", "team")
    )


def coverage_teams_visible_to(viewer) -> QuerySet[Team]:
    """The teams whose coverage ``viewer`` may see: a manager every team, a
    lead the teams they lead, anyone else none."""
    teams = Team.objects.order_by("name")
    if not viewer.is_authenticated or not viewer.has_perm(SEE_PLANS):
        return teams.none()
    if viewer.has_perm(SEE_EVERYONE):
        return teams
    return teams.filter(pk__in=teams_led_by(viewer).values("pk"))


@dataclass(frozen=True)
class DayCoverage:
    """One day of a team's plan: each 30-minute interval's headcount against
    the team's minimum (``calculations.staffing``)."""

    day: datetime.date
    intervals: list[calc.Interval]

    @property
    def short(self) -> list[calc.Interval]:
        return [interval for interval in self.intervals if interval.short]

    @property
    def short_minutes(self) -> int:
        return 30 * len(self.short)

    @property
    def fewest(self) -> int | None:
        """The lowest headcount of the short intervals."""
        return min((i.headcount for i in self.short), default=None)

    @property
    def by_time(self) -> dict[str, calc.Interval]:
        """The intervals by their local start (``"07:30"``). On a day the
        clocks go back, an hour's wall times come twice: a short one stands
        for both, else an open one, else the fewer people."""
        by_time: dict[str, calc.Interval] = {}
        for interval in self.intervals:
            label = f"{interval.start:%H:%M}"
            kept = by_time.get(label)
            if kept is None or _worse(interval, kept):
                by_time[label] = interval
        return by_time


def _worse(interval: calc.Interval, than: calc.Interval) -> bool:
    def rank(i):
        return (i.short, i.open, -i.headcount)

    return rank(interval) > rank(than)


@dataclass(frozen=True)
class TeamCoverage:
    team: Team
    days: list[DayCoverage]

    @property
    def short_days(self) -> list[DayCoverage]:
        return [day for day in self.days if day.short]

    @property
    def short_minutes(self) -> int:
        return sum(day.short_minutes for day in self.days)


def team_coverage(
    *,
    viewer,
    first: datetime.date,
    last: datetime.date,
    teams: Iterable[Team] | None = None,
) -> list[TeamCoverage]:
    """Headcount per 30-minute interval of each day from ``first`` to ``last``
    for each team the viewer may see (of ``teams``, if given), from its
    standing shifts (drafted and published), against its minimum staffing.
    Two queries, however many teams, people and days."""
    visible = coverage_teams_visible_to(viewer)
    if teams is not None:
        visible = visible.filter(pk__in=[team.pk for team in teams])
    visible = list(visible)
    if not visible:
        return []
    # Last night's shifts reach into the first morning.
    rows = (
        Shift.objects.standing()
        .between(first - datetime.timedelta(days=1), last)
        .filter(team__in=visible)
        .values_list("pk", "team_id", "staff_id", "day", "start", "end")
    )
    by_team_day: dict[tuple[int, datetime.date], list] = defaultdict(list)
    for pk, team_id, staff_id, day, start, end in rows:
        shift = calc.PlannedShift(pk, staff_id, day, start, end)
        # A shift counts on the day it starts and on the next, which it may
        # reach; ``staffing`` reads when the team opens from the day before.
        by_team_day[(team_id, day)].append(shift)
        by_team_day[(team_id, day + datetime.timedelta(days=1))].append(shift)
    zone = timezone.get_default_timezone()
    return [
        TeamCoverage(
            team=team,
            days=[
                DayCoverage(
                    day,
                    calc.staffing(
                        by_team_day[(team.pk, day)],
                        day=day,
                        zone=zone,
                        minimum=team.minimum_staffing,
                    ),
                )
                for day in calc.days_between(first, last)
            ],
        )
        for team in visible
    ]


def coverage_gaps(
    *, viewer, first: datetime.date, last: datetime.date, most: int = 5
) -> list[TeamCoverage]:
    """The teams with a short half hour from ``first`` to ``last``: a lead's
    own teams, by name; for a manager, the ``most`` shortest teams of all,
    the shortest first. Two queries, however many teams and people."""
    if viewer.has_perm(SEE_EVERYONE):
        weeks = team_coverage(viewer=viewer, first=first, last=last)
        short = [week for week in weeks if week.short_minutes]
        return sorted(short, key=lambda week: -week.short_minutes)[:most]
    # Anyone else sees the coverage of the teams they lead.
    weeks = team_coverage(viewer=viewer, first=first, last=last)
    return [week for week in weeks if week.short_minutes]
