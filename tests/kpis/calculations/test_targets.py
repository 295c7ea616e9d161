"""A month's collection target cut into daily shares, checked by hand."""

import datetime
from decimal import Decimal

import pytest

from training.kpis.calculations.targets import daily_shares, share_on


def test_a_target_that_divides_evenly_gives_equal_shares():
    assert daily_shares(Decimal("3100.00"), 31) == [Decimal("100.00")] * 31


def test_left_over_cents_go_one_each_to_the_first_days():
    # 10,000 cents over 31 days: 322 each and 18 left, so days 1-18 get 3.23
    # and days 19-31 get 3.22; 18 x 3.23 + 13 x 3.22 = 58.14 + 41.86 = 100.
    shares = daily_shares(Decimal("100.00"), 31)
    assert shares[:18] == [Decimal("3.23")] * 18
    assert shares[18:] == [Decimal("3.22")] * 13
    assert sum(shares) == Decimal("100.00")


def test_the_share_of_a_day_follows_its_months_length():
    # February 2028 has 29 days: 2,900.00 is 100.00 a day.
    assert share_on(Decimal("2900.00"), datetime.date(2028, 2, 29)) == Decimal(100)
    # February 2026 has 28: 2,900.00 is 103.57 a day, the first 4 days 103.58.
    assert share_on(Decimal("2900.00"), datetime.date(2026, 2, 1)) == Decimal("103.58")
    assert share_on(Decimal("2900.00"), datetime.date(2026, 2, 5)) == Decimal("103.57")


@pytest.mark.parametrize(
    ("amount", "days", "message"),
    [
        (Decimal("1.005"), 30, "whole number of cents"),
        (Decimal("-1"), 30, "not negative"),
        (Decimal("1"), 0, "at least one day"),
    ],
)
def test_impossible_targets_are_refused(amount, days, message):
    with pytest.raises(ValueError, match=message):
        daily_shares(amount, days)
