"""The people app's answer to "who was in which team on a date, and who ran
it", for the other apps' reports (``deskbook.core.teams``)."""

import datetime

from deskbook.core.teams import IN_HOUSE, IN_HOUSE_KEY, TeamOnDate

from .models import PartnerAgency, Staff, Team, TeamMembership
from .selectors import team_on_date, teams_led_by


class WorkforceTeamDirectory:
    def choices(self):
        return list(Team.objects.order_by("name").values_list("slug", "name"))

    def run_by_choices(self):
        partners = PartnerAgency.objects.order_by("name").values_list("pk", "name")
        return [(IN_HOUSE_KEY, IN_HOUSE)] + [(str(pk), name) for pk, name in partners]

    def teams_of(self, user_ids, *, on: datetime.date):
        staff = dict(
            Staff.objects.filter(user_id__in=list(user_ids)).values_list(
                "pk", "user_id"
            )
        )
        return {
            staff[pk]: TeamOnDate(key=team.slug, name=team.name, run_by=team.run_by)
            for pk, team in team_on_date(staff, on).items()
        }

    def _members_on(self, on: datetime.date):
        return TeamMembership.objects.on(on).filter(staff__user__isnull=False)

    def member_ids(self, team_key, *, on: datetime.date):
        return self._members_on(on).filter(team__slug=team_key).values("staff__user_id")

    def member_ids_run_by(self, run_by_key, *, on: datetime.date):
        members = self._members_on(on)
        if run_by_key == IN_HOUSE_KEY:
            members = members.filter(team__partner__isnull=True)
        elif run_by_key.isdigit():
            members = members.filter(team__partner_id=int(run_by_key))
        else:
            members = members.none()
        return members.values("staff__user_id")

    def member_ids_led_by(self, user, *, on: datetime.date):
        return (
            self._members_on(on)
            .filter(team__in=teams_led_by(user))
            .values("staff__user_id")
        )
