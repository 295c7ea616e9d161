"""The pure calculations of shift planning, against hand-computed cases."""

import datetime
from zoneinfo import ZoneInfo

from workforce.scheduling import calculations as calc
from workforce.scheduling.calculations import PlannedShift

D = datetime.date
T = datetime.time
SINGAPORE = ZoneInfo("Asia/Singapore")
LONDON = ZoneInfo("Europe/London")
UTC = datetime.UTC


def at(text: str, zone=SINGAPORE) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=zone).astimezone(UTC)


def shift(staff_id, start, end, *, break_minutes=0, zone=SINGAPORE):
    day = D.fromisoformat(start[:10])
    start, end = at(start, zone), at(end, zone)
    return PlannedShift(
        key=(staff_id, start),
        staff_id=staff_id,
        day=day,
        start=start,
        end=end,
        break_minutes=break_minutes,
    )


def test_a_night_shift_belongs_to_the_day_it_starts_and_ends_the_next():
    start, end = calc.shift_bounds(D(2026, 3, 2), T(22), T(6), SINGAPORE)
    assert start == at("2026-03-02 22:00")
    assert end == at("2026-03-03 06:00")


def test_a_shift_ending_at_midnight_ends_at_the_start_of_the_next_day():
    start, end = calc.shift_bounds(D(2026, 3, 2), T(16), T(0), SINGAPORE)
    assert (start, end) == (at("2026-03-02 16:00"), at("2026-03-03 00:00"))
    assert calc.shift_length_minutes(T(16), T(0)) == 8 * 60


def test_a_night_shift_into_spring_forward_is_an_hour_shorter():
    # Europe/London skips 01:00-02:00 on Sunday 29 March 2026.
    start, end = calc.shift_bounds(D(2026, 3, 28), T(22), T(6), LONDON)
    assert start.astimezone(UTC) == datetime.datetime(2026, 3, 28, 22, tzinfo=UTC)
    assert end.astimezone(UTC) == datetime.datetime(2026, 3, 29, 5, tzinfo=UTC)
    assert end - start == datetime.timedelta(hours=7)


def test_a_night_shift_into_fall_back_is_an_hour_longer():
    # Europe/London repeats 01:00-02:00 on Sunday 25 October 2026.
    start, end = calc.shift_bounds(D(2026, 10, 24), T(22), T(6), LONDON)
    assert end - start == datetime.timedelta(hours=9)
    assert (start.astimezone(LONDON).hour, end.astimezone(LONDON).hour) == (22, 6)


def test_a_shift_starting_in_the_skipped_hour_starts_at_the_same_instant_as_before():
    start, _ = calc.shift_bounds(D(2026, 3, 29), T(1, 30), T(9), LONDON)
    assert start.astimezone(UTC) == datetime.datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


def test_rotation_days_start_on_the_monday_of_the_anchor_week_moved_by_the_offset():
    thursday = D(2026, 3, 5)  # week of Monday 2 March
    assert (
        calc.rotation_index(thursday, anchor=thursday, offset_days=0, length_days=14)
        == 3
    )
    assert (
        calc.rotation_index(
            D(2026, 3, 9), anchor=thursday, offset_days=0, length_days=14
        )
        == 7
    )
    assert (
        calc.rotation_index(
            D(2026, 3, 16), anchor=thursday, offset_days=0, length_days=14
        )
        == 0
    )
    assert (
        calc.rotation_index(
            D(2026, 3, 2), anchor=D(2026, 3, 2), offset_days=7, length_days=14
        )
        == 7
    )


def test_a_rotation_with_days_off_staggered_by_offset():
    # Early Monday to Friday, weekend off: 1 stands for the early shift type.
    week = [1, 1, 1, 1, 1, None, None]
    first, last = D(2026, 3, 2), D(2026, 3, 8)
    plain = calc.expand_rotation(
        week, anchor=first, offset_days=0, first=first, last=last
    )
    assert [day.day for day, _ in plain] == [2, 3, 4, 5, 6]
    moved = calc.expand_rotation(
        week, anchor=first, offset_days=2, first=first, last=last
    )
    # Two days on: Monday is rotation day 2, so Thursday and Friday are off.
    assert [day.day for day, _ in moved] == [2, 3, 4, 7, 8]


