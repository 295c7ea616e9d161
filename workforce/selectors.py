"""Reads of workforce records, narrowed to what a user may see."""

from django.db.models import QuerySet

from .models import Staff, Team


def team_list_for(user) -> QuerySet[Team]:
    """All teams for those who manage staff records; a team lead's own teams."""
    teams = Team.objects.select_related("lead")
    if user.has_perm("workforce.change_team"):
        return teams
    return teams.filter(lead=user)


def staff_list_for(user) -> QuerySet[Staff]:
    """All staff for those who manage staff records; a team lead's own teams'."""
    staff = Staff.objects.select_related("team", "user")
    if user.has_perm("workforce.change_staff"):
        return staff
    return staff.filter(team__lead=user)
