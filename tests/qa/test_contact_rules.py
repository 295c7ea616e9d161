"""The contact rules against hand-worked cases: window edges on the debtor's
clock (a DST change among them), the rolling window's boundary, stops."""

import datetime

import numpy as np
import pytest

from training.qa import contact_rules as rules

T = datetime.time
EIGHT, NINE_PM = T(8), T(21)


def utc(text: str) -> np.datetime64:
    return np.datetime64(text, "ns")


def window(starts, zones, outbound=None, opens=EIGHT, closes=NINE_PM):
    starts = np.array([utc(s) for s in starts])
    outbound = np.ones(len(starts), bool) if outbound is None else np.array(outbound)
    return rules.outside_calling_window(
        starts,
        np.array(zones, dtype=object),
        outbound,
        default_zone="Asia/Singapore",
        opens=opens,
        closes=closes,
    ).tolist()


def test_the_window_is_read_on_the_debtors_clock_opening_in_and_closing_out():
    # Jakarta is UTC+7: 01:00 UTC is 08:00 there (in), 00:59:59 is 07:59:59 (out);
    # 14:00 UTC is 21:00 (out), 13:59:59 is 20:59:59 (in).
    assert window(
        [
            "2026-03-02T01:00:00",
            "2026-03-02T00:59:59",
            "2026-03-02T14:00:00",
            "2026-03-02T13:59:59",
        ],
        ["Asia/Jakarta"] * 4,
    ) == [False, True, True, False]


def test_without_a_zone_the_agencys_clock_decides():
    # 00:30 UTC is 08:30 in Singapore but 07:30 in Jakarta.
    assert window(["2026-03-02T00:30:00"] * 2, ["", "Asia/Jakarta"]) == [False, True]


def test_inbound_calls_never_break_the_window():
    assert window(["2026-03-02T20:00:00"] * 2, ["", ""], [True, False]) == [True, False]


def test_a_dst_change_moves_the_window_in_utc():
    # Sydney leaves daylight saving at 03:00 AEDT on 5 April 2026 (16:00 UTC on
    # the 4th). 21:30 UTC on 3 April is 08:30 AEDT (+11): in; the same UTC time
    # on 5 April is 07:30 AEST (+10): out. 10:30 UTC on 5 April is 20:30 AEST:
    # in; on 3 April it is 21:30 AEDT: out.
    assert window(
        [
            "2026-04-03T21:30:00",
            "2026-04-05T21:30:00",
            "2026-04-05T10:30:00",
            "2026-04-03T10:30:00",
        ],
        ["Australia/Sydney"] * 4,
    ) == [False, True, False, True]


def test_a_window_that_does_not_close_after_it_opens_is_refused():
    with pytest.raises(ValueError, match="close after it opens"):
        window(["2026-03-02T01:00:00"], [""], opens=T(21), closes=T(8))


def attempts(calls, limit=3, days=7):
    accounts = np.array([account for account, _, _ in calls], dtype=object)
    starts = np.array([utc(start) for _, start, _ in calls])
    outbound = np.array([out for _, _, out in calls])
    return rules.too_many_attempts(
        accounts,
        starts,
        outbound,
        limit=limit,
        window=datetime.timedelta(days=days),
    ).tolist()


def test_the_attempt_beyond_the_limit_in_the_rolling_window_breaks_the_rule():
    calls = [
        ("A", "2026-03-01T02:00:00", True),
        ("A", "2026-03-03T02:00:00", True),
        ("B", "2026-03-03T02:00:00", True),  # another account counts apart
        ("A", "2026-03-04T02:00:00", False),  # inbound: not an attempt
        ("A", "2026-03-05T02:00:00", True),  # third in 7 days: at the limit
        ("A", "2026-03-06T02:00:00", True),  # fourth: over
        # Exactly 7 days after the first: the first falls out, still 3 before it
        # (3, 5, 6 March), so this is the fourth: over.
        ("A", "2026-03-08T02:00:00", True),
        # 10 March 02:00: the window (3 March 02:00, 10 March 02:00] leaves
        # 3 March out: 5, 6, 8 and this one make four: over.
        ("A", "2026-03-10T02:00:00", True),
        # 13 March 02:00 + 1 s: (6 March 02:00:01, …]: 8, 10 and this: 3, at it.
        ("A", "2026-03-13T02:00:01", True),
    ]
    assert attempts(calls) == [
        False,
        False,
        False,
        False,
        False,
        True,
        True,
        True,
        False,
    ]


def test_calls_in_any_order_are_counted_by_time():
    calls = [
        ("A", "2026-03-06T02:00:00", True),
        ("A", "2026-03-01T02:00:00", True),
        ("A", "2026-03-05T02:00:00", True),
        ("A", "2026-03-03T02:00:00", True),
    ]
    assert attempts(calls) == [True, False, False, False]


