"""Dashboard panels: a lead's team today, a manager's headcount; each drawn
only for the role that needs it."""

from django.utils import timezone

from deskbook.core.dashboard_panels import DashboardPanel

from .selectors import SEE_EVERYONE, headcount, my_team_today, staff_of, teams_led_by


class MyTeamTodayPanel(DashboardPanel):
    name = "workforce_my_team_today"
    order = 80
    template_name = "workforce/panels/my_team_today.html"

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        return {"today": today, **my_team_today(viewer=self.request.user, today=today)}


class HeadcountPanel(DashboardPanel):
    name = "workforce_headcount"
    order = 90
    template_name = "workforce/panels/headcount.html"

    def get_context_data(self, parent_context=None):
        counts = headcount(on=timezone.localdate())
        return {
            "month": counts["month"],
            "total": counts["total"],
            "tables": [
                {"heading": "Team", "rows": counts["by_team"]},
                {"heading": "Run by", "rows": counts["by_agency"]},
            ],
        }


class MyRecordPanel(DashboardPanel):
    name = "workforce_my_record"
    order = 75
    template_name = "workforce/panels/my_record.html"


def people_panels(request) -> list[DashboardPanel]:
    """The panels this user's role calls for: anyone with a staff record gets
    the way to it, leads see their team, those who oversee every person's
    records see the headcount."""
    panels = []
    if staff_of(request.user) is not None:
        panels.append(MyRecordPanel(request))
    if teams_led_by(request.user).exists():
        panels.append(MyTeamTodayPanel(request))
    if request.user.has_perm(SEE_EVERYONE):
        panels.append(HeadcountPanel(request))
    return panels
