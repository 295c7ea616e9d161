"""A lead or a manager approves or rejects leave; the person cancels it."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from workforce.leave.services import (
    UnderMinimumStaffing,
    leave_request_approve,
    leave_request_cancel,
    leave_request_reject,
)

D = datetime.date
MON, TUE, WED, THU, FRI = (D(2026, 3, day) for day in (9, 10, 11, 12, 13))


@pytest.fixture
def asked(leave, ask):
    """Aisyah asks for Mon 9 – Fri 13 March (no plan yet: five days)."""
    request = ask()
    return {**leave, "request": request}


def counters(allocation):
    allocation.refresh_from_db()
    return allocation.taken, allocation.pending


def test_the_lead_approves_and_the_days_move_from_pending_to_taken(
    asked, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = leave_request_approve(
            request=asked["request"], by=asked["lead"], comment="Enjoy"
        )

    assert (request.status, request.decided_by, request.comment) == (
        "approved",
        asked["lead"],
        "Enjoy",
    )
    assert counters(asked["aisyah_annual"]) == (Decimal("5"), Decimal("0"))
    assert [(m.subject, m.to) for m in mail.outbox] == [
        ("Your leave 09 Mar – 13 Mar 2026 is approved", ["aisyah@example.com"])
    ]
    assert "Comment: Enjoy" in mail.outbox[0].body


def test_a_manager_approves_anyones_leave(asked):
    request = leave_request_approve(request=asked["request"], by=asked["manager"])

    assert request.status == "approved"


@pytest.mark.parametrize("who", ["other_lead", "wei_user", "aisyah_user"])
def test_nobody_else_decides(asked, who):
    with pytest.raises(PermissionDenied):
        leave_request_approve(request=asked["request"], by=asked[who])
    with pytest.raises(PermissionDenied):
        leave_request_reject(request=asked["request"], by=asked[who], comment="No")

    assert counters(asked["aisyah_annual"]) == (Decimal("0"), Decimal("5"))


def test_a_lead_does_not_approve_their_own_leave(ask, leave):
    lead_staff = leave["team"].leads.get()
    own = ask(
        staff=lead_staff,
        leave_type=leave["unpaid"],
        first_day=MON,
        last_day=MON,
        by=leave["lead"],
    )

    with pytest.raises(PermissionDenied):
        leave_request_approve(request=own, by=leave["lead"])


def test_after_a_move_mid_request_both_teams_leads_decide(ask, leave, moved):
    request = ask()

    assert leave_request_approve(request=request, by=leave["other_lead"]).status == (
        "approved"
    )


def test_a_decided_request_is_not_decided_again(asked):
    leave_request_approve(request=asked["request"], by=asked["lead"])

    with pytest.raises(ValidationError, match="already approved"):
        leave_request_approve(request=asked["request"], by=asked["manager"])
    assert counters(asked["aisyah_annual"]) == (Decimal("5"), Decimal("0"))


def test_rejecting_needs_a_comment_and_frees_the_days(
    asked, django_capture_on_commit_callbacks
):
    with pytest.raises(ValidationError):
        leave_request_reject(request=asked["request"], by=asked["lead"], comment=" ")

    with django_capture_on_commit_callbacks(execute=True):
        request = leave_request_reject(
            request=asked["request"], by=asked["lead"], comment="Audit week"
        )

    assert request.status == "rejected"
    assert counters(asked["aisyah_annual"]) == (Decimal("0"), Decimal("0"))
    assert mail.outbox[0].subject == "Your leave 09 Mar – 13 Mar 2026 is rejected"
    assert "Comment: Audit week" in mail.outbox[0].body


def test_approving_leave_that_leaves_the_team_short_needs_confirming(
    ask, leave, publish
):
    # Desk early (minimum 1) has only Aisyah on Monday, 07:00–16:00.
    publish([(leave["aisyah"], MON, leave["early"])])
    request = ask(last_day=MON)

    with pytest.raises(UnderMinimumStaffing) as short:
        leave_request_approve(request=request, by=leave["lead"])

    (day,) = short.value.short_days
    assert (day.team, day.day) == (leave["team"], MON)
    assert [f"{i.start:%H:%M}" for i in day.intervals][:2] == ["07:00", "07:30"]
    assert len(day.intervals) == 18  # 07:00 to 16:00
    assert counters(leave["aisyah_annual"]) == (Decimal("0"), Decimal("1"))

    approved = leave_request_approve(request=request, by=leave["lead"], confirm=True)

    assert approved.status == "approved"
    assert approved.staffing_confirmed == (
        "Desk early, Mon 09 Mar: under the minimum of 1 for 540 minutes from 07:00 "
        "(as few as 0)"
    )


def test_half_a_night_shift_off_leaves_the_early_hours_short(ask, leave, publish):
    publish([(leave["aisyah"], TUE, leave["night"])])
    request = ask(
        first_day=TUE,
        last_day=TUE,
        first_day_part="afternoon",
        last_day_part="afternoon",
    )

    with pytest.raises(UnderMinimumStaffing) as short:
        leave_request_approve(request=request, by=leave["lead"])

    # The second half of Tuesday's 22:00–07:00: 02:30–07:00 on Wednesday.
    assert [(d.day, len(d.intervals)) for d in short.value.short_days] == [(WED, 9)]
    assert f"{short.value.short_days[0].intervals[0].start:%H:%M}" == "02:30"


def test_leave_that_leaves_enough_people_is_approved_at_once(ask, leave, publish):
    publish(
        [(leave["aisyah"], MON, leave["early"]), (leave["wei"], MON, leave["early"])]
    )
    request = ask(last_day=MON)

    assert leave_request_approve(request=request, by=leave["lead"]).status == (
        "approved"
    )


def test_cancelling_approved_leave_gives_the_days_back(asked):
    leave_request_approve(request=asked["request"], by=asked["lead"])

    request = leave_request_cancel(request=asked["request"], by=asked["aisyah_user"])

    assert (request.status, request.cancelled_by) == ("cancelled", asked["aisyah_user"])
    assert counters(asked["aisyah_annual"]) == (Decimal("0"), Decimal("0"))


def test_cancelling_pending_leave_frees_the_days(asked):
    leave_request_cancel(request=asked["request"], by=asked["aisyah_user"])

    assert counters(asked["aisyah_annual"]) == (Decimal("0"), Decimal("0"))


def test_leave_that_has_started_cannot_be_cancelled(asked, frozen_time):
    leave_request_approve(request=asked["request"], by=asked["lead"])
    frozen_time("2026-03-09 00:00")

    with pytest.raises(ValidationError, match="has started"):
        leave_request_cancel(request=asked["request"], by=asked["aisyah_user"])
    assert counters(asked["aisyah_annual"]) == (Decimal("5"), Decimal("0"))


def test_leave_is_cancelled_up_to_the_day_before(asked, frozen_time):
    frozen_time("2026-03-08 23:59")

    assert (
        leave_request_cancel(request=asked["request"], by=asked["aisyah_user"]).status
        == "cancelled"
    )


def test_a_colleague_cannot_cancel_someones_leave(asked):
    with pytest.raises(PermissionDenied):
        leave_request_cancel(request=asked["request"], by=asked["wei_user"])


def test_cancelled_leave_is_not_cancelled_twice(asked):
    leave_request_cancel(request=asked["request"], by=asked["aisyah_user"])

    with pytest.raises(ValidationError, match="is cancelled"):
        leave_request_cancel(request=asked["request"], by=asked["lead"])
    assert counters(asked["aisyah_annual"]) == (Decimal("0"), Decimal("0"))
