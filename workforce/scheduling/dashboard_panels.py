"""Dashboard panels of shift planning."""

import datetime

from django.utils import timezone

from deskbook.core.dashboard_panels import DashboardPanel

from .models import Shift
from .selectors import my_shifts


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


def scheduling_panels(request) -> list[DashboardPanel]:
    """*My shifts this week* for everyone who has published shifts."""
    user = request.user
    if (
        Shift.objects.exclude(status=Shift.Status.DRAFT)
        .filter(staff__user_id=user.pk)
        .exists()
    ):
        return [MyShiftsThisWeekPanel(request)]
    return []
