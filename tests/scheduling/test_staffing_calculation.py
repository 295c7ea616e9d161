"""When a team is open and short: ``calculations.staffing`` against
hand-computed days (Singapore has no change of clocks; London does)."""

import datetime

from tests.scheduling.test_calculations import LONDON, SINGAPORE, shift
from workforce.scheduling import calculations as calc

D = datetime.date


def labels(intervals, *, which):
    return [i.start.strftime("%H:%M") for i in intervals if getattr(i, which)]


def half_hours(first: str, count: int) -> list[str]:
    start = datetime.datetime.strptime(first, "%H:%M")
    return [
        (start + datetime.timedelta(minutes=30 * n)).strftime("%H:%M")
        for n in range(count)
    ]


def test_a_night_team_is_open_only_through_its_nights():
    nights = [
        shift(1, "2026-03-01 22:00", "2026-03-02 07:00"),
        shift(2, "2026-03-01 22:00", "2026-03-02 07:00"),
        shift(1, "2026-03-02 22:00", "2026-03-03 07:00"),
        shift(2, "2026-03-02 22:00", "2026-03-03 07:00"),
    ]
    day = calc.staffing(nights, day=D(2026, 3, 2), zone=SINGAPORE, minimum=2)

    assert len(day) == 48
    # Last night's shift until 07:00, tonight's from 22:00: 14 + 4 intervals.
    assert labels(day, which="open") == half_hours("00:00", 14) + half_hours("22:00", 4)
    assert labels(day, which="short") == []
    noon = day[24]
    assert (noon.start.strftime("%H:%M"), noon.headcount, noon.open) == (
        "12:00",
        0,
        False,
    )
    # One more needed: every open interval is short, the afternoon still not.
    short = calc.staffing(nights, day=D(2026, 3, 2), zone=SINGAPORE, minimum=3)
    assert len(labels(short, which="short")) == 18


def test_a_late_shift_past_midnight_does_not_open_the_small_hours_of_the_next_day():
    shifts = [
        shift(1, "2026-03-01 14:00", "2026-03-02 01:00"),
        shift(2, "2026-03-02 07:00", "2026-03-02 16:00"),
        shift(3, "2026-03-02 07:00", "2026-03-02 16:00"),
    ]
    day = calc.staffing(shifts, day=D(2026, 3, 2), zone=SINGAPORE, minimum=2)

    # Open until the late shift ends at 01:00, with one person: short. Closed
    # from 01:00 to 07:00, then open with two until 16:00.
    assert labels(day, which="short") == ["00:00", "00:30"]
    assert labels(day, which="open") == ["00:00", "00:30"] + half_hours("07:00", 18)
    assert [i.headcount for i in day[14:16]] == [2, 2]


def test_a_hole_in_the_middle_of_the_day_is_short():
    shifts = [
        shift(1, "2026-03-02 07:00", "2026-03-02 12:00"),
        shift(2, "2026-03-02 07:00", "2026-03-02 12:00"),
        shift(1, "2026-03-02 14:00", "2026-03-02 22:00"),
        shift(2, "2026-03-02 14:00", "2026-03-02 22:00"),
    ]
    day = calc.staffing(shifts, day=D(2026, 3, 2), zone=SINGAPORE, minimum=2)

    assert labels(day, which="short") == ["12:00", "12:30", "13:00", "13:30"]
    assert [i.headcount for i in day if i.short] == [0, 0, 0, 0]


def test_a_day_nobody_works_is_closed_not_short():
    day = calc.staffing([], day=D(2026, 3, 2), zone=SINGAPORE, minimum=3)
    assert labels(day, which="open") == []
    assert labels(day, which="short") == []


def test_a_night_into_the_change_of_clocks_opens_twelve_real_half_hours():
    # London's clocks go from 01:00 to 02:00 on 29 March 2026: the night from
    # 22:00 to 07:00 lasts eight hours, seven of them on the 29th.
    night = [shift(1, "2026-03-28 22:00", "2026-03-29 07:00", zone=LONDON)]
    day = calc.staffing(night, day=D(2026, 3, 29), zone=LONDON, minimum=1)

    assert len(day) == 46
    assert labels(day, which="open") == ["00:00", "00:30"] + half_hours("02:00", 10)
    assert labels(day, which="short") == []
