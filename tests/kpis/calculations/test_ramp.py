"""New-hire ramp: weeks of tenure, a new hire's weekly values and the median
curve of earlier hires of the same stage, against hand-worked figures."""

import datetime
from decimal import Decimal

from training.kpis.calculations.measures import RPC_RATE, DailyFacts
from training.kpis.calculations.ramp import (
    WEEKS,
    Hire,
    earlier_hires,
    is_new_hire,
    median_curve,
    ramp,
    tenure_week,
    weekly_readings,
)

D = Decimal
JAN_5 = datetime.date(2026, 1, 5)  # a Monday


def day(n, start=JAN_5):
    return start + datetime.timedelta(days=n)


def calls(collector, on, attempts, contacts):
    return DailyFacts(collector=collector, day=on, attempts=attempts, contacts=contacts)


def test_weeks_of_tenure_start_on_the_first_day():
    assert tenure_week(JAN_5, day(-1)) is None
    assert tenure_week(JAN_5, day(0)) == 1
    assert tenure_week(JAN_5, day(6)) == 1
    assert tenure_week(JAN_5, day(7)) == 2
    assert tenure_week(JAN_5, day(89)) == 13  # the 90th day
    assert tenure_week(JAN_5, day(90)) == 13  # week 13 ends on the 91st
    assert tenure_week(JAN_5, day(91)) == 14


def test_a_new_hire_for_the_first_90_days():
    assert is_new_hire(JAN_5, day(0))
    assert is_new_hire(JAN_5, day(89))
    assert not is_new_hire(JAN_5, day(90))
    assert not is_new_hire(JAN_5, day(-1))


def test_a_hires_weekly_values_are_sums_per_week():
    facts = [
        calls("new", day(-3), 100, 100),  # before the start: not tenure
        calls("new", day(0), 40, 4),
        calls("new", day(6), 60, 16),  # week 1: 20/100 = 20%
        calls("new", day(7), 50, 15),  # week 2: 15/50 = 30%
        calls("new", day(21), 0, 0),  # week 4: facts but no attempts
        calls("new", day(91), 10, 10),  # week 14: past the ramp
    ]
    weeks = weekly_readings(RPC_RATE, JAN_5, facts)
    assert len(weeks) == WEEKS
    assert [(w.week, w.value) for w in weeks[:4]] == [
        (1, D("20.00")),
        (2, D("30.00")),
        (3, None),
        (4, None),
    ]
    assert weeks[0].reading.numerator == 20  # the day before the start left out
    assert weeks[2].reading is None  # no facts at all
    assert weeks[3].reading.denominator == 0  # facts, zero denominator
    assert (weeks[12].first_day, weeks[12].last_day) == (day(84), day(90))
    assert all(w.value is None for w in weeks[4:])


# Earlier hires of early collection, each starting on a Monday:
#   week 1: 20%, 30%, 40%          -> median 30.00 (n 3)
#   week 2: 25.91%, 25.92%, none   -> median 25.915 -> 25.92 (n 2, half up)
#   week 3: no one                 -> no median (n 0)
EARLIER = [
    Hire("a", day(-70), "early", [
        calls("a", day(-70), 10, 2),
        calls("a", day(-63), 10000, 2591),
    ]),
    Hire("b", day(-35), "early", [
        calls("b", day(-34), 10, 3),
        calls("b", day(-28), 10000, 2592),
    ]),
    Hire("c", day(-21), "early", [calls("c", day(-20), 10, 4)]),
    # Left out: another stage, a later hire, and the new hire themself.
    Hire("x", day(-70), "late", [calls("x", day(-70), 10, 10)]),
    Hire("y", day(2), "early", [calls("y", day(2), 10, 10)]),
]  # fmt: skip
NEW = Hire("new", JAN_5, "early", [calls("new", day(1), 10, 1)])


def test_the_median_curve_of_earlier_hires_of_the_stage():
    curve = median_curve(RPC_RATE, earlier_hires(NEW, EARLIER + [NEW]))
    assert [(p.week, p.median, p.hires) for p in curve[:3]] == [
        (1, D("30.00"), 3),
        (2, D("25.92"), 2),
        (3, None, 0),
    ]
    assert len(curve) == WEEKS


def test_earlier_hires_are_of_the_same_stage_and_started_before():
    assert [h.collector for h in earlier_hires(NEW, EARLIER + [NEW])] == [
        "a",
        "b",
        "c",
    ]


def test_an_unfinished_week_is_shown_for_the_hire_but_left_out_of_the_curve():
    # As of 31 December, hire c (from 15 December) has finished week 2 but
    # not week 3; hire d, whose week 1 runs to 1 January, has not finished it.
    late_starter = Hire("d", day(-10), "early", [calls("d", day(-10), 10, 9)])
    as_of = day(-5)
    curve = median_curve(RPC_RATE, EARLIER[:3] + [late_starter], as_of=as_of)
    assert (curve[0].median, curve[0].hires) == (D("30.00"), 3)  # d left out
    weeks = weekly_readings(
        RPC_RATE, late_starter.start, late_starter.facts, as_of=as_of
    )
    assert (weeks[0].value, weeks[0].complete) == (D("90.00"), False)
    # On 1 January d's week 1 has ended: 20, 30, 40, 90 -> median 35 (n 4).
    curve = median_curve(RPC_RATE, EARLIER[:3] + [late_starter], as_of=day(-4))
    assert (curve[0].median, curve[0].hires) == (D("35.00"), 4)


def test_the_ramp_puts_the_hire_beside_the_curve():
    result = ramp(RPC_RATE, NEW, EARLIER + [NEW], as_of=day(3))
    assert result.weeks[0].value == D("10.00")
    assert not result.weeks[0].complete
    assert (result.curve[0].median, result.curve[0].hires) == (D("30.00"), 3)
