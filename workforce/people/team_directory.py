"""The people app's answer to "who is in which team on a date", for the other
apps' reports (``deskbook.core.teams``)."""

import datetime

from django.utils import timezone

from .models import Staff, Team, TeamMembership
from .selectors import team_on_date, teams_led_by


class WorkforceTeamDirectory:
    def choices(self):
        return list(Team.objects.order_by("name").values_list("slug", "name"))

    def team_names(self, user_ids, *, on: datetime.date | None = None):
        on = on or timezone.localdate()
        staff = dict(
            Staff.objects.filter(user_id__in=list(user_ids)).values_list(
                "pk", "user_id"
            )
        )
        return {staff[pk]: team.name for pk, team in team_on_date(staff, on).items()}

    def member_ids(self, team_key, *, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return (
            TeamMembership.objects.on(on)
            .filter(team__slug=team_key, staff__user__isnull=False)
            .values("staff__user_id")
        )

    def member_ids_led_by(self, user, *, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return (
            TeamMembership.objects.on(on)
            .filter(team__in=teams_led_by(user), staff__user__isnull=False)
            .values("staff__user_id")
        )
