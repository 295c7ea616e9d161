"""Demand per interval: inbound averages, outbound workload spread over the
debtors' calling windows, and the ratio reforecast. Expected values by hand;
the agency's clock is Singapore's (UTC+8)."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from workforce.attendance.staffing.demand import (
    BucketStrategy,
    CallingWindow,
    PortfolioSlice,
    day_intervals,
    inbound_weekday_average,
    interval_start,
    outbound_workload,
    reforecast_ratio,
    reforecast_rest_of_day,
)

AGENCY = ZoneInfo("Asia/Singapore")
MONDAY = datetime.date(2026, 11, 30)


def at(hour, minute=0, day=MONDAY, zone=AGENCY):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=zone)


def nonzero(by_interval):
    return {start.strftime("%H:%M"): v for start, v in by_interval.items() if v}


# -- Intervals -------------------------------------------------------------------


def test_a_day_has_48_intervals_from_midnight():
    slots = day_intervals(MONDAY, AGENCY)
    assert len(slots) == 48
    assert slots[0] == at(0) and slots[-1] == at(23, 30)


def test_a_day_the_clocks_go_forward_has_46_intervals():
    london = ZoneInfo("Europe/London")
    assert len(day_intervals(datetime.date(2026, 3, 29), london)) == 46


def test_interval_start_floors_to_the_half_hour_in_the_agency_zone():
    moment = datetime.datetime(2026, 11, 30, 1, 47, 12, tzinfo=datetime.UTC)
    assert interval_start(moment, AGENCY) == at(9, 30)


def test_naive_times_are_refused():
    with pytest.raises(ValueError, match="time zone"):
        interval_start(datetime.datetime(2026, 11, 30, 9), AGENCY)


# -- Inbound ----------------------------------------------------------------------


RECORDS = [
    (at(9, 5, datetime.date(2026, 11, 23)), 1),  # a week before
    (at(9, 20, datetime.date(2026, 11, 23)), 1),
    (at(9, 40, datetime.date(2026, 11, 23)), 1),
    # 09:15 in Singapore, recorded in UTC.
    (datetime.datetime(2026, 11, 23, 1, 15, tzinfo=datetime.UTC), 2),
    (at(9, 10, datetime.date(2026, 11, 16)), 4),  # two weeks before
    (at(9, 0, datetime.date(2026, 11, 9)), 10),  # three weeks before
    (at(9, 0, datetime.date(2026, 11, 24)), 7),  # a Tuesday: not counted
]


def test_inbound_average_of_the_same_weekday_and_interval():
    average = inbound_weekday_average(RECORDS, day=MONDAY, weeks=2, zone=AGENCY)
    assert len(average) == 48
    # 09:00: (1 + 1 + 2 + 4) / 2 weeks; 09:30: 1 / 2 weeks.
    assert nonzero(average) == {"09:00": 4.0, "09:30": 0.5}


def test_inbound_average_over_three_weeks_counts_a_quiet_week_as_zero():
    average = inbound_weekday_average(RECORDS, day=MONDAY, weeks=3, zone=AGENCY)
    # 09:00: (8 + 10) / 3; 09:30: 1 / 3 (two of the weeks had no call then).
    assert nonzero(average) == {"09:00": 6.0, "09:30": pytest.approx(1 / 3)}


def test_inbound_average_refuses_no_weeks_and_negative_counts():
    with pytest.raises(ValueError, match="weeks"):
        inbound_weekday_average(RECORDS, day=MONDAY, weeks=0, zone=AGENCY)
    with pytest.raises(ValueError, match="negative"):
        inbound_weekday_average([(at(9), -1)], day=MONDAY, weeks=1, zone=AGENCY)


# -- Outbound ---------------------------------------------------------------------


STRATEGIES = {
    "DPD 1-30": BucketStrategy(attempts_per_account_per_day=2, handle_seconds=90),
    "DPD 31-60": BucketStrategy(attempts_per_account_per_day=3, handle_seconds=60),
}


def test_outbound_work_follows_each_debtors_clock():
    portfolio = [
        # 130 x 2 x 90 = 23,400 s over 26 half hours = 900 s each; Jakarta is
        # UTC+7, so its 08:00-21:00 is 09:00-22:00 in Singapore.
        PortfolioSlice("DPD 1-30", "Asia/Jakarta", 130),
        # 260 x 3 x 60 = 46,800 s = 1,800 s a half hour; Jayapura is UTC+9:
        # 07:00-20:00 in Singapore.
        PortfolioSlice("DPD 31-60", "Asia/Jayapura", 260),
    ]
    workload = outbound_workload(portfolio, STRATEGIES, day=MONDAY, zone=AGENCY)
    assert len(workload) == 48
    assert workload[at(6, 30)] == 0
    assert workload[at(7)] == pytest.approx(1800)
    assert workload[at(8, 30)] == pytest.approx(1800)
    assert workload[at(9)] == pytest.approx(2700)
    assert workload[at(19, 30)] == pytest.approx(2700)
    assert workload[at(20)] == pytest.approx(900)
    assert workload[at(21, 30)] == pytest.approx(900)
    assert workload[at(22)] == 0
    assert sum(workload.values()) == pytest.approx(23_400 + 46_800)


def test_debtors_on_the_agencys_clock_fill_08_to_21():
    portfolio = [
        PortfolioSlice("DPD 1-30", "Asia/Makassar", 65),
        PortfolioSlice("DPD 1-30", "Asia/Kuala_Lumpur", 65),
        PortfolioSlice("DPD 1-30", "Asia/Singapore", 0),
    ]
    workload = outbound_workload(portfolio, STRATEGIES, day=MONDAY, zone=AGENCY)
    # (65 + 65) x 2 x 90 = 23,400 s over 08:00-21:00: 900 s a half hour.
    busy = nonzero(workload)
    assert list(busy)[0] == "08:00" and list(busy)[-1] == "20:30"
    assert list(busy.values()) == pytest.approx([900] * 26)


def test_a_window_cut_by_the_interval_grid_is_shared_by_the_minute():
    # Eucla is UTC+8:45: 08:00-21:00 there is 07:15-20:15 in Singapore.
    # 46,800 s over 780 minutes = 60 s a minute: 15 minutes in the first and
    # last intervals, 30 in the others.
    portfolio = [PortfolioSlice("DPD 31-60", "Australia/Eucla", 260)]
    workload = outbound_workload(portfolio, STRATEGIES, day=MONDAY, zone=AGENCY)
    assert workload[at(7)] == pytest.approx(900)
    assert workload[at(7, 30)] == pytest.approx(1800)
    assert workload[at(20)] == pytest.approx(900)
    assert workload[at(20, 30)] == 0


def test_a_window_across_the_agencys_midnight_takes_both_debtor_days():
    # London in winter is UTC+0: 08:00-21:00 there is 16:00-05:00 in
    # Singapore, so the agency's day holds 00:00-05:00 of the debtor's
    # previous day and 16:00-24:00 of the same day: 10 + 16 half hours.
    portfolio = [PortfolioSlice("DPD 1-30", "Europe/London", 130)]
    workload = outbound_workload(portfolio, STRATEGIES, day=MONDAY, zone=AGENCY)
    busy = nonzero(workload)
    assert list(busy) == [f"{h:02d}:{m:02d}" for h in range(5) for m in (0, 30)] + [
        f"{h:02d}:{m:02d}" for h in range(16, 24) for m in (0, 30)
    ]
    assert list(busy.values()) == pytest.approx([900] * 26)


def test_a_shorter_window_concentrates_the_same_work():
    portfolio = [PortfolioSlice("DPD 1-30", "Asia/Singapore", 130)]
    window = CallingWindow(opens=datetime.time(9), closes=datetime.time(12))
    workload = outbound_workload(
        portfolio, STRATEGIES, day=MONDAY, zone=AGENCY, window=window
    )
    # 23,400 s over six half hours: 3,900 s each.
    assert nonzero(workload) == {
        "09:00": 3900,
        "09:30": 3900,
        "10:00": 3900,
        "10:30": 3900,
        "11:00": 3900,
        "11:30": 3900,
    }


def test_outbound_refuses_a_bucket_without_strategy_and_a_backwards_window():
    with pytest.raises(ValueError, match="no strategy for bucket 'DPD 90\\+'"):
        outbound_workload(
            [PortfolioSlice("DPD 90+", "Asia/Jakarta", 5)],
            STRATEGIES,
            day=MONDAY,
            zone=AGENCY,
        )
    with pytest.raises(ValueError, match="close after it opens"):
        CallingWindow(opens=datetime.time(21), closes=datetime.time(8))
    with pytest.raises(ValueError, match="negative"):
        outbound_workload(
            [PortfolioSlice("DPD 1-30", "Asia/Jakarta", -5)],
            STRATEGIES,
            day=MONDAY,
            zone=AGENCY,
        )
    with pytest.raises(ValueError, match="handle time"):
        outbound_workload(
            [PortfolioSlice("DPD 1-30", "Asia/Jakarta", 5)],
            {"DPD 1-30": BucketStrategy(2, 0)},
            day=MONDAY,
            zone=AGENCY,
        )


# -- Reforecast -------------------------------------------------------------------


FORECAST = {at(9): 10.0, at(9, 30): 20.0, at(10): 30.0, at(10, 30): 40.0}
ACTUAL = {at(9): 15.0, at(9, 30): 21.0}


def test_the_rest_of_the_day_scales_by_actual_over_forecast():
    # Completed 09:00 and 09:30: 36 / 30 = 1.2; 10:00 is under way at 10:10.
    day = reforecast_rest_of_day(FORECAST, ACTUAL, now=at(10, 10))
    assert day == {
        at(9): 15.0,
        at(9, 30): 21.0,
        at(10): pytest.approx(36.0),
        at(10, 30): pytest.approx(48.0),
    }


def test_an_interval_ended_without_calls_counts_as_zero():
    # At 10:30 the 10:00 interval is over with no calls: 36 / 60 = 0.6.
    day = reforecast_rest_of_day(FORECAST, ACTUAL, now=at(10, 30))
    assert day[at(10)] == 0
    assert day[at(10, 30)] == pytest.approx(24.0)


def test_before_the_first_interval_ends_the_forecast_stands():
    assert reforecast_rest_of_day(FORECAST, ACTUAL, now=at(9, 29)) == FORECAST


def test_zero_forecast_so_far_keeps_the_forecast():
    forecast = {at(9): 0.0, at(9, 30): 0.0, at(10): 30.0}
    actual = {at(9): 5.0}
    assert reforecast_ratio(forecast, actual, completed=[at(9), at(9, 30)]) == 1.0
    day = reforecast_rest_of_day(forecast, actual, now=at(10))
    assert day == {at(9): 5.0, at(9, 30): 0.0, at(10): 30.0}
