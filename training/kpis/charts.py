"""A small line chart laid out on the server and drawn as SVG by
``kpis/includes/trend.html``: a KPI's value over the last periods, with the
target as a dashed line; a period without data leaves a gap."""

from collections.abc import Sequence
from decimal import Decimal

WIDTH, HEIGHT = 240, 80
LEFT, RIGHT, TOP, BOTTOM = 6, 6, 8, 18


def trend_line(
    values: Sequence[Decimal | None], labels: Sequence[str], target: Decimal | None
) -> dict:
    """Points (x, y, value, label) per period, segments between periods that
    both have data, and the target's y."""
    known = [v for v in values if v is not None]
    top = max([*known, target or Decimal(0), Decimal(1)]) * Decimal("1.1")
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = Decimal(plot_w) / max(len(values) - 1, 1)

    def y_of(value: Decimal) -> Decimal:
        return round(TOP + plot_h - value / top * plot_h, 1)

    points = [
        {
            "x": round(LEFT + step * index, 1),
            "y": None if value is None else y_of(value),
            "value": value,
            "label": label,
        }
        for index, (value, label) in enumerate(zip(values, labels, strict=True))
    ]
    segments = [
        (a, b)
        for a, b in zip(points, points[1:], strict=False)
        if a["y"] is not None and b["y"] is not None
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "label_y": HEIGHT - 4,
        "points": points,
        "segments": segments,
        "target_y": None if target is None else y_of(target),
        "right": WIDTH - RIGHT,
        "left": LEFT,
    }
