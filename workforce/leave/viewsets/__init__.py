"""The people-facing leave pages: *My leave* with the request form, the
approvals, the team calendar, the leave report and the documents. Each
screen is a module; every page refuses with a 403."""

from .my_leave import MyLeaveViewSet

__all__ = ["MyLeaveViewSet"]
