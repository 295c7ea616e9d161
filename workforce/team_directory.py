"""Workforce's answer to "who is in which team" for the other apps' reports."""

from .models import Staff, Team


class WorkforceTeamDirectory:
    def choices(self):
        return list(Team.objects.order_by("name").values_list("slug", "name"))

    def team_names(self, user_ids):
        return dict(
            Staff.objects.filter(
                user_id__in=list(user_ids), team__isnull=False
            ).values_list("user_id", "team__name")
        )

    def member_ids(self, team_key):
        return Staff.objects.filter(team__slug=team_key, user__isnull=False).values(
            "user_id"
        )

    def member_ids_led_by(self, user):
        return Staff.objects.filter(team__lead=user, user__isnull=False).values(
            "user_id"
        )