def test_no_outbound_calls_break_nothing_and_a_bad_limit_is_refused():
    assert attempts([("A", "2026-03-01T00:00:00", False)]) == [False]
    with pytest.raises(ValueError, match="1 or more"):
        attempts([("A", "2026-03-01T00:00:00", True)], limit=0)


def test_calls_after_a_cease_or_dispute_on_the_account_break_the_rule():
    accounts = np.array(["A", "A", "A", "B", "A", "C"], dtype=object)
    starts = np.array(
        [
            utc("2026-03-01T02:00:00"),
            utc("2026-03-02T02:00:00"),  # the dispute itself: not after it
            utc("2026-03-02T02:00:00"),  # the same moment: not after it
            utc("2026-03-03T02:00:00"),  # another account
            utc("2026-03-04T02:00:00"),  # after: breach
            utc("2026-03-04T02:00:00"),  # stopped before the log: breach
        ]
    )
    outbound = np.array([True, True, True, True, True, True])
    stops = np.array([False, True, False, False, False, False])
    assert rules.after_stop(
        accounts,
        starts,
        outbound,
        stops,
        stopped_since={"C": utc("2026-02-01T00:00:00")},
    ).tolist() == [False, False, False, False, True, True]
    inbound = rules.after_stop(accounts, starts, ~outbound, stops, stopped_since=None)
    assert not inbound.any()


def test_many_accounts_over_months_do_not_overflow_into_each_other():
    # 5,000 accounts, each called once every 10 days for 120 days: never more
    # than one attempt in any 7 days.
    accounts = np.repeat(np.arange(5000), 12)
    starts = np.datetime64("2026-01-01T00:00:00", "ns") + (
        np.tile(np.arange(12), 5000) * np.timedelta64(10, "D")
        + accounts * np.timedelta64(7, "s")
    )
    breaches = rules.too_many_attempts(
        accounts,
        starts,
        np.ones(len(accounts), bool),
        limit=1,
        window=datetime.timedelta(days=7),
    )
    assert not breaches.any()


@pytest.mark.parametrize(
    "zone", ["Australia/Sydney", "America/New_York", "Australia/Lord_Howe", ""]
)
@pytest.mark.parametrize(
    ("opens", "closes"), [(EIGHT, NINE_PM), (T(1, 30), T(2, 30)), (T(0), T(1))]
)
def test_the_gaps_hold_exactly_the_moments_the_window_rule_puts_outside(
    zone, opens, closes
):
    # March to April 2026 crosses both daylight-saving changes of each zone
    # but Singapore's (the agency's, for ""); Lord Howe moves by half an hour.
    # Windows from 01:30 to 02:30 and from midnight to 01:00 are cut by them.
    start, end = datetime.datetime(2026, 3, 1), datetime.datetime(2026, 4, 30)
    gaps = rules.calling_window_gaps(
        zone or "Asia/Singapore", start=start, end=end, opens=opens, closes=closes
    )
    edges = [
        edge + datetime.timedelta(seconds=s)
        for gap in gaps
        for edge in gap
        for s in (-1, 0, 1)
    ]
    moments = np.array([m for m in edges if start <= m < end], dtype="datetime64[s]")
    random = np.random.default_rng(5)
    spread = random.integers(0, int((end - start).total_seconds()), 20_000)
    moments = np.concatenate([moments, np.datetime64(start, "s") + spread])
    expected = rules.outside_calling_window(
        moments,
        np.array([zone] * len(moments), dtype=object),
        np.ones(len(moments), dtype=bool),
        default_zone="Asia/Singapore",
        opens=opens,
        closes=closes,
    )
    starts = np.array([np.datetime64(a, "s") for a, _ in gaps])
    ends = np.array([np.datetime64(b, "s") for _, b in gaps])
    holder = np.searchsorted(starts, moments, "right") - 1
    in_gap = (holder >= 0) & (moments < ends[np.maximum(holder, 0)])
    assert in_gap.tolist() == expected.tolist()
    assert expected.any() and not expected.all()


def test_the_gaps_of_a_plain_day_are_the_night_on_the_debtors_clock():
    # Jakarta (UTC+7) opens at 01:00 UTC and closes at 14:00 UTC.
    gaps = rules.calling_window_gaps(
        "Asia/Jakarta",
        start=datetime.datetime(2026, 3, 2),
        end=datetime.datetime(2026, 3, 4),
        opens=EIGHT,
        closes=NINE_PM,
    )
    day = datetime.datetime
    assert gaps == [
        (day(2026, 3, 2, 0), day(2026, 3, 2, 1)),
        (day(2026, 3, 2, 14), day(2026, 3, 3, 1)),
        (day(2026, 3, 3, 14), day(2026, 3, 4, 0)),
    ]
