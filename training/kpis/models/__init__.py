"""KPI definitions and targets, the composite's settings, and the daily fact
table every KPI is summed from."""

from .definitions import KpiDefinition, PeriodKind
from .facts import CollectorDay, DailyReportMail, FactBuild
from .settings import KpiSettings
from .targets import CollectionTarget

__all__ = [
    "CollectionTarget",
    "CollectorDay",
    "DailyReportMail",
    "FactBuild",
    "KpiDefinition",
    "KpiSettings",
    "PeriodKind",
]
