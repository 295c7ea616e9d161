"""Dashboard panels of shift planning, each drawn only for whom it serves."""

import datetime

from django.utils import timezone

from deskbook.core.dashboard_panels import DashboardPanel
from workforce.people.selectors import SEE_EVERYONE, teams_led_by

from . import calculations as calc
from .selectors import SEE_PLANS, coverage_gaps
from .viewsets.coverage import coverage_url, day_summary, duration

MOST_UNDERSTAFFED = 5


class CoverageGapsPanel(DashboardPanel):
    """Each team-day of this week with a half hour under the minimum: a
    lead's teams, or a manager's most understaffed teams."""

    name = "scheduling_coverage_gaps"
    order = 85
    template_name = "scheduling/panels/coverage_gaps.html"

    def get_context_data(self, parent_context=None):
        user = self.request.user
        monday = calc.week_start(timezone.localdate())
        sunday = monday + datetime.timedelta(days=6)
        weeks = coverage_gaps(
            viewer=user, first=monday, last=sunday, most=MOST_UNDERSTAFFED
        )
        return {
            "monday": monday,
            "sunday": sunday,
            "all_teams": user.has_perm(SEE_EVERYONE),
            "most": MOST_UNDERSTAFFED,
            "teams": [
                {
                    "team": week.team,
                    "url": coverage_url(week.team, monday),
                    "short": duration(week.short_minutes),
                    "days": [
                        {
                            "date": day.day,
                            "url": coverage_url(week.team, monday, day.day),
                            "summary": day_summary(day),
                        }
                        for day in week.short_days
                    ],
                }
                for week in weeks
            ],
        }


def scheduling_panels(request) -> list[DashboardPanel]:
    """Coverage gaps for those who plan: leads of a team, and managers."""
    user = request.user
    if not user.has_perm(SEE_PLANS):
        return []
    if user.has_perm(SEE_EVERYONE) or teams_led_by(user).exists():
        return [CoverageGapsPanel(request)]
    return []
