"""The shared stacked bar chart: any row of categories, laid out by hand."""

from decimal import Decimal

from deskbook.core.charts import Bars, stacked_bars


def test_bars_stack_over_any_number_of_categories():
    chart = stacked_bars(
        [Bars("Late", "#f00", [1, 0, 3]), Bars("Absent", "#00f", [1, 2, 0])],
        ["Mon", "Tue", "Wed"],
        lambda value: f"{value} days",
    )
    # Largest total 3: the axis counts 0 to 3 in ones over 240 px of plot,
    # each category 220 px wide (660 / 3), a bar 154 px wide in its middle.
    assert [tick["label"] for tick in chart["ticks"]] == ["0", "1", "2", "3"]
    assert [c["x"] for c in chart["categories"]] == [
        Decimal("158.0"),
        Decimal("378.0"),
        Decimal("598.0"),
    ]
    first, second, *rest = chart["bars"]
    assert (first["x"], first["y"], first["height"]) == (81, 172, 80)
    assert (second["y"], second["height"], second["title"]) == (
        92,
        80,
        "Absent, Mon: 1 days",
    )
    assert [bar["title"] for bar in rest] == [
        "Absent, Tue: 2 days",
        "Late, Wed: 3 days",
    ]
    assert chart["empty"] is False


def test_nothing_to_draw_is_empty():
    chart = stacked_bars([Bars("Late", "#f00", [0] * 7)], ["d"] * 7)
    assert chart["empty"] is True and chart["bars"] == []
