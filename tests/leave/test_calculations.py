"""Leave's pure calculations, each answer worked out by hand."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from workforce.leave import calculations as calc
from workforce.leave.calculations import AFTERNOON, MORNING, WHOLE, Balance
from workforce.scheduling.calculations import PlannedShift

D = datetime.date
SGT = ZoneInfo("Asia/Singapore")
UTC = datetime.UTC


def at(text: str) -> datetime.datetime:
    """A Singapore wall time, in UTC."""
    return datetime.datetime.fromisoformat(text).replace(tzinfo=SGT).astimezone(UTC)


def shift(staff_id, start, end, day=None):
    start, end = at(start), at(end)
    day = day or start.astimezone(SGT).date()
    return PlannedShift((staff_id, day), staff_id, day, start, end)


# --- what a request costs ---------------------------------------------------


def test_with_no_plan_a_week_of_leave_costs_monday_to_friday():
    # Mon 2 – Sun 8 March 2026, nobody planned: five weekdays.
    costs = calc.cost_by_day(D(2026, 3, 2), D(2026, 3, 8))

    assert calc.total(costs) == Decimal("5")
    assert sorted(costs) == [D(2026, 3, d) for d in (2, 3, 4, 5, 6)]


def test_on_planned_days_only_the_days_with_a_shift_cost():
    # The team's plan covers the week; the person works Sat and Sun, off Mon.
    planned = [D(2026, 3, d) for d in range(2, 9)]
    shifts = [D(2026, 3, d) for d in (3, 4, 5, 7, 8)]

    costs = calc.cost_by_day(
        D(2026, 3, 2), D(2026, 3, 8), shift_days=shifts, planned_days=planned
    )

    assert calc.total(costs) == Decimal("5")
    assert D(2026, 3, 2) not in costs and D(2026, 3, 7) in costs


def test_every_day_of_a_request_says_what_it_costs_and_why_not():
    # Fri 7 – Tue 11 Aug 2026, from Friday afternoon: the plan covers Monday
    # and Tuesday, with the person on Tuesday only; Monday 10 is National Day
    # observed (the plan says nothing about Friday).
    days = calc.day_costs(
        D(2026, 8, 7),
        D(2026, 8, 11),
        AFTERNOON,
        WHOLE,
        shift_days=[D(2026, 8, 11)],
        planned_days=[D(2026, 8, 10), D(2026, 8, 11)],
        holidays={D(2026, 8, 10): "National Day"},
    )

    assert [(d.day.day, d.part, d.cost, d.not_counted) for d in days] == [
        (7, AFTERNOON, Decimal("0.5"), ""),
        (8, WHOLE, Decimal("0"), "weekend"),
        (9, WHOLE, Decimal("0"), "weekend"),
        (10, WHOLE, Decimal("0"), "public holiday: National Day"),
        (11, WHOLE, Decimal("1"), ""),
    ]


def test_a_day_of_the_plan_without_a_shift_costs_nothing():
    (day,) = calc.day_costs(D(2026, 3, 4), D(2026, 3, 4), planned_days=[D(2026, 3, 4)])

    assert (day.cost, day.not_counted) == (Decimal("0"), "no shift planned")


def test_a_public_holiday_inside_the_leave_costs_nothing():
    # Mon 10 – Fri 14 Aug 2026; National Day (Sun 9) is observed on Mon 10.
    costs = calc.cost_by_day(
        D(2026, 8, 10), D(2026, 8, 14), holidays=[D(2026, 8, 9), D(2026, 8, 10)]
    )

    assert calc.total(costs) == Decimal("4")


def test_a_public_holiday_costs_nothing_even_on_a_planned_shift():
    costs = calc.cost_by_day(
        D(2026, 8, 10),
        D(2026, 8, 10),
        shift_days=[D(2026, 8, 10)],
        planned_days=[D(2026, 8, 10)],
        holidays=[D(2026, 8, 10)],
    )

    assert calc.total(costs) == Decimal("0")


def test_half_days_at_each_end_cost_half():
    # Wed afternoon to Fri morning: 0.5 + 1 + 0.5.
    costs = calc.cost_by_day(D(2026, 3, 4), D(2026, 3, 6), AFTERNOON, MORNING)

    assert costs == {
        D(2026, 3, 4): Decimal("0.5"),
        D(2026, 3, 5): Decimal("1"),
        D(2026, 3, 6): Decimal("0.5"),
    }


def test_a_half_day_of_a_night_shift_counts_on_the_day_the_shift_starts():
    # Nights 22:00–07:00 start Mon 2 and Tue 3; Wed 4 is a day off of the plan
    # (Tuesday's night ends on its morning).
    planned = [D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 4)]
    nights = [D(2026, 3, 2), D(2026, 3, 3)]

    tuesday_afternoon = calc.cost_by_day(
        D(2026, 3, 3),
        D(2026, 3, 3),
        AFTERNOON,
        AFTERNOON,
        shift_days=nights,
        planned_days=planned,
    )
    wednesday_morning = calc.cost_by_day(
        D(2026, 3, 4),
        D(2026, 3, 4),
        MORNING,
        MORNING,
        shift_days=nights,
        planned_days=planned,
    )

    assert calc.total(tuesday_afternoon) == Decimal("0.5")
    assert calc.total(wednesday_morning) == Decimal("0")


def test_a_person_who_moves_team_mid_request_costs_each_teams_plan():
    # Team A plans Mon 2 – Wed 4 (works Mon, Tue; Wed off); from Thu 5 the
    # person is in team B, which has no plan yet: Thu and Fri fall back to
    # weekdays, the weekend costs nothing.
    costs = calc.cost_by_day(
        D(2026, 3, 2),
        D(2026, 3, 8),
        shift_days=[D(2026, 3, 2), D(2026, 3, 3)],
        planned_days=[D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 4)],
    )

    assert sorted(costs) == [D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 5), D(2026, 3, 6)]


def test_leave_across_a_year_end_is_split_by_year():
    # Mon 28 Dec 2026 – Tue 5 Jan 2027, New Year's Day (Fri) a holiday:
    # 28–31 Dec is four days of 2026; 4 and 5 Jan two of 2027.
    costs = calc.cost_by_day(D(2026, 12, 28), D(2027, 1, 5), holidays=[D(2027, 1, 1)])

    assert calc.cost_by_year(costs) == {2026: Decimal("4"), 2027: Decimal("2")}
    assert calc.cost_until(costs, D(2026, 12, 30)) == Decimal("3")


@pytest.mark.parametrize(
    "first, last, first_part, last_part, problem",
    [
        (D(2026, 3, 4), D(2026, 3, 4), MORNING, MORNING, None),
        (D(2026, 3, 4), D(2026, 3, 4), MORNING, AFTERNOON, "one-day"),
        (D(2026, 3, 4), D(2026, 3, 6), AFTERNOON, MORNING, None),
        (D(2026, 3, 4), D(2026, 3, 6), MORNING, WHOLE, "start in the afternoon"),
        (D(2026, 3, 4), D(2026, 3, 6), WHOLE, AFTERNOON, "end at noon"),
        (D(2026, 3, 6), D(2026, 3, 4), WHOLE, WHOLE, "ends before"),
    ],
)
def test_which_days_and_parts_make_a_request(
    first, last, first_part, last_part, problem
):
    found = calc.parts_problem(first, last, first_part, last_part)

    assert (found is None) if problem is None else (problem in found)


def test_a_morning_and_an_afternoon_of_one_day_do_not_clash():
    morning = calc.day_fractions(D(2026, 3, 4), D(2026, 3, 4), MORNING, MORNING)
    afternoon = calc.day_fractions(D(2026, 3, 4), D(2026, 3, 6), AFTERNOON, WHOLE)
    whole = calc.day_fractions(D(2026, 3, 2), D(2026, 3, 4))

    assert calc.clashing_days(morning, afternoon) == []
    assert calc.clashing_days(morning, morning) == [D(2026, 3, 4)]
    assert calc.clashing_days(whole, afternoon) == [D(2026, 3, 4)]
    assert (
        calc.clashing_days(whole, calc.day_fractions(D(2026, 3, 5), D(2026, 3, 5)))
        == []
    )


# --- balances and carry-over ------------------------------------------------


def test_carried_over_days_pay_only_for_leave_up_to_their_expiry():
    # 2027: 14 granted, 5 carried over until 31 March; 3 days used in January.
    balance = Balance(
        Decimal("14"), Decimal("5"), D(2027, 3, 31), used_by_expiry=Decimal("3")
    )

    assert calc.available(balance, on=D(2027, 2, 1)) == Decimal("16")
    # The 2 carried-over days not used by 31 March lapse: 14 left after.
    assert calc.available(balance, on=D(2027, 4, 1)) == Decimal("14")
    assert calc.balance_allows(
        balance, by_expiry=Decimal("0"), after_expiry=Decimal("14")
    )
    assert not calc.balance_allows(
        balance, by_expiry=Decimal("0"), after_expiry=Decimal("14.5")
    )
    assert calc.balance_allows(
        balance, by_expiry=Decimal("16"), after_expiry=Decimal("0")
    )
    assert not calc.balance_allows(
        balance, by_expiry=Decimal("16.5"), after_expiry=Decimal("0")
    )


def test_leave_after_the_expiry_leaves_the_carry_over_for_earlier_leave():
    # 10 days booked for June first, then 5 in February: all 15 fit, the
    # carry-over pays for February.
    june = Balance(
        Decimal("10"), Decimal("5"), D(2027, 3, 31), used_after_expiry=Decimal("10")
    )

    assert calc.available(june, on=D(2027, 2, 1)) == Decimal("5")
    assert calc.balance_allows(june, by_expiry=Decimal("5"), after_expiry=Decimal("0"))
    assert not calc.balance_allows(
        june, by_expiry=Decimal("0"), after_expiry=Decimal("0.5")
    )


def test_carry_over_is_the_granted_days_left_up_to_the_cap():
    assert calc.carry_over(
        Balance(Decimal("14"), used_by_expiry=Decimal("10")), cap=Decimal("5")
    ) == Decimal("4")
    assert calc.carry_over(
        Balance(Decimal("14"), used_by_expiry=Decimal("6")), cap=Decimal("5")
    ) == Decimal("5")
    assert calc.carry_over(
        Balance(Decimal("14"), used_by_expiry=Decimal("14")), cap=Decimal("5")
    ) == Decimal("0")


def test_lapsed_carry_over_is_not_carried_again():
    # 14 granted, 5 carried until 31 March of which 3 used; 10 used later.
    # The 2 lapsed days are gone; 4 granted days are left and carried.
    balance = Balance(
        Decimal("14"),
        Decimal("5"),
        D(2027, 3, 31),
        used_by_expiry=Decimal("3"),
        used_after_expiry=Decimal("10"),
    )

    assert calc.carry_over(balance, cap=Decimal("5")) == Decimal("4")


# --- times away ---------------------------------------------------------------


def test_whole_days_are_away_from_midnight_to_midnight():
    spans = calc.absence_spans(D(2026, 3, 4), D(2026, 3, 5), WHOLE, WHOLE, zone=SGT)

    assert spans == [calc.Span(at("2026-03-04 00:00"), at("2026-03-06 00:00"), True)]


def test_half_days_are_shown_apart_and_refuse_nothing():
    spans = calc.absence_spans(
        D(2026, 3, 4), D(2026, 3, 6), AFTERNOON, MORNING, zone=SGT
    )

    assert spans == [
        calc.Span(at("2026-03-04 12:00"), at("2026-03-05 00:00"), False),
        calc.Span(at("2026-03-05 00:00"), at("2026-03-06 00:00"), True),
        calc.Span(at("2026-03-06 00:00"), at("2026-03-06 12:00"), False),
    ]


# --- minimum staffing ---------------------------------------------------------


def test_leave_that_takes_a_team_under_its_minimum_names_the_half_hours():
    # Two on earlies 07:00–16:00, one on a middle 10:00–19:00, minimum 2.
    # Without person 1, the half hours 07:00–10:00 have one person (6 of
    # them); 10:00–16:00 still two; 16:00–19:00 was already one and the
    # leave does not change it.
    shifts = [
        shift(1, "2026-03-04 07:00", "2026-03-04 16:00"),
        shift(2, "2026-03-04 07:00", "2026-03-04 16:00"),
        shift(3, "2026-03-04 10:00", "2026-03-04 19:00"),
    ]

    short = calc.short_without(
        shifts,
        leave={(1, D(2026, 3, 4)): WHOLE},
        day=D(2026, 3, 4),
        zone=SGT,
        minimum=2,
    )

    assert [f"{i.start:%H:%M}" for i in short] == [
        "07:00",
        "07:30",
        "08:00",
        "08:30",
        "09:00",
        "09:30",
    ]
    assert {i.headcount for i in short} == {1}


def test_a_half_day_of_a_night_shift_leaves_the_early_hours_short():
    # The only night worker (minimum 1) takes the afternoon of Tue 3 off: the
    # second half of the 22:00–07:00 shift, 02:30–07:00 on Wednesday.
    night = shift(1, "2026-03-03 22:00", "2026-03-04 07:00")
    leave = {night.key: AFTERNOON}

    tuesday = calc.short_without(
        [night], leave=leave, day=D(2026, 3, 3), zone=SGT, minimum=1
    )
    wednesday = calc.short_without(
        [night], leave=leave, day=D(2026, 3, 4), zone=SGT, minimum=1
    )

    assert tuesday == []
    assert [f"{i.start:%H:%M}" for i in wednesday] == [
        "02:30",
        "03:00",
        "03:30",
        "04:00",
        "04:30",
        "05:00",
        "05:30",
        "06:00",
        "06:30",
    ]


def test_the_only_night_worker_on_leave_leaves_the_night_short_not_closed():
    night = shift(1, "2026-03-03 22:00", "2026-03-04 07:00")

    short = calc.short_days_without(
        [night],
        leave={night.key: WHOLE},
        days=[D(2026, 3, 3), D(2026, 3, 4)],
        zone=SGT,
        minimum=1,
    )

    # 22:00–24:00 on Tuesday (4 half hours), 00:00–07:00 on Wednesday (14).
    assert {day: len(intervals) for day, intervals in short.items()} == {
        D(2026, 3, 3): 4,
        D(2026, 3, 4): 14,
    }


@pytest.mark.parametrize(
    ("days", "phrase"),
    [
        (Decimal("0"), "0 days"),
        (Decimal("0.5"), "0.5 day"),
        (Decimal("1"), "1 day"),
        (Decimal("1.0"), "1 day"),
        (Decimal("4.5"), "4.5 days"),
        (7, "7 days"),
    ],
)
def test_days_are_said_as_people_say_them(days, phrase):
    assert calc.days_phrase(days) == phrase
