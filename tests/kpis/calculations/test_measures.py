"""The measures against figures worked by hand, the ratio of sums over a
period, "no data" on a zero denominator, and the single rounding rule."""

import datetime
import random
from decimal import Decimal
from fractions import Fraction

import pytest

from training.kpis.calculations.measures import (
    AMOUNT_COLLECTED,
    ATTENDANCE_RATE,
    AVERAGE_HANDLE_TIME,
    CALLS_PER_HOUR,
    COLLECTED_VS_TARGET,
    MEASURES,
    PTP_KEPT_RATE,
    PTP_RATE,
    QA_SCORE,
    RPC_RATE,
    SCHEDULE_ADHERENCE,
    DailyFacts,
    Direction,
    FactTotals,
    read,
    round_to,
    total,
)

MONDAY = datetime.date(2026, 3, 2)

# One full day, worked by hand:
#   RPC 30/120 = 25%; PTP 9/30 = 30%; kept 4/(4+2) = 66.666…% -> 66.67;
#   collected 1,500.50 of 2,000 = 75.025% -> 75.03 (half up);
#   calls per hour 120/7.5 = 16; handle time 9,000 s / 40 = 225 s;
#   QA: two evaluations, 80 points at weight 2.5 and 90 at weight 4:
#   (200 + 360) / 6.5 = 86.1538… -> 86.15, from 2 calls;
#   adherence 444/480 = 92.5%; attendance 1/1 = 100%.
A_DAY = FactTotals(
    attempts=120,
    contacts=30,
    promises=9,
    promised_amount=Decimal("2700.00"),
    kept=4,
    broken=2,
    collected=Decimal("1500.50"),
    collection_target=Decimal("2000.00"),
    handle_seconds=9000,
    handled_calls=40,
    hours_worked=Decimal("7.5"),
    scheduled_minutes=480,
    adherent_minutes=444,
    days_scheduled=1,
    days_present=1,
    qa_weighted_points=Decimal("560.0"),
    qa_weight=Decimal("6.5"),
    qa_calls=2,
)


@pytest.mark.parametrize(
    ("measure", "numerator", "denominator", "value"),
    [
        (RPC_RATE, 30, 120, "25.00"),
        (PTP_RATE, 9, 30, "30.00"),
        (PTP_KEPT_RATE, 4, 6, "66.67"),
        (AMOUNT_COLLECTED, Decimal("1500.50"), None, "1500.50"),
        (COLLECTED_VS_TARGET, Decimal("1500.50"), Decimal("2000.00"), "75.03"),
        (CALLS_PER_HOUR, 120, Decimal("7.5"), "16.00"),
        (AVERAGE_HANDLE_TIME, 9000, 40, "225.0"),
        (QA_SCORE, Decimal("560.0"), Decimal("6.5"), "86.15"),
        (SCHEDULE_ADHERENCE, 444, 480, "92.50"),
        (ATTENDANCE_RATE, 1, 1, "100.00"),
    ],
)
def test_each_measure_on_a_day_worked_by_hand(measure, numerator, denominator, value):
    reading = read(measure, A_DAY)
    assert reading.numerator == numerator
    assert reading.denominator == denominator
    # The digits too: the value is rounded to its unit's places, once.
    assert str(reading.value) == value


def test_qa_score_shows_the_calls_it_rests_on():
    assert read(QA_SCORE, A_DAY).count == 2
    assert read(RPC_RATE, A_DAY).count is None


def test_a_period_is_the_ratio_of_its_sums_not_the_mean_of_daily_ratios():
    busy = DailyFacts(collector=1, day=MONDAY, attempts=100, contacts=50)
    quiet = DailyFacts(
        collector=1, day=MONDAY + datetime.timedelta(1), attempts=10, contacts=1
    )
    # 51 / 110 = 46.3636…%; the mean of 50% and 10% would be 30%.
    reading = read(RPC_RATE, total([busy, quiet]))
    assert (reading.numerator, reading.denominator) == (51, 110)
    assert reading.value == Decimal("46.36")


def test_the_kept_rate_counts_kept_and_broken_as_the_promises_due():
    reading = read(PTP_KEPT_RATE, FactTotals(promises=10, kept=3, broken=1))
    # Promises made (10) are not the denominator: 3 of the 4 that fell due.
    assert (reading.numerator, reading.denominator, reading.value) == (
        3,
        4,
        Decimal("75.00"),
    )


