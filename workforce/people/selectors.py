"""Reads of people and teams, and the scope rule: who may see whom, on a date.

Every back-office listing, report, export and API of people's records narrows
its rows with ``staff_visible_to``:

- whoever holds ``workforce.oversee_staff`` (managers) sees everyone;
- a team lead sees the people who were in a team they lead *on that date*,
  so a person who moved out last month shows in the old team's past records
  and not in its future ones;
- anyone with a staff record sees their own;
- trainers and QA analysts see only their own for now: what their work needs
  (a course's enrolments, the calls they score) is granted by those
  capabilities when they come;
- a user with no staff record sees nobody.
"""

import datetime
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from .models import Staff, Team, TeamMembership

SEE_EVERYONE = "workforce.oversee_staff"
MOVE = "workforce.add_teammembership"


def team_on_date(staff_ids: Iterable[int], on: datetime.date) -> dict[int, Team]:
    """The team each of these people was in on ``on``, in one query; people in
    no team that day are left out."""
    memberships = (
        TeamMembership.objects.on(on)
        .filter(staff_id__in=list(staff_ids))
        .select_related("team__partner")
    )
    return {membership.staff_id: membership.team for membership in memberships}


def teams_led_by(user) -> QuerySet[Team]:
    if not user.is_authenticated:
        return Team.objects.none()
    return Team.objects.filter(leads__user=user)


def staff_visible_to(*, viewer, on: datetime.date) -> QuerySet[Staff]:
    """The people whose records ``viewer`` may see, for facts dated ``on``."""
    staff = Staff.objects.all()
    if not viewer.is_authenticated or not viewer.is_active:
        return staff.none()
    if viewer.has_perm(SEE_EVERYONE):
        return staff
    in_led_teams = TeamMembership.objects.on(on).filter(team__in=teams_led_by(viewer))
    return staff.filter(
        Q(user=viewer) | Q(pk__in=in_led_teams.values("staff_id"))
    ).distinct()


def may_move(*, viewer, staff: Staff, on: datetime.date) -> bool:
    """A manager may move anyone; a lead, the people in their team on ``on``."""
    if not viewer.has_perm(MOVE):
        return False
    if viewer.has_perm(SEE_EVERYONE):
        return True
    return (
        TeamMembership.objects.on(on)
        .filter(staff=staff, team__in=teams_led_by(viewer))
        .exists()
    )


def team_list_for(user) -> QuerySet[Team]:
    """Every team for those who see everyone; a team lead's own teams."""
    teams = Team.objects.select_related("partner")
    if user.has_perm(SEE_EVERYONE):
        return teams
    return teams.filter(pk__in=teams_led_by(user).values("pk"))


def staff_list_for(user, *, on: datetime.date) -> QuerySet[Staff]:
    """The staff listing's rows: the people ``user`` may see on ``on``."""
    return staff_visible_to(viewer=user, on=on).select_related("user")


def team_history(staff: Staff) -> QuerySet[TeamMembership]:
    return staff.memberships.select_related("team", "recorded_by").order_by(
        "-valid_from"
    )
