"""The pure calculations, checked against hand-computed cases."""

import datetime
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from training.courses import calculations as calc

D = datetime.date


def test_expiry_clamps_to_the_end_of_a_shorter_month():
    assert calc.certificate_expiry(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert calc.certificate_expiry(D(2027, 1, 31), 13) == D(2028, 2, 29)
    assert calc.certificate_expiry(D(2028, 2, 29), 12) == D(2029, 2, 28)
    assert calc.certificate_expiry(D(2026, 3, 31), 6) == D(2026, 9, 30)
    assert calc.certificate_expiry(D(2026, 3, 31), None) is None


def test_expiry_agrees_with_an_independent_month_count():
    # Counted by hand: the same day n months on, or the last day of that month.
    import calendar

    for start in (D(2026, 1, 29), D(2026, 1, 30), D(2026, 1, 31), D(2026, 8, 31)):
        for months in range(1, 25):
            year, month = divmod(start.month - 1 + months, 12)
            year, month = start.year + year, month + 1
            day = min(start.day, calendar.monthrange(year, month)[1])
            assert calc.certificate_expiry(start, months) == D(year, month, day)
            assert calc.certificate_expiry(start, months) == start + relativedelta(
                months=months
            )


def test_certificate_numbers_use_the_unambiguous_alphabet():
    letters = iter("23456789")
    number = calc.certificate_number(D(2026, 3, 10), choose=lambda _: next(letters))
    assert number == "2026-2345-6789"
    drawn = calc.certificate_number(D(2026, 3, 10))
    assert set(drawn[5:].replace("-", "")) <= set(calc.CERTIFICATE_ALPHABET)
    assert not set("01OIL") & set(calc.CERTIFICATE_ALPHABET)


def test_the_pass_mark_passes():
    assert calc.outcome(Decimal("70"), 70) == "passed"
    assert calc.outcome(Decimal("69.9"), 70) == "failed"
    assert calc.may_retry(1, 2) is True
    assert calc.may_retry(2, 2) is False


def test_refresher_due_from_the_window_on_expired_included():
    today = D(2026, 3, 31)
    assert calc.refresher_due(D(2026, 4, 30), today, 30) is True
    assert calc.refresher_due(D(2026, 5, 1), today, 30) is False
    assert calc.refresher_due(D(2026, 1, 1), today, 30) is True
    assert calc.refresher_due(None, today, 30) is False


def test_clashes_pair_overlapping_spans_only():
    def span(a, b):
        return calc.Span(
            datetime.datetime(2026, 3, 9, a), datetime.datetime(2026, 3, 9, b)
        )

    course = [span(9, 12), span(13, 17)]
    shifts = [span(7, 9), span(11, 13), span(17, 22)]
    assert calc.clashes(course, shifts) == [(span(9, 12), span(11, 13))]


def test_l2_gain_by_hand():
    # Pre/post pairs: gains 30, 5, -5; normalised 30/60, 5/40, -5/10.
    summary = calc.gain_summary([(40, 70), (60, 65), (90, 85)])
    assert summary.count == 3
    assert summary.mean_pre == 190 / 3
    assert summary.mean_post == 220 / 3
    assert summary.mean_gain == 10
    assert summary.median_gain == 5
    assert summary.mean_normalised_gain == (0.5 + 0.125 - 0.5) / 3
    assert dict(summary.distribution) == {
        "below -10": 0,
        "-10 to -1": 1,
        "0 to 9": 1,
        "10 to 19": 0,
        "20 to 29": 0,
        "30 to 39": 1,
        "40 or more": 0,
    }


def test_l2_with_nobody_and_with_a_perfect_pre_score():
    empty = calc.gain_summary([])
    assert (empty.count, empty.mean_gain) == (0, None)
    assert sum(n for _, n in empty.distribution) == 0
    assert calc.normalised_gain(100, 100) is None
    assert calc.gain_summary([(100, 90)]).mean_normalised_gain is None


def test_ratings_and_completion():
    assert calc.rating_summary([5, 4, 4, 2]) == (3.75, {1: 0, 2: 1, 3: 0, 4: 2, 5: 1})
    assert calc.rating_summary([]) == (None, {1: 0, 2: 0, 3: 0, 4: 0, 5: 0})
    assert calc.completion_rate(3, 4) == 0.75
    assert calc.completion_rate(0, 0) is None
