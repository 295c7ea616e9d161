import datetime

import pytest
from django.core.exceptions import PermissionDenied

from tests.attendance.conftest import local
from tests.leave.factories import LeaveRequestFactory
from tests.workforce.factories import StaffFactory
from workforce.attendance import calculations as calc
from workforce.attendance.selectors import attendance_for
from workforce.attendance.services import (
    ClockEventIn,
    attendance_correct,
    clock_events_record,
)
from workforce.leave.models import DayPart, LeaveRequest

MON, TUE, WED = (datetime.date(2026, 3, d) for d in (2, 3, 4))
AFTER_THE_WEEK = local("2026-03-09 09:00")


def clock(person, *pairs):
    clock_events_record(
        events=[
            ClockEventIn(person.employee_number, kind, local(moment))
            for kind, moment in pairs
        ],
        source="import",
    )


def of(attendance, person):
    """The person's row."""
    return next(row for row in attendance.people if row.staff == person)


def statuses(attendance):
    return {
        person.staff.first_name: [day.status for day in person.days]
        for person in attendance.people
    }


def test_a_team_week_from_the_published_plan_and_the_clock(week):
    aisyah, wei = week["aisyah"], week["wei"]
    clock(aisyah, ("clock_in", "2026-03-02 07:05"), ("clock_out", "2026-03-02 16:00"))
    clock(aisyah, ("clock_in", "2026-03-03 07:06"), ("clock_out", "2026-03-03 16:00"))
    clock(wei, ("clock_in", "2026-03-02 06:50"))  # and never out
    found = attendance_for(
        viewer=week["lead"], team=week["team"], first=MON, last=WED, now=AFTER_THE_WEEK
    )
    assert statuses(found) == {
        "Nur Aisyah": [calc.PRESENT, calc.LATE, calc.ABSENT],
        "Wei Ming": [calc.PRESENT, calc.ABSENT, calc.ABSENT],
        "Kelvin": [calc.OFF, calc.OFF, calc.OFF],  # no shifts
    }
    wei_monday = of(found, wei).days[0].derived
    assert wei_monday.missing_clock_out
    # Aisyah: 535 + 534 of 3 × 540 expected minutes.
    assert of(found, aisyah).totals.adhered_minutes == 535 + 534
    assert of(found, aisyah).totals.expected_minutes == 3 * 540


def test_approved_leave_excuses_and_pending_leave_does_not(week):
    aisyah, wei = week["aisyah"], week["wei"]
    LeaveRequestFactory(
        staff=aisyah, first_day=MON, last_day=MON, status=LeaveRequest.Status.APPROVED
    )
    LeaveRequestFactory(
        staff=aisyah,
        first_day=TUE,
        last_day=TUE,
        first_day_part=DayPart.MORNING,
        last_day_part=DayPart.MORNING,
        status=LeaveRequest.Status.APPROVED,
    )
    LeaveRequestFactory(
        staff=wei, first_day=MON, last_day=MON, status=LeaveRequest.Status.PENDING
    )
    # Tuesday's morning off: expected from noon to 16:00.
    clock(aisyah, ("clock_in", "2026-03-03 12:04"), ("clock_out", "2026-03-03 16:00"))
    found = attendance_for(
        viewer=week["manager"],
        team=week["team"],
        first=MON,
        last=TUE,
        now=AFTER_THE_WEEK,
    )
    assert statuses(found) == {
        "Nur Aisyah": [calc.ON_LEAVE, calc.PRESENT],
        "Wei Ming": [calc.ABSENT, calc.ABSENT],
        "Kelvin": [calc.OFF, calc.OFF],
    }
    assert of(found, aisyah).days[1].derived.expected_minutes == 240


def test_a_correction_stands_over_the_clock_and_survives_derivation(week):
    aisyah = week["aisyah"]
    attendance_correct(
        staff=aisyah,
        day=MON,
        status=calc.PRESENT,
        reason="Badge reader down",
        by=week["lead"],
    )
    args = {"viewer": week["lead"], "team": week["team"], "first": MON, "last": MON}
    for _ in range(2):
        found = attendance_for(**args, now=AFTER_THE_WEEK)
        day = of(found, aisyah).days[0]
        assert (day.status, day.derived.status) == (calc.PRESENT, calc.ABSENT)
        assert day.correction.reason == "Badge reader down"


def test_only_the_latest_correction_stands(week):
    aisyah = week["aisyah"]
    for status in (calc.PRESENT, calc.LATE):
        attendance_correct(
            staff=aisyah, day=MON, status=status, reason="Checked", by=week["lead"]
        )
    found = attendance_for(
        viewer=week["lead"], team=week["team"], first=MON, last=MON, now=AFTER_THE_WEEK
    )
    assert of(found, aisyah).days[0].status == calc.LATE


def test_who_may_correct(week):
    args = {"staff": week["aisyah"], "day": MON, "status": "present", "reason": "x"}
    for stranger in (week["other_lead"], week["aisyah_user"]):
        with pytest.raises(PermissionDenied):
            attendance_correct(**args, by=stranger)
    attendance_correct(**args, by=week["manager"])


def test_another_teams_lead_may_not_see_the_team(week):
    with pytest.raises(PermissionDenied):
        attendance_for(
            viewer=week["other_lead"], team=week["team"], first=MON, last=MON
        )
    with pytest.raises(PermissionDenied):
        attendance_for(viewer=week["wei_user"], team=week["team"], first=MON, last=MON)


def test_the_queries_do_not_grow_with_people_or_days(week, publish):
    def count(last):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            attendance_for(
                viewer=week["manager"], team=week["team"], first=MON, last=last
            )
        return len(queries)

    count(MON)  # the viewer's permissions are cached by the first
    small = count(MON)
    newcomers = [StaffFactory(team=week["team"]) for _ in range(4)]
    publish([(person, TUE, week["early"]) for person in newcomers])
    for person in newcomers:
        clock(
            person, ("clock_in", "2026-03-03 07:00"), ("clock_out", "2026-03-03 16:00")
        )
    assert count(datetime.date(2026, 3, 6)) == small