@pytest.mark.parametrize(
    "measure", [m for m in MEASURES.values() if m.denominator is not None]
)
def test_a_zero_denominator_is_no_data_not_zero(measure):
    reading = read(measure, FactTotals())
    assert reading.value is None
    assert not reading.has_data


def test_nothing_due_means_no_kept_rate_even_with_promises_made():
    assert read(PTP_KEPT_RATE, FactTotals(promises=5)).value is None


def test_a_sum_has_a_value_even_when_nothing_was_collected():
    reading = read(AMOUNT_COLLECTED, FactTotals())
    assert reading.value == Decimal("0.00")
    assert reading.has_data


def test_recomputing_in_any_order_gives_identical_digits():
    rng = random.Random(7)
    days = [
        DailyFacts(
            collector=1,
            day=MONDAY + datetime.timedelta(n),
            attempts=rng.randint(0, 300),
            contacts=rng.randint(0, 60),
            collected=Decimal(rng.randint(0, 10**7)) / 100,
            collection_target=Decimal("333.33"),
            hours_worked=Decimal(rng.randint(0, 40)) / 4,
            qa_weighted_points=Decimal(rng.randint(0, 10**5)) / 7,
            qa_weight=Decimal(rng.randint(1, 100)) / 3,
        )
        for n in range(60)
    ]
    first = {key: read(m, total(days)) for key, m in MEASURES.items()}
    for _ in range(5):
        rng.shuffle(days)
        again = {key: read(m, total(days)) for key, m in MEASURES.items()}
        assert {k: repr(r) for k, r in again.items()} == {
            k: repr(r) for k, r in first.items()
        }


@pytest.mark.parametrize(
    ("value", "places", "rounded"),
    [
        (Fraction(12345, 1000), 2, "12.35"),  # half up
        (Fraction(-12345, 1000), 2, "-12.35"),  # half away from zero
        (Decimal("2.675"), 2, "2.68"),  # a float would make it 2.67
        (Fraction(1, 3), 2, "0.33"),
        (Fraction(2, 3), 2, "0.67"),
        (Fraction(2249999, 10000), 1, "225.0"),
        (7, 2, "7.00"),
        (Fraction(-1, 1000), 2, "0.00"),
    ],
)
def test_round_to_is_exact_and_half_away_from_zero(value, places, rounded):
    assert str(round_to(value, places)) == rounded


def test_facts_refuse_negative_counts_and_floats():
    with pytest.raises(ValueError, match="attempts is negative"):
        FactTotals(attempts=-1)
    with pytest.raises(TypeError, match="collected is a float"):
        FactTotals(collected=12.5)


def test_present_only_counts_on_scheduled_days():
    with pytest.raises(ValueError, match="only scheduled days count as present"):
        FactTotals(days_scheduled=0, days_present=1)
    with pytest.raises(ValueError, match="adherent_minutes"):
        FactTotals(scheduled_minutes=60, adherent_minutes=61)


def test_daily_facts_sum_to_totals_without_their_collector_or_day():
    day = DailyFacts(collector="c1", day=MONDAY, team="east", attempts=3)
    assert day.totals() == FactTotals(attempts=3)
    assert day + day == FactTotals(attempts=6)
    assert total([]) == FactTotals()


def test_the_fixed_set_of_measures():
    assert list(MEASURES) == [
        "rpc_rate",
        "ptp_rate",
        "ptp_kept_rate",
        "amount_collected",
        "collected_vs_target",
        "calls_per_hour",
        "average_handle_time",
        "qa_score",
        "schedule_adherence",
        "attendance_rate",
    ]
    lower = [key for key, m in MEASURES.items() if m.direction is Direction.LOWER]
    assert lower == ["average_handle_time"]


def test_formulas_name_numerator_and_denominator():
    assert RPC_RATE.formula == "RPC rate = right-party contacts ÷ call attempts × 100"
    assert PTP_KEPT_RATE.formula == (
        "PTP kept rate = promises kept ÷ promises that fell due (kept + broken) × 100"
    )
    assert AMOUNT_COLLECTED.formula == "Amount collected = sum of payments received"
    assert AVERAGE_HANDLE_TIME.formula == (
        "Average handle time = handle seconds ÷ handled calls"
    )
