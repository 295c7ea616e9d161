"""Who may act on whose leave: ask for it, decide it, see its document."""

import datetime

from django.db.models import Q, QuerySet

from workforce.people.models import Staff, TeamMembership
from workforce.people.selectors import SEE_EVERYONE, teams_led_by

from ..models import (
    LeaveRequest,
)

DECIDE = "leave.change_leaverequest"


def memberships_during(
    staff: Staff, first: datetime.date, last: datetime.date
) -> QuerySet[TeamMembership]:
    """The person's time in teams that overlaps ``first`` to ``last``."""
    return (
        TeamMembership.objects.filter(staff=staff, valid_from__lte=last)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
        .select_related("team")
    )


def is_manager(viewer) -> bool:
    return viewer.is_authenticated and viewer.has_perm(SEE_EVERYONE)


def may_decide_for(
    *, viewer, staff: Staff, first: datetime.date, last: datetime.date
) -> bool:
    """A manager decides anyone's leave; a lead, the leave of someone in a
    team they lead on a day of it (a person who moves team mid-request has
    both teams' leads). Nobody decides their own."""
    if not viewer.is_authenticated or not viewer.is_active:
        return False
    if not viewer.has_perm(DECIDE) or staff.user_id == viewer.pk:
        return False
    if viewer.has_perm(SEE_EVERYONE):
        return True
    return (
        memberships_during(staff, first, last)
        .filter(team__in=teams_led_by(viewer))
        .exists()
    )


def may_decide(*, viewer, request: LeaveRequest) -> bool:
    return may_decide_for(
        viewer=viewer,
        staff=request.staff,
        first=request.first_day,
        last=request.last_day,
    )


def may_ask_for(
    *, viewer, staff: Staff, first: datetime.date, last: datetime.date
) -> bool:
    """A person asks for their own leave; whoever decides it may ask on
    their behalf (a lead recording a sick day)."""
    if viewer.is_authenticated and viewer.is_active and staff.user_id == viewer.pk:
        return True
    return may_decide_for(viewer=viewer, staff=staff, first=first, last=last)


def may_see_certificate(*, viewer, request: LeaveRequest) -> bool:
    """A request's document is the person's, and theirs who decide it: the
    leads of the person's team on those days (and whoever decided it), and
    managers."""
    if not viewer.is_authenticated or not viewer.is_active:
        return False
    if request.staff.user_id == viewer.pk or request.decided_by_id == viewer.pk:
        return True
    return is_manager(viewer) or may_decide(viewer=viewer, request=request)


def decides_leave(viewer) -> bool:
    """Whether ``viewer`` decides anyone's leave: a manager, or a lead of a
    team (who decides that team's)."""
    if not viewer.is_authenticated or not viewer.is_active:
        return False
    if not viewer.has_perm(DECIDE):
        return False
    return viewer.has_perm(SEE_EVERYONE) or teams_led_by(viewer).exists()
