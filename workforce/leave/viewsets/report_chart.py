"""The leave report's chart: the days of each month stacked by leave type,
laid out here and drawn as SVG by the template, so it shows with no script
and no network."""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .wording import days_text

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun"]
MONTHS += ["Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
WIDTH, HEIGHT = 720, 280
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 28  # room for the axes' labels
PLOT_WIDTH, PLOT_HEIGHT = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
BAR_SHARE = 0.7  # of a month's width; the rest is the gap between bars


@dataclass(frozen=True)
class Series:
    label: str
    colour: str
    months: Sequence[Decimal]  # 12 values


def nice_steps():
    """0.5, 1, 2, 5, 10, 20, 50…: the steps an axis counts days in."""
    yield Decimal("0.5")
    exponent = 0
    while True:
        for mantissa in (1, 2, 5):
            yield Decimal(mantissa).scaleb(exponent)
        exponent += 1


def axis_top(largest: Decimal) -> tuple[Decimal, Decimal]:
    """A round top for the axis at or above ``largest``, and its step: the
    smallest nice step that needs at most five steps."""
    if largest <= 0:
        return Decimal(4), Decimal(1)
    step = next(step for step in nice_steps() if largest / step <= 5)
    return step * math.ceil(largest / step), step


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"


def stacked_months(series: Sequence[Series]) -> dict:
    """Bars (one rectangle a type a month, bottom up), the axis's ticks, the
    months' labels and the legend, in the chart's coordinates."""
    totals = [sum((s.months[m] for s in series), Decimal(0)) for m in range(12)]
    top, step = axis_top(max(totals, default=Decimal(0)))
    month_width = Decimal(PLOT_WIDTH) / 12
    bar_width = month_width * Decimal(BAR_SHARE)

    def y_of(value: Decimal) -> Decimal:
        return TOP + PLOT_HEIGHT - value / top * PLOT_HEIGHT

    bars = []
    for month in range(12):
        x = LEFT + month_width * month + (month_width - bar_width) / 2
        below = Decimal(0)
        for one in series:
            value = one.months[month]
            if not value:
                continue
            bars.append(
                {
                    "x": round(x, 1),
                    "y": round(y_of(below + value), 1),
                    "width": round(bar_width, 1),
                    "height": round(value / top * PLOT_HEIGHT, 1),
                    "colour": one.colour,
                    "title": f"{one.label}, {MONTHS[month]}: {days_text(value)}",
                }
            )
            below += value
    ticks = []
    value = Decimal(0)
    while value <= top:
        ticks.append({"y": round(y_of(value), 1), "label": _number(value)})
        value += step
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "bottom": TOP + PLOT_HEIGHT,
        "bars": bars,
        "ticks": ticks,
        "months": [
            {"x": round(LEFT + month_width * (m + Decimal("0.5")), 1), "label": name}
            for m, name in enumerate(MONTHS)
        ],
        "legend": [{"label": s.label, "colour": s.colour} for s in series],
        "empty": not any(totals),
    }
