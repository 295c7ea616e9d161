"""Models of leave: types, yearly allocations and the days charged to them,
public holidays, team blackouts, requests and the leave settings."""

from .allocations import Allocation, LeaveCharge
from .calendar import Blackout, PublicHoliday
from .days import LeaveDay
from .leave_types import LeaveType
from .requests import DayPart, LeaveRequest, private_storage
from .settings import LeaveSettings

__all__ = [
    "Allocation",
    "Blackout",
    "DayPart",
    "LeaveCharge",
    "LeaveDay",
    "LeaveRequest",
    "LeaveSettings",
    "LeaveType",
    "PublicHoliday",
    "private_storage",
]
