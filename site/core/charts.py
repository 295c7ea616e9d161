"""Bar charts laid out on the server and drawn as SVG by a template, so a
report's chart shows with no script and no network: stacked bars over any
row of categories (months, weeks, weekdays), with a round axis and a legend.
The template ``core/includes/bar_chart.html`` draws what ``stacked_bars``
returns."""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

WIDTH, HEIGHT = 720, 280
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 28  # room for the axes' labels
PLOT_WIDTH, PLOT_HEIGHT = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
BAR_SHARE = 0.7  # of a category's width; the rest is the gap between bars


@dataclass(frozen=True)
class Bars:
    """One stacked layer: a value a category."""

    label: str
    colour: str
    values: Sequence[Decimal]


def nice_steps():
    """0.5, 1, 2, 5, 10, 20, 50…: the steps an axis counts in."""
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


def stacked_bars(
    series: Sequence[Bars],
    categories: Sequence[str],
    describe: Callable[[Decimal], str] = _number,
) -> dict:
    """Bars (one rectangle a layer a category, bottom up), the axis's ticks,
    the categories' labels and the legend, in the chart's coordinates.
    ``describe`` words a value for a bar's tooltip."""
    count = len(categories)
    values = [[Decimal(v) for v in one.values] for one in series]
    totals = [sum((v[c] for v in values), Decimal(0)) for c in range(count)]
    top, step = axis_top(max(totals, default=Decimal(0)))
    slot = Decimal(PLOT_WIDTH) / max(count, 1)
    bar_width = slot * Decimal(BAR_SHARE)

    def y_of(value: Decimal) -> Decimal:
        return TOP + PLOT_HEIGHT - value / top * PLOT_HEIGHT

    bars = []
    for index in range(count):
        x = LEFT + slot * index + (slot - bar_width) / 2
        below = Decimal(0)
        for one, layer in zip(series, values, strict=True):
            value = layer[index]
            if not value:
                continue
            bars.append(
                {
                    "x": round(x, 1),
                    "y": round(y_of(below + value), 1),
                    "width": round(bar_width, 1),
                    "height": round(value / top * PLOT_HEIGHT, 1),
                    "colour": one.colour,
                    "title": f"{one.label}, {categories[index]}: {describe(value)}",
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
        "categories": [
            {"x": round(LEFT + slot * (i + Decimal("0.5")), 1), "label": name}
            for i, name in enumerate(categories)
        ],
        "legend": [{"label": s.label, "colour": s.colour} for s in series],
        "empty": not any(totals),
    }