def test_a_rotation_starts_no_earlier_than_its_anchor():
    week = [1] * 7
    pairs = calc.expand_rotation(
        week,
        anchor=D(2026, 3, 5),
        offset_days=0,
        first=D(2026, 3, 2),
        last=D(2026, 3, 8),
    )
    assert [day.day for day, _ in pairs] == [5, 6, 7, 8]


def test_touching_shifts_do_not_overlap_and_a_minute_more_does():
    touching = [
        shift(1, "2026-03-02 07:00", "2026-03-02 15:00"),
        shift(1, "2026-03-02 15:00", "2026-03-02 23:00"),
    ]
    assert calc.overlaps(touching) == []
    crossing = [
        shift(1, "2026-03-02 07:00", "2026-03-02 15:01"),
        shift(1, "2026-03-02 15:00", "2026-03-02 23:00"),
    ]
    [finding] = calc.overlaps(crossing)
    assert finding.refused and finding.rule == "overlap"


def test_a_shift_inside_a_long_one_after_another_inside_it_still_overlaps():
    shifts = [
        shift(1, "2026-03-02 06:00", "2026-03-02 20:00"),
        shift(1, "2026-03-02 08:00", "2026-03-02 09:00"),
        shift(1, "2026-03-02 10:00", "2026-03-02 11:00"),
    ]
    assert len(calc.overlaps(shifts)) == 2


def test_the_eleven_hour_rest_exactly_met_passes_and_missed_by_a_minute_warns():
    met = [
        shift(1, "2026-03-02 12:00", "2026-03-02 21:00"),
        shift(1, "2026-03-03 08:00", "2026-03-03 17:00"),
    ]
    assert calc.short_rests(met, minimum_hours=11) == []
    missed = [
        shift(1, "2026-03-02 12:00", "2026-03-02 21:01"),
        shift(1, "2026-03-03 08:00", "2026-03-03 17:00"),
    ]
    [finding] = calc.short_rests(missed, minimum_hours=11)
    assert not finding.refused
    assert finding.day == D(2026, 3, 3)
    assert "10 h 59" in finding.message


def test_rest_is_per_person():
    shifts = [
        shift(1, "2026-03-02 12:00", "2026-03-02 21:00"),
        shift(2, "2026-03-03 06:00", "2026-03-03 14:00"),
    ]
    assert calc.short_rests(shifts, minimum_hours=11) == []


def test_weekly_hours_count_paid_time_monday_to_sunday():
    # Six 9-hour shifts with an hour's break: 48 paid hours, the maximum.
    days = [f"2026-03-0{d}" for d in range(2, 8)]
    six = [shift(1, f"{d} 08:00", f"{d} 17:00", break_minutes=60) for d in days]
    assert calc.long_weeks(six, maximum_hours=48) == []
    # The seventh, on Sunday the 8th, takes the week to 56.
    seven = six + [shift(1, "2026-03-08 08:00", "2026-03-08 17:00", break_minutes=60)]
    [finding] = calc.long_weeks(seven, maximum_hours=48)
    assert finding.day == D(2026, 3, 2) and "56 h" in finding.message
    # Monday the 9th is another week.
    next_week = six + [
        shift(1, "2026-03-09 08:00", "2026-03-09 17:00", break_minutes=60)
    ]
    assert calc.long_weeks(next_week, maximum_hours=48) == []


def test_coverage_counts_shifts_covering_each_half_hour_including_last_nights():
    shifts = [
        shift(1, "2026-03-01 22:00", "2026-03-02 06:00"),  # from the day before
        shift(2, "2026-03-02 06:00", "2026-03-02 14:00"),
        shift(3, "2026-03-02 08:30", "2026-03-02 17:30"),
    ]
    counts = {
        slot.strftime("%H:%M"): n
        for slot, n in calc.coverage(shifts, day=D(2026, 3, 2), zone=SINGAPORE)
    }
    assert len(counts) == 48
    assert counts["05:30"] == 1
    assert counts["06:00"] == 1
    assert counts["08:00"] == 1
    assert counts["08:30"] == 2
    assert counts["13:30"] == 2
    assert counts["14:00"] == 1
    assert counts["17:30"] == 0


