"""The pages of attendance: the *Attendance* menu inside *Workforce* (a team's
attendance by month and day with corrections, clock events and their
import, integrations). Every page refuses with a 403."""

from wagtail.admin.viewsets.base import ViewSetGroup

from workforce.people.hooks import WORKFORCE_MENU

from ..hooks import ATTENDANCE_MENU
from .clock_events import ClockEventViewSet
from .demand import InboundForecastViewSet, PortfolioBucketViewSet
from .integrations import IntegrationViewSet
from .intraday import IntradayViewSet
from .team_attendance import TeamAttendanceViewSet

__all__ = ["AttendanceGroup"]


class AttendanceGroup(ViewSetGroup):
    menu_label = "Attendance"
    menu_icon = "time"
    menu_order = 80
    menu_hook = WORKFORCE_MENU
    submenu_hook = ATTENDANCE_MENU
    items = (
        IntradayViewSet(),
        TeamAttendanceViewSet(),
        ClockEventViewSet("attendance_clock_events"),
        IntegrationViewSet("attendance_integrations"),
        PortfolioBucketViewSet("attendance_portfolio_buckets"),
        InboundForecastViewSet("attendance_inbound_forecasts"),
    )
