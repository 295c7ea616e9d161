"""Dashboard panels of shift planning, each drawn only for whom it serves."""

import datetime

from django.utils import timezone

from deskbook.core.dashboard_panels import DashboardPanel
from workforce.people.selectors import SEE_EVERYONE, teams_led_by

from . import calculations as calc
from .models import Shift
from .selectors import SEE_PLANS, coverage_gaps, my_shifts
from .viewsets.coverage import coverage_url, day_summary, duration

MOST_UNDERSTAFFED = 5


class MyShiftsThisWeekPanel(DashboardPanel):
    name = "scheduling_my_shifts_this_week"
    order = 76
    template_name = "scheduling/panels/my_shifts_this_week.html"

    def get_context_data(self, parent_context=None):
        # The seven days from today: on a Sunday, the week ahead matters.
        today = timezone.localdate()
        last = today + datetime.timedelta(days=6)
        zone = timezone.get_default_timezone()
        shifts = [
            {
                "shift": shift,
                "times": f"{shift.start.astimezone(zone):%H:%M}–"
                f"{shift.end.astimezone(zone):%H:%M}",
                "cancelled": shift.status == Shift.Status.CANCELLED,
                "past": shift.end <= timezone.now(),
            }
            for shift in my_shifts(viewer=self.request.user, first=today, last=last)
        ]
        return {"first": today, "last": last, "today": today, "shifts": shifts}


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
    """*My shifts this week* for everyone who has published shifts; coverage
    gaps for those who plan: leads of a team, and managers."""
    user = request.user
    panels: list[DashboardPanel] = []
    if (
        Shift.objects.exclude(status=Shift.Status.DRAFT)
        .filter(staff__user_id=user.pk)
        .exists()
    ):
        panels.append(MyShiftsThisWeekPanel(request))
    if user.has_perm(SEE_PLANS) and (
        user.has_perm(SEE_EVERYONE) or teams_led_by(user).exists()
    ):
        panels.append(CoverageGapsPanel(request))
    return panels
