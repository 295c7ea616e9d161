"""The requests and allocations a viewer sees and decides."""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q, QuerySet

from workforce.people.models import Team, TeamMembership
from workforce.people.selectors import SEE_EVERYONE, staff_visible_to, teams_led_by

from ..models import (
    Allocation,
    LeaveRequest,
)
from .access import decides_leave


def requests_visible_to(viewer) -> QuerySet[LeaveRequest]:
    """The leave requests in *Workforce → Leave → Requests*: every one for a
    manager; for a lead, those of people in a team they lead on some day of
    the request; nobody else's."""
    requests = LeaveRequest.objects.select_related("staff", "leave_type", "decided_by")
    if not viewer.is_authenticated or not viewer.has_perm("leave.view_leaverequest"):
        return requests.none()
    if viewer.has_perm(SEE_EVERYONE):
        return requests
    in_led_team = TeamMembership.objects.filter(
        staff=OuterRef("staff"),
        team__in=teams_led_by(viewer),
        valid_from__lte=OuterRef("last_day"),
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=OuterRef("first_day")))
    return requests.filter(Exists(in_led_team))


def allocations_visible_to(viewer, *, on: datetime.date) -> QuerySet[Allocation]:
    """Allocations of the people ``viewer`` may see on ``on`` (the scope
    rule): everyone's for a manager, a lead's teams' for a lead."""
    allocations = Allocation.objects.select_related("staff", "leave_type")
    if not viewer.is_authenticated or not viewer.has_perm("leave.view_allocation"):
        return allocations.none()
    return allocations.filter(staff__in=staff_visible_to(viewer=viewer, on=on))


def requests_to_decide(*, viewer) -> QuerySet[LeaveRequest]:
    """The pending requests ``viewer`` decides: a manager's, everyone's; a
    lead's, those of people in a team they lead on a day of the request;
    never their own. The soonest leave first."""
    if not decides_leave(viewer):
        return LeaveRequest.objects.none()
    return (
        requests_visible_to(viewer)
        .filter(status=LeaveRequest.Status.PENDING)
        .exclude(staff__user_id=viewer.pk)
        .order_by("first_day", "pk")
    )


def teams_during(requests: Iterable[LeaveRequest]) -> dict[int, list[Team]]:
    """The teams each request's person is in on a day of it (by request id),
    by name. One query, however many requests."""
    requests = list(requests)
    memberships = TeamMembership.objects.filter(
        staff_id__in={request.staff_id for request in requests}
    ).select_related("team")
    by_staff = defaultdict(list)
    for membership in memberships:
        by_staff[membership.staff_id].append(membership)
    return {
        request.pk: sorted(
            {
                m.team
                for m in by_staff[request.staff_id]
                if m.valid_from <= request.last_day
                and (m.valid_to is None or m.valid_to >= request.first_day)
            },
            key=lambda team: team.name,
        )
        for request in requests
    }
