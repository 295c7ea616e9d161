"""Writes of attendance: clock events from every path, and corrections."""

from .clock_events import (
    ClockEventIn,
    ClockEventsReport,
    NotClockedIn,
    clock_events_record,
    clock_in,
    clock_out,
    staff_by_key,
)
from .clock_import import ClockImportFailed, import_clock_events
from .corrections import attendance_correct
from .forecast_import import (
    ForecastImportFailed,
    ForecastImportReport,
    inbound_forecast_import,
)
from .integrations import integration_create, integration_revoke

__all__ = [
    "ClockEventIn",
    "ClockEventsReport",
    "ClockImportFailed",
    "ForecastImportFailed",
    "ForecastImportReport",
    "NotClockedIn",
    "attendance_correct",
    "clock_events_record",
    "clock_in",
    "clock_out",
    "import_clock_events",
    "inbound_forecast_import",
    "integration_create",
    "integration_revoke",
    "staff_by_key",
]
