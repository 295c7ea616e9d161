"""The lead's dashboard panel: yesterday's team totals, linking to the report."""

import datetime

from django.urls import reverse
from django.utils import timezone

from deskbook.core.dashboard_panels import DashboardPanel
from workforce.people.selectors import teams_led_by

from .daily_report import daily_report


class DailyReportPanel(DashboardPanel):
    name = "kpis_daily_report"
    order = 70
    template_name = "kpis/panels/daily_report.html"

    def get_context_data(self, parent_context=None):
        day = timezone.localdate() - datetime.timedelta(days=1)
        lines = [
            line
            for line in daily_report(viewer=self.request.user, day=day)
            if line.is_team_total
        ]
        return {
            "day": day,
            "lines": lines,
            "report_url": reverse("kpis:daily_report"),
        }


def kpi_panels(request) -> list[DashboardPanel]:
    """Yesterday's figures for whoever leads a team."""
    if teams_led_by(request.user).exists():
        return [DailyReportPanel(request)]
    return []
