"""Dashboard panels of attendance, each drawn only for whom it serves."""

from django.middleware.csrf import get_token
from django.utils import timezone

from deskbook.core.dashboard_panels import DashboardPanel
from workforce.people.models import Staff
from workforce.people.selectors import staff_of

from .selectors import clocked_in_since, events_of_day


class ClockPanel(DashboardPanel):
    """The clock in / clock out button and the person's events today."""

    name = "attendance_clock"
    order = 60
    template_name = "attendance/panels/clock.html"

    def __init__(self, request, staff: Staff):
        super().__init__(request)
        self.staff = staff

    def get_context_data(self, parent_context=None):
        now = timezone.now()
        return {
            # A component renders without the request's context: the form's
            # {% csrf_token %} needs the token handed to it.
            "csrf_token": get_token(self.request),
            "clocked_in_since": clocked_in_since(self.staff, now),
            "events": events_of_day(staff=self.staff, day=timezone.localdate(now)),
        }


def attendance_panels(request) -> list[DashboardPanel]:
    """The clock for everyone with a staff record."""
    staff = staff_of(request.user)
    return [ClockPanel(request, staff)] if staff else []
