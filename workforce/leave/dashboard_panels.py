"""Dashboard panels of leave, each drawn only for whom it serves."""

from django.utils import timezone

from deskbook.core.dashboard_panels import DashboardPanel
from workforce.people.selectors import staff_of

from .selectors import (
    decides_leave,
    my_balances,
    next_approved_leave,
    requests_to_decide,
)
from .viewsets.wording import days_text, period_text

FIRST_FEW = 5


class LeaveToApprovePanel(DashboardPanel):
    """How many requests wait for the lead's (or manager's) decision, and the
    soonest few."""

    name = "leave_to_approve"
    order = 79
    template_name = "leave/panels/to_approve.html"

    def get_context_data(self, parent_context=None):
        pending = requests_to_decide(viewer=self.request.user)
        first = pending.select_related("staff", "leave_type")[:FIRST_FEW]
        return {
            "count": pending.count(),
            "requests": [
                {
                    "request": request,
                    "period": period_text(request),
                    "days": days_text(request.days),
                }
                for request in first
            ],
        }


class MyLeavePanel(DashboardPanel):
    """The days available of each type the person has an allocation of this
    year, and their next approved leave."""

    name = "leave_my_leave"
    order = 77
    template_name = "leave/panels/my_leave.html"

    def get_context_data(self, parent_context=None):
        user, today = self.request.user, timezone.localdate()
        upcoming = next_approved_leave(viewer=user, today=today)
        return {
            "year": today.year,
            "balances": [
                {
                    "name": line.allocation.leave_type.name,
                    "available": days_text(line.available),
                }
                for line in my_balances(viewer=user, year=today.year, on=today)
            ],
            "next_leave": upcoming,
            "next_period": period_text(upcoming) if upcoming else "",
        }


def leave_panels(request) -> list[DashboardPanel]:
    """*My leave* for everyone with a staff record; *Leave to approve* for
    those who decide leave: leads of a team, and managers."""
    panels: list[DashboardPanel] = []
    if staff_of(request.user) is not None:
        panels.append(MyLeavePanel(request))
    if decides_leave(request.user):
        panels.append(LeaveToApprovePanel(request))
    return panels