def test_understaffed_intervals_lie_between_the_first_and_last_worked_ones():
    counts = [
        (at("2026-03-02 08:00"), 0),
        (at("2026-03-02 08:30"), 2),
        (at("2026-03-02 09:00"), 1),
        (at("2026-03-02 09:30"), 2),
        (at("2026-03-02 10:00"), 0),
    ]
    assert calc.understaffed_intervals(counts, minimum=2) == [
        (at("2026-03-02 09:00"), 1)
    ]
    assert calc.understaffed_intervals([(at("2026-03-02 08:00"), 0)], minimum=2) == []


def test_a_day_on_which_the_clocks_go_forward_has_46_half_hours():
    counts = calc.coverage([], day=D(2026, 3, 29), zone=LONDON)
    assert len(counts) == 46


def test_an_overlap_gives_the_earlier_shifts_times_on_the_agency_clock():
    utc = datetime.UTC
    early = shift(1, "2026-03-02 07:00", "2026-03-02 16:00")
    late = shift(1, "2026-03-02 13:00", "2026-03-02 22:00")
    stored = [
        PlannedShift(s.key, 1, s.day, s.start.astimezone(utc), s.end.astimezone(utc))
        for s in (early, late)
    ]
    [finding] = calc.overlaps(stored, zone=SINGAPORE)
    assert finding.message == "overlaps the shift of Mon 02 Mar (07:00–16:00)"
    [as_stored] = calc.overlaps(stored)
    assert as_stored.message == "overlaps the shift of Mon 02 Mar (23:00–08:00)"


def test_weekly_paid_hours_count_each_shift_in_the_week_it_starts():
    hours = calc.weekly_paid_hours(
        [
            shift(1, "2026-03-02 07:00", "2026-03-02 16:00", break_minutes=60),
            shift(1, "2026-03-03 07:00", "2026-03-03 16:00", break_minutes=60),
            # Sunday night into Monday: all ten hours in the week it starts.
            shift(1, "2026-03-08 22:00", "2026-03-09 08:00", break_minutes=30),
            shift(1, "2026-03-09 13:00", "2026-03-09 22:00", break_minutes=60),
            shift(2, "2026-03-04 09:00", "2026-03-04 13:00"),
        ]
    )
    assert hours == {
        (1, D(2026, 3, 2)): 25.5,
        (1, D(2026, 3, 9)): 8.0,
        (2, D(2026, 3, 2)): 4.0,
    }


def test_daily_headcount_counts_people_not_shifts():
    counts = calc.daily_headcount(
        [
            shift(1, "2026-03-02 07:00", "2026-03-02 11:00"),
            shift(1, "2026-03-02 18:00", "2026-03-02 22:00"),
            shift(2, "2026-03-02 13:00", "2026-03-02 22:00"),
            shift(2, "2026-03-03 22:00", "2026-03-04 07:00"),
            shift(3, "2026-03-10 07:00", "2026-03-10 16:00"),
        ],
        [D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 4)],
    )
    assert counts == {D(2026, 3, 2): 2, D(2026, 3, 3): 1, D(2026, 3, 4): 0}


def test_period_bounds_of_a_week_and_a_month():
    # Sunday 1 March 2026 is in the week that starts on Monday 23 February.
    assert calc.period_bounds("week", D(2026, 3, 1)) == (D(2026, 2, 23), D(2026, 3, 1))
    assert calc.period_bounds("week", D(2026, 3, 2)) == (D(2026, 3, 2), D(2026, 3, 8))
    assert calc.period_bounds("month", D(2028, 2, 15)) == (
        D(2028, 2, 1),
        D(2028, 2, 29),
    )
    assert calc.period_bounds("month", D(2026, 12, 31)) == (
        D(2026, 12, 1),
        D(2026, 12, 31),
    )


def test_period_bounds_refuses_another_kind_of_period():
    import pytest

    with pytest.raises(ValueError, match="not a period: 'year'"):
        calc.period_bounds("year", D(2026, 3, 1))
