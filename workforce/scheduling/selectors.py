"""Reads of shift planning, scoped to the viewer."""

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet

from workforce.people.models import Staff, Team, TeamMembership
from workforce.people.selectors import SEE_EVERYONE, teams_led_by

from .models import PlanPublication, Shift, ShiftSwap

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


OPEN_SWAPS = ("offered", "taken")


def staff_of(user) -> Staff | None:
    """The staff record linked to this sign-in, if any."""
    if not user.is_authenticated:
        return None
    return Staff.objects.filter(user=user).first()


def swaps_decidable_by(viewer) -> QuerySet[ShiftSwap]:
    """The swaps ``viewer`` decides on (and sees in *Shift swaps*): a
    manager's, every one; a lead's, those of the teams they lead."""
    swaps = ShiftSwap.objects.select_related(
        "shift__team",
        "shift__shift_type",
        "offered_by",
        "taken_by",
        "in_return__staff",
        "in_return__shift_type",
        "decided_by",
    )
    if not viewer.is_authenticated or not viewer.has_perm(PLAN):
        return swaps.none()
    if viewer.has_perm(SEE_EVERYONE):
        return swaps
    return swaps.filter(shift__team__in=teams_led_by(viewer))


def my_calendar(
    *, viewer, first: datetime.date, last: datetime.date
) -> tuple[list[Shift], dict[int, ShiftSwap]]:
    """The viewer's own published and cancelled shifts from ``first`` to
    ``last``, and the open swap of each shift that has one (as the offered
    shift or the shift in return), in two queries."""
    shifts = list(my_shifts(viewer=viewer, first=first, last=last))
    pks = [s.pk for s in shifts]
    swaps: dict[int, ShiftSwap] = {}
    open_swaps = (
        ShiftSwap.objects.filter(status__in=OPEN_SWAPS)
        .filter(Q(shift__in=pks) | Q(in_return__in=pks))
        .select_related("offered_by", "taken_by", "in_return__staff")
    )
    for swap in open_swaps:
        for pk in (swap.shift_id, swap.in_return_id):
            if pk in pks:
                swaps[pk] = swap
    return shifts, swaps


def offers_open_to(*, staff: Staff, now: datetime.datetime) -> QuerySet[ShiftSwap]:
    """Offers ``staff`` may take: offers to a team they are in on the shift's
    day, and direct swaps proposed to them, for shifts still ahead."""
    in_team_that_day = TeamMembership.objects.filter(
        staff=staff,
        team=OuterRef("shift__team"),
        valid_from__lte=OuterRef("shift__day"),
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=OuterRef("shift__day")))
    return (
        ShiftSwap.objects.filter(status="offered", shift__start__gt=now)
        .exclude(offered_by=staff)
        .filter(
            Q(in_return__isnull=True, shift__status=Shift.Status.PUBLISHED)
            & Exists(in_team_that_day)
            | Q(in_return__staff=staff)
        )
        .select_related(
            "shift__team",
            "shift__shift_type",
            "offered_by",
            "in_return__shift_type",
        )
        .order_by("shift__start")
    )


def swaps_of(*, staff: Staff, limit: int = 30) -> list[ShiftSwap]:
    """The latest swaps ``staff`` offered, took or was asked for."""
    return list(
        ShiftSwap.objects.filter(
            Q(offered_by=staff) | Q(taken_by=staff) | Q(in_return__staff=staff)
        )
        .select_related(
            "shift__shift_type",
            "shift__team",
            "offered_by",
            "taken_by",
            "in_return__shift_type",
            "in_return__staff",
        )
        .order_by("-offered_at", "-pk")[:limit]
    )
