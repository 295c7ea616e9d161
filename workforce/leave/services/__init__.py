"""Writes of leave, one module a concern, re-exported here."""

from .allocation_import import (
    AllocationImportFailed,
    AllocationImportReport,
    import_allocations,
)
from .decisions import UnderMinimumStaffing, leave_request_approve, leave_request_reject
from .holidays import public_holidays_fill
from .requests import leave_request_cancel, leave_request_check, leave_request_submit
from .years import OpenedYear, allocation_open_year

__all__ = [
    "AllocationImportFailed",
    "AllocationImportReport",
    "import_allocations",
    "OpenedYear",
    "allocation_open_year",
    "UnderMinimumStaffing",
    "leave_request_approve",
    "leave_request_cancel",
    "leave_request_check",
    "leave_request_reject",
    "leave_request_submit",
    "public_holidays_fill",
]
