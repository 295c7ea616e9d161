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
