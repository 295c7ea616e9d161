"""The day's status rules at their edges, in Singapore time (UTC+8); every
expected value worked out by hand."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from workforce.attendance import calculations as calc
from workforce.attendance.calculations import Away, Event, Rules, Span

SGT = ZoneInfo("Asia/Singapore")
RULES = Rules(grace_minutes=5, early_leave_tolerance_minutes=5)
NEXT_WEEK = datetime.datetime(2026, 3, 9, tzinfo=SGT)


def at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=SGT)


def events(*pairs) -> list[Event]:
    return [Event(kind, at(moment)) for kind, moment in pairs]


def day(shifts, clock, *, away=(), now=NEXT_WEEK, rules=RULES):
    sessions = calc.sessions_from_events(events(*clock))
    return calc.day_attendance(
        shifts=[Span(at(a), at(b)) for a, b in shifts],
        away=list(away),
        sessions=sessions,
        rules=rules,
        now=now,
    )


DAY_SHIFT = [("2026-03-02 09:00", "2026-03-02 18:00")]


@pytest.mark.parametrize(
    ("clock_in", "status"),
    [
        ("2026-03-02 08:55", calc.PRESENT),
        ("2026-03-02 09:05:00", calc.PRESENT),  # the grace minute itself
        ("2026-03-02 09:05:01", calc.LATE),
        ("2026-03-02 09:06", calc.LATE),
    ],
)
def test_a_clock_in_within_the_grace_is_on_time(clock_in, status):
    found = day(DAY_SHIFT, [("clock_in", clock_in), ("clock_out", "2026-03-02 18:00")])
    assert found.status == status


@pytest.mark.parametrize(
    ("clock_out", "status"),
    [
        ("2026-03-02 17:55", calc.PRESENT),  # the tolerance itself
        ("2026-03-02 17:54", calc.LEFT_EARLY),
        ("2026-03-02 18:30", calc.PRESENT),
    ],
)
def test_a_clock_out_before_the_tolerance_is_leaving_early(clock_out, status):
    found = day(DAY_SHIFT, [("clock_in", "2026-03-02 09:00"), ("clock_out", clock_out)])
    assert found.status == status


def test_late_and_left_early_is_late_with_both_flags():
    found = day(
        DAY_SHIFT,
        [("clock_in", "2026-03-02 09:30"), ("clock_out", "2026-03-02 17:00")],
    )
    assert found.status == calc.LATE
    assert found.flags == (calc.LATE, calc.LEFT_EARLY)
    # Expected 09:00–18:00 = 540 min; in 09:30–17:00 = 450 min.
    assert (found.expected_minutes, found.adhered_minutes) == (540, 450)
    assert found.adherence == pytest.approx(450 / 540)


def test_a_shift_crossing_midnight_is_the_day_it_starts():
    night = [("2026-03-02 22:00", "2026-03-03 07:00")]
    clock = events(("clock_in", "2026-03-02 21:58"), ("clock_out", "2026-03-03 07:02"))
    sessions = calc.sessions_from_events(clock)
    by_day = calc.session_days(
        sessions,
        {datetime.date(2026, 3, 2): [Span(at(a), at(b)) for a, b in night]},
        SGT,
    )
    assert list(by_day) == [datetime.date(2026, 3, 2)]
    found = day(
        night, [("clock_in", "2026-03-02 21:58"), ("clock_out", "2026-03-03 07:02")]
    )
    assert found.status == calc.PRESENT
    # 540 min expected, all of them clocked; 21:58 to 07:02 is 544 min worked.
    assert (found.expected_minutes, found.adhered_minutes) == (540, 540)
    assert found.worked_minutes == 544
    assert found.adherence == 1
    assert found.conformance == pytest.approx(544 / 540)


def test_the_morning_after_a_night_shift_is_off_not_unscheduled_work():
    night = {
        datetime.date(2026, 3, 2): [
            Span(at("2026-03-02 22:00"), at("2026-03-03 07:00"))
        ]
    }
    sessions = calc.sessions_from_events(
        events(("clock_in", "2026-03-02 22:00"), ("clock_out", "2026-03-03 07:00"))
    )
    by_day = calc.session_days(sessions, night, SGT)
    morning = calc.day_attendance(
        shifts=[],
        away=[],
        sessions=by_day.get(datetime.date(2026, 3, 3), []),
        rules=RULES,
        now=NEXT_WEEK,
    )
    assert morning.status == calc.OFF


def test_a_clock_in_before_midnight_belongs_to_the_shift_after_it():
    shift = {
        datetime.date(2026, 3, 3): [
            Span(at("2026-03-03 00:30"), at("2026-03-03 08:30"))
        ]
    }
    sessions = calc.sessions_from_events(
        events(("clock_in", "2026-03-02 23:50"), ("clock_out", "2026-03-03 08:30"))
    )
    by_day = calc.session_days(sessions, shift, SGT)
    assert list(by_day) == [datetime.date(2026, 3, 3)]
    found = calc.day_attendance(
        shifts=shift[datetime.date(2026, 3, 3)],
        away=[],
        sessions=by_day[datetime.date(2026, 3, 3)],
        rules=RULES,
        now=NEXT_WEEK,
    )
    assert found.status == calc.PRESENT
    # Expected 00:30–08:30 = 480 min, all covered; worked 23:50–08:30 = 520 min.
    assert (found.adhered_minutes, found.worked_minutes) == (480, 520)


def test_a_clock_in_three_hours_and_more_before_a_shift_is_its_own_day():
    shift = {
        datetime.date(2026, 3, 3): [
            Span(at("2026-03-03 00:30"), at("2026-03-03 08:30"))
        ]
    }
    sessions = calc.sessions_from_events(
        events(("clock_in", "2026-03-02 21:29"), ("clock_out", "2026-03-02 23:00"))
    )
    assert list(calc.session_days(sessions, shift, SGT)) == [datetime.date(2026, 3, 2)]


def test_half_a_day_of_leave_moves_the_start_to_the_afternoon():
    morning_off = [Away(at("2026-03-02 00:00"), at("2026-03-02 12:00"), calc.LEAVE)]
    on_time = day(
        DAY_SHIFT,
        [("clock_in", "2026-03-02 12:05"), ("clock_out", "2026-03-02 18:00")],
        away=morning_off,
    )
    assert on_time.status == calc.PRESENT
    # Expected 12:00–18:00 = 360 min; clocked 12:05–18:00 = 355 min.
    assert (on_time.expected_minutes, on_time.adhered_minutes) == (360, 355)
    late = day(
        DAY_SHIFT,
        [("clock_in", "2026-03-02 12:06"), ("clock_out", "2026-03-02 18:00")],
        away=morning_off,
    )
    assert late.status == calc.LATE


def test_an_afternoon_off_moves_the_end_to_noon():
    afternoon_off = [Away(at("2026-03-02 12:00"), at("2026-03-03 00:00"), calc.LEAVE)]
    found = day(
        DAY_SHIFT,
        [("clock_in", "2026-03-02 09:00"), ("clock_out", "2026-03-02 12:00")],
        away=afternoon_off,
    )
    assert found.status == calc.PRESENT
    assert found.expected_minutes == 180


def test_a_whole_day_of_leave_or_training():
    whole = Away(at("2026-03-02 00:00"), at("2026-03-03 00:00"), calc.LEAVE)
    assert day([], [], away=[whole]).status == calc.ON_LEAVE
    assert day(DAY_SHIFT, [], away=[whole]).status == calc.ON_LEAVE
    course = Away(at("2026-03-02 09:00"), at("2026-03-02 18:00"), calc.TRAINING)
    assert day(DAY_SHIFT, [], away=[course]).status == calc.IN_TRAINING


def test_no_shift_and_no_clock_is_off_and_clocking_is_unscheduled_work():
    assert day([], []).status == calc.OFF
    found = day(
        [], [("clock_in", "2026-03-02 10:00"), ("clock_out", "2026-03-02 12:00")]
    )
    assert found.status == calc.UNSCHEDULED_WORK
    assert (found.worked_minutes, found.expected_minutes) == (120, 0)
    assert found.adherence is None


def test_no_clock_in_is_absent_once_the_grace_has_passed():
    assert day(DAY_SHIFT, [], now=at("2026-03-02 09:05")).status == calc.NOT_YET
    assert day(DAY_SHIFT, [], now=at("2026-03-02 09:05:01")).status == calc.ABSENT
    assert day(DAY_SHIFT, []).expected_minutes == 540


def test_a_missing_clock_out_is_flagged_and_not_guessed():
    found = day(DAY_SHIFT, [("clock_in", "2026-03-02 09:00")])
    assert found.status == calc.PRESENT
    assert found.missing_clock_out
    assert (found.last_out, found.worked_minutes, found.adhered_minutes) == (None, 0, 0)


def test_a_session_still_open_during_the_shift_counts_up_to_now():
    found = day(
        DAY_SHIFT, [("clock_in", "2026-03-02 09:00")], now=at("2026-03-02 12:00")
    )
    assert not found.missing_clock_out
    assert (found.status, found.adhered_minutes) == (calc.PRESENT, 180)


def test_a_break_without_the_clock_lowers_adherence():
    found = day(
        DAY_SHIFT,
        [
            ("clock_in", "2026-03-02 09:00"),
            ("clock_out", "2026-03-02 12:00"),
            ("clock_in", "2026-03-02 13:00"),
            ("clock_out", "2026-03-02 18:00"),
        ],
    )
    assert (found.adhered_minutes, found.status) == (480, calc.PRESENT)
    assert found.adherence == pytest.approx(480 / 540)


def test_dialer_states_alone_count_as_present_while_available():
    found = day(
        DAY_SHIFT,
        [
            ("available", "2026-03-02 09:02"),
            ("not_ready", "2026-03-02 10:00"),
            ("available", "2026-03-02 10:15"),
            ("not_ready", "2026-03-02 18:00"),
        ],
    )
    # 09:02–10:00 is 58 min, 10:15–18:00 is 465 min.
    assert (found.status, found.adhered_minutes) == (calc.PRESENT, 523)


def test_a_double_clock_in_is_one_session_and_a_stray_clock_out_is_ignored():
    sessions = calc.sessions_from_events(
        events(
            ("clock_out", "2026-03-02 08:00"),
            ("clock_in", "2026-03-02 09:00"),
            ("clock_in", "2026-03-02 09:01"),
            ("clock_out", "2026-03-02 18:00"),
        )
    )
    assert sessions == [
        calc.Session(at("2026-03-02 09:00"), at("2026-03-02 18:00"), "clock_in")
    ]


def test_a_session_left_open_for_a_day_does_not_swallow_the_next():
    sessions = calc.sessions_from_events(
        events(
            ("clock_in", "2026-03-02 09:00"),
            ("clock_in", "2026-03-03 09:00"),
            ("clock_out", "2026-03-03 18:00"),
        )
    )
    assert sessions == [
        calc.Session(at("2026-03-02 09:00"), None, "clock_in"),
        calc.Session(at("2026-03-03 09:00"), at("2026-03-03 18:00"), "clock_in"),
    ]


def test_totals_are_minutes_over_minutes_not_an_average_of_days():
    full = day(
        DAY_SHIFT, [("clock_in", "2026-03-02 09:00"), ("clock_out", "2026-03-02 18:00")]
    )
    short = day(
        [("2026-03-02 12:00", "2026-03-02 18:00")],
        [("clock_in", "2026-03-02 15:00"), ("clock_out", "2026-03-02 18:00")],
    )
    total = calc.totals([full, short])
    # (540 + 180) / (540 + 360) = 0.8; the average of 1.0 and 0.5 would be 0.75.
    assert total.adherence == pytest.approx(0.8)
    assert total.statuses == {calc.PRESENT: 1, calc.LATE: 1}


def test_unscheduled_work_in_progress_counts_up_to_now():
    found = day([], [("clock_in", "2026-03-07 10:00")], now=at("2026-03-07 11:30"))
    assert (found.status, found.worked_minutes) == (calc.UNSCHEDULED_WORK, 90)
    assert not found.missing_clock_out
    later = day([], [("clock_in", "2026-03-07 10:00")], now=at("2026-03-08 02:01"))
    assert later.missing_clock_out
    assert later.worked_minutes == 0
