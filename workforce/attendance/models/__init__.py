"""Models of attendance: clock events and the integrations that send them,
corrections of a day's attendance, and the attendance settings."""

from .clock_events import ClockEvent, ClockEventQuerySet
from .corrections import AttendanceCorrection
from .demand import InboundForecast, PortfolioBucket
from .integrations import Integration, IntegrationQuerySet
from .settings import AttendanceSettings

__all__ = [
    "AttendanceCorrection",
    "AttendanceSettings",
    "ClockEvent",
    "ClockEventQuerySet",
    "InboundForecast",
    "Integration",
    "IntegrationQuerySet",
    "PortfolioBucket",
]
