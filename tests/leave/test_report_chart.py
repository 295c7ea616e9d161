"""The leave report's chart layout and how the pages say days, worked out
by hand."""

from decimal import Decimal

import pytest

from workforce.leave.viewsets.report_chart import Series, axis_top, stacked_months
from workforce.leave.viewsets.wording import days_text


@pytest.mark.parametrize(
    ("largest", "top", "step"),
    [
        ("0", "4", "1"),
        ("0.5", "0.5", "0.5"),
        ("4.5", "5", "1"),
        ("12", "15", "5"),
        ("61", "80", "20"),
    ],
)
def test_the_axis_ends_on_a_round_number_of_days(largest, top, step):
    assert axis_top(Decimal(largest)) == (Decimal(top), Decimal(step))


def test_bars_stack_bottom_up_on_the_axis():
    # 0 to 4 days in steps of 1; the plot is 240 high from y=12 to y=252 and
    # 660 wide from x=48, so a month is 55 wide and a bar 38.5.
    annual = Series("Annual", "#1565c0", [Decimal(3)] + [Decimal(0)] * 11)
    sick = Series("Sick", "#b71c1c", [Decimal(1)] + [Decimal(0)] * 11)

    chart = stacked_months([annual, sick])

    assert [
        (bar["x"], bar["y"], bar["width"], bar["height"], bar["title"])
        for bar in chart["bars"]
    ] == [
        (
            Decimal("56.3"),
            Decimal("72.0"),
            Decimal("38.5"),
            Decimal("180.0"),
            "Annual, Jan: 3 days",
        ),
        (
            Decimal("56.3"),
            Decimal("12.0"),
            Decimal("38.5"),
            Decimal("60.0"),
            "Sick, Jan: 1 day",
        ),
    ]
    assert [tick["label"] for tick in chart["ticks"]] == ["0", "1", "2", "3", "4"]
    assert not chart["empty"]


def test_days_are_said_as_people_say_them():
    assert [days_text(Decimal(d)) for d in ("0", "0.5", "1", "1.5", "10")] == [
        "0 days",
        "0.5 day",
        "1 day",
        "1.5 days",
        "10 days",
    ]
