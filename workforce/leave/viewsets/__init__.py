"""The pages of leave: the back office's *Leave* menu inside *Workforce*
(the requests, leave types, allocations, public holidays and blackouts, the
approvals and the team calendar), *My leave* with the request form, the
leave report and the documents. Each screen is a module; every page refuses
with a 403."""

from wagtail.admin.viewsets.base import ViewSetGroup

from workforce.people.hooks import WORKFORCE_MENU

from ..hooks import LEAVE_MENU
from .allocations import AllocationViewSet
from .approvals import ApprovalsViewSet
from .calendar import BlackoutViewSet, PublicHolidayViewSet
from .leave_types import LeaveTypeViewSet
from .my_leave import MyLeaveViewSet
from .requests import LeaveRequestViewSet
from .team_calendar import TeamCalendarViewSet

__all__ = ["LeaveGroup", "MyLeaveViewSet"]


class LeaveGroup(ViewSetGroup):
    menu_label = "Leave"
    menu_icon = "date"
    menu_order = 70
    menu_hook = WORKFORCE_MENU
    submenu_hook = LEAVE_MENU
    items = (
        ApprovalsViewSet(),
        TeamCalendarViewSet(),
        LeaveRequestViewSet("leave_requests"),
        LeaveTypeViewSet("leave_types"),
        AllocationViewSet("leave_allocations"),
        PublicHolidayViewSet("public_holidays"),
        BlackoutViewSet("leave_blackouts"),
    )
