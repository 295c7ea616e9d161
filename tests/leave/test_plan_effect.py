"""Leave and the shift plan: approved leave refuses shifts and cancels the
person's published ones, cancelling it publishes them again; pending leave
only shows."""

import datetime

import pytest
from schedule.models import Event

from workforce.leave.selectors import plan_absences
from workforce.leave.services import leave_request_approve, leave_request_cancel
from workforce.people.services import staff_move
from workforce.scheduling.models import Shift, ShiftChange
from workforce.scheduling.selectors import plan_grid
from workforce.scheduling.services import RulesBroken, shift_set

D = datetime.date
SUN, MON, TUE, WED, THU, FRI = (D(2026, 3, day) for day in (8, 9, 10, 11, 12, 13))


@pytest.fixture
def week(leave, publish):
    """Aisyah works earlies Mon–Wed and Wei every day Mon–Fri, published."""
    shifts = publish(
        [(leave["aisyah"], day, leave["early"]) for day in (MON, TUE, WED)]
        + [(leave["wei"], day, leave["early"]) for day in (MON, TUE, WED, THU, FRI)]
    )
    return {**leave, "aisyah_shifts": shifts[:3]}


def plan(week, day, shift_type):
    """The lead gives Aisyah a shift, any warning overridden."""
    return shift_set(
        team=week["team"],
        staff=week["aisyah"],
        day=day,
        shift_type=week[shift_type],
        by=week["lead"],
        reason="Cover",
        override_reason="Short rest accepted",
    )


def statuses(staff):
    return dict(Shift.objects.filter(staff=staff).values_list("day", "status"))


def test_approving_cancels_the_persons_published_shifts_on_whole_days(week, ask):
    request = ask(first_day=MON, last_day=TUE)
    events = [shift.event_id for shift in week["aisyah_shifts"][:2]]

    leave_request_approve(request=request, by=week["lead"])

    assert statuses(week["aisyah"]) == {
        MON: "cancelled",
        TUE: "cancelled",
        WED: "published",
    }
    assert not Event.objects.filter(pk__in=events).exists()
    assert sorted(
        ShiftChange.objects.filter(shift__staff=week["aisyah"]).values_list(
            "shift__day", "action", "reason", "changed_by"
        )
    ) == [
        (MON, "cancelled", "Approved leave", week["lead"].pk),
        (TUE, "cancelled", "Approved leave", week["lead"].pk),
    ]
    assert statuses(week["wei"])[MON] == "published"


def test_a_half_day_keeps_its_shift(week, ask):
    request = ask(
        first_day=WED, last_day=WED, first_day_part="morning", last_day_part="morning"
    )

    leave_request_approve(request=request, by=week["lead"])

    assert statuses(week["aisyah"])[WED] == "published"


def test_approved_leave_refuses_a_new_shift_on_its_days(week, ask):
    # Wednesday costs a day; Thursday is off in the plan, but she is away.
    leave_request_approve(request=ask(first_day=WED, last_day=THU), by=week["lead"])

    with pytest.raises(RulesBroken, match="during Annual leave"):
        plan(week, THU, "early")


def test_pending_leave_shows_in_the_plan_and_refuses_nothing(week, ask):
    ask(first_day=WED, last_day=THU)

    grid = plan_grid(team=week["team"], first_day=MON, last_day=FRI)
    plan(week, THU, "early")

    (row,) = [row for row in grid.rows if row.staff == week["aisyah"]]
    thursday = row.cells[3]
    assert [(a.label, a.refuses) for a in thursday.absences] == [
        ("Annual leave (pending)", False)
    ]
    assert statuses(week["aisyah"])[THU] == "published"
    assert statuses(week["aisyah"])[WED] == "published"


def test_a_night_shift_the_evening_before_the_leave_is_not_refused(week, ask):
    leave_request_approve(request=ask(first_day=MON, last_day=TUE), by=week["lead"])

    # Sunday's night ends at 07:00 on Monday, the first day of leave: it
    # belongs to Sunday, which is not leave.
    night = plan(week, SUN, "night")

    assert (night.day, night.shift_type) == (SUN, week["night"])
    (absence,) = plan_absences([week["aisyah"].pk], MON, TUE)
    assert (absence.refuses, absence.by_day) == (True, True)
    with pytest.raises(RulesBroken, match="during Annual leave"):
        plan(week, TUE, "night")


def test_cancelling_approved_leave_publishes_the_shifts_again(week, ask):
    request = leave_request_approve(
        request=ask(first_day=MON, last_day=TUE), by=week["lead"]
    )

    leave_request_cancel(request=request, by=week["aisyah_user"])

    assert statuses(week["aisyah"]) == {
        MON: "published",
        TUE: "published",
        WED: "published",
    }
    monday = Shift.objects.get(staff=week["aisyah"], day=MON)
    assert monday.event is not None and monday.sequence == 2
    assert monday.changes.first().reason == "Leave cancelled"


def test_a_shift_the_plan_now_refuses_stays_cancelled(week, ask):
    request = leave_request_approve(
        request=ask(first_day=MON, last_day=TUE), by=week["lead"]
    )
    staff_move(
        staff=week["aisyah"],
        team=week["other"],
        effective_on=TUE,
        reason="Needed on lates",
        by=week["manager"],
    )

    leave_request_cancel(request=request, by=week["aisyah_user"])

    # From Tuesday she is in Desk late: Desk early's Tuesday shift stays off.
    assert statuses(week["aisyah"])[MON] == "published"
    assert statuses(week["aisyah"])[TUE] == "cancelled"
