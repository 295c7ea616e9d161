"""Building a facet as a page shows it (no database)."""

from deskbook.search.facets import facet_group


def url_for(value):
    return "?" if value is None else f"?tag={value}"


def test_values_with_hits_come_most_hits_first_then_by_value():
    group = facet_group(
        key="tag",
        label="Tag",
        counts={"sms": 2, "court": 5, "bank": 2, "unused": 0},
        labels={"sms": "SMS", "court": "Court"},
        url_for=url_for,
        selected={"bank"},
    )
    assert [(o.value, o.label, o.count) for o in group.options] == [
        ("court", "Court", 5),
        ("bank", "bank", 2),
        ("sms", "SMS", 2),
    ]
    assert [o.selected for o in group.options] == [False, True, False]
    assert group.selected and group.all_url == "?"
    assert group.options[0].url == "?tag=court"


def test_a_given_order_is_kept_and_no_hits_means_no_facet():
    group = facet_group(
        key="year",
        label="Year",
        counts={"2024": 9, "2026": 1},
        labels={},
        url_for=url_for,
        order=["2026", "2025", "2024"],
        all_count=10,
    )
    assert [o.value for o in group.options] == ["2026", "2024"]
    assert group.all_count == 10 and not group.selected
    assert (
        facet_group(key="k", label="K", counts={"a": 0}, labels={}, url_for=url_for)
        is None
    )


def test_the_few_with_most_hits_come_first_and_a_picked_value_always_does():
    counts = {f"t{n:02}": 20 - n for n in range(12)}  # t00 has most hits
    group = facet_group(
        key="tag",
        label="Tag",
        counts=counts,
        labels={},
        url_for=url_for,
        selected={"t10"},
    )
    assert [o.value for o in group.first] == [f"t{n:02}" for n in range(8)] + ["t10"]
    assert [o.value for o in group.more] == ["t08", "t09", "t11"]


def test_the_few_in_a_given_order_are_those_with_most_hits():
    counts = {str(year): 1 for year in range(2015, 2026)} | {"2016": 5, "2015": 4}
    group = facet_group(
        key="year",
        label="Year",
        counts=counts,
        labels={},
        url_for=url_for,
        order=[str(year) for year in range(2025, 2014, -1)],
    )
    assert [o.value for o in group.first] == [
        "2025", "2024", "2023", "2022", "2021", "2020", "2016", "2015"
    ]  # fmt: skip
    assert [o.value for o in group.more] == ["2019", "2018", "2017"]
