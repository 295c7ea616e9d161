"""Reads of shift planning, scoped to the viewer."""

import datetime

from django.db.models import Q, QuerySet

from workforce.people.models import Team
from workforce.people.selectors import SEE_EVERYONE, teams_led_by

from .models import PlanPublication, Shift

PLAN = "scheduling.add_shift"


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
