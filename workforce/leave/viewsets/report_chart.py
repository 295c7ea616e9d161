"""The leave report's chart: the days of each month stacked by leave type,
laid out by the core's ``stacked_bars`` and drawn as SVG by the template."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from deskbook.core.charts import Bars, axis_top, stacked_bars

from .wording import days_text

__all__ = ["MONTHS", "Series", "axis_top", "stacked_months"]

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun"]
MONTHS += ["Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass(frozen=True)
class Series:
    label: str
    colour: str
    months: Sequence[Decimal]  # 12 values


def stacked_months(series: Sequence[Series]) -> dict:
    """Bars a type a month, the ticks, the months' labels and the legend."""
    chart = stacked_bars(
        [Bars(s.label, s.colour, s.months) for s in series], MONTHS, days_text
    )
    chart["months"] = chart["categories"]
    return chart
