"""Asking for leave: what it costs, what is refused, and who may ask."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.leave.factories import (
    AllocationFactory,
    BlackoutFactory,
    PublicHolidayFactory,
)
from workforce.leave.models import Allocation, LeaveCharge, LeaveRequest
from workforce.leave.services import leave_request_check

D = datetime.date
MON, TUE, WED, THU, FRI = (D(2026, 3, day) for day in (9, 10, 11, 12, 13))
SUN = D(2026, 3, 15)


def counters(allocation):
    allocation.refresh_from_db()
    return allocation.taken, allocation.pending


def test_a_week_with_no_plan_costs_monday_to_friday_and_is_held_as_pending(ask, leave):
    request = ask(last_day=SUN, reason="Family visit")

    assert request.status == "pending"
    assert request.days == Decimal("5")
    assert counters(leave["aisyah_annual"]) == (Decimal("0"), Decimal("5"))
    assert request.requested_by == leave["aisyah_user"]


def test_each_day_is_kept_with_what_it_costs(ask, leave):
    PublicHolidayFactory(date=WED, name="Agency day")

    request = ask(first_day_part="afternoon", last_day=SUN)

    assert list(request.costed_days.values_list("day", "days")) == [
        (MON, Decimal("0.5")),
        (TUE, Decimal("1")),
        (THU, Decimal("1")),
        (FRI, Decimal("1")),
    ]


def test_on_planned_days_only_the_persons_shifts_cost(ask, leave, publish):
    # The team's plan covers Mon–Fri; Aisyah works Mon–Thu, Wei the Friday.
    publish(
        [(leave["aisyah"], day, leave["early"]) for day in (MON, TUE, WED, THU)]
        + [(leave["wei"], FRI, leave["early"])]
    )

    request = ask(last_day=SUN)

    assert request.days == Decimal("4")


def test_a_public_holiday_inside_the_leave_costs_nothing(ask, leave):
    PublicHolidayFactory(date=WED, name="Agency day")

    assert ask().days == Decimal("4")


def test_a_half_day_on_a_night_shift_costs_half_on_the_evening_it_starts(
    ask, leave, publish
):
    publish([(leave["aisyah"], TUE, leave["night"])])

    request = ask(
        first_day=TUE,
        last_day=TUE,
        first_day_part="afternoon",
        last_day_part="afternoon",
    )

    assert request.days == Decimal("0.5")
    assert counters(leave["aisyah_annual"]) == (Decimal("0"), Decimal("0.5"))


def test_days_with_no_work_are_not_asked_for(ask, leave, publish):
    publish([(leave["wei"], MON, leave["early"])])  # the plan: Aisyah off Monday

    with pytest.raises(ValidationError, match="No working day"):
        ask(last_day=MON)


def test_overlapping_pending_or_approved_leave_is_refused(ask, leave):
    ask(first_day=WED, last_day=WED)

    with pytest.raises(ValidationError, match="Overlaps pending annual leave"):
        ask()
    assert LeaveRequest.objects.count() == 1


def test_a_morning_and_an_afternoon_of_one_day_can_both_be_asked(ask, leave):
    ask(last_day=MON, first_day_part="morning", last_day_part="morning")

    other = ask(last_day=MON, first_day_part="afternoon", last_day_part="afternoon")

    assert other.days == Decimal("0.5")
    assert counters(leave["aisyah_annual"]) == (Decimal("0"), Decimal("1"))


def test_cancelled_or_rejected_leave_does_not_block_the_days(ask, leave):
    ask().delete()  # a request row in any closed state is the same
    LeaveRequest.objects.create(
        staff=leave["aisyah"],
        leave_type=leave["annual"],
        first_day=MON,
        last_day=FRI,
        status="rejected",
    )

    assert ask().status == "pending"


def test_leave_inside_the_notice_period_is_refused(ask, leave):
    # Friday 27 February; annual leave is asked 7 days ahead: 6 March at the
    # earliest.
    with pytest.raises(ValidationError, match="at least 7 day"):
        ask(first_day=D(2026, 3, 5), last_day=D(2026, 3, 5))

    assert ask(first_day=D(2026, 3, 6), last_day=D(2026, 3, 6)).days == 1


def test_a_manager_may_allow_leave_inside_the_notice_period_with_a_reason(ask, leave):
    request = ask(
        first_day=D(2026, 3, 2),
        last_day=D(2026, 3, 2),
        by=leave["manager"],
        override_reason="Bereavement in the family",
    )

    assert request.override_reason == "Bereavement in the family"


def test_only_a_manager_may_override(ask, leave):
    with pytest.raises(ValidationError, match="Only a manager"):
        ask(
            first_day=D(2026, 3, 2),
            last_day=D(2026, 3, 2),
            by=leave["lead"],
            override_reason="Urgent",
        )


def test_leave_over_a_team_blackout_is_refused_unless_a_manager_overrides(ask, leave):
    BlackoutFactory(
        team=leave["team"], first_day=THU, last_day=D(2026, 3, 31), reason="Month end"
    )

    with pytest.raises(ValidationError, match="Desk early has a blackout"):
        ask()
    request = ask(by=leave["manager"], override_reason="Wedding booked in 2025")

    assert request.override_reason == "Wedding booked in 2025"


def test_another_teams_blackout_does_not_matter(ask, leave):
    BlackoutFactory(team=leave["other"], first_day=MON, last_day=FRI)

    assert ask().status == "pending"


def test_a_type_that_needs_a_document_refuses_a_request_without_one(ask, leave):
    with pytest.raises(ValidationError) as refused:
        ask(leave_type=leave["sick"])

    assert "certificate" in refused.value.message_dict


def test_the_document_is_kept_with_the_request(ask, leave):
    certificate = SimpleUploadedFile("mc.pdf", b"%PDF-1.4 medical certificate")

    request = ask(leave_type=leave["sick"], certificate=certificate)

    with request.certificate.open("rb") as stored:
        assert stored.read() == b"%PDF-1.4 medical certificate"
    assert counters(leave["aisyah_sick"]) == (Decimal("0"), Decimal("5"))


def test_a_document_that_is_not_a_pdf_or_picture_is_refused(ask, leave):
    with pytest.raises(ValidationError, match="PDF, JPEG or PNG"):
        ask(
            leave_type=leave["sick"],
            certificate=SimpleUploadedFile("mc.exe", b"MZ"),
        )


def test_leave_beyond_the_balance_is_refused(ask, leave):
    Allocation.objects.filter(pk=leave["aisyah_annual"].pk).update(granted=3)

    with pytest.raises(ValidationError, match="5 day.* asked, 3 available"):
        ask()
    assert counters(leave["aisyah_annual"]) == (Decimal("0"), Decimal("0"))
    assert not LeaveRequest.objects.exists()


def test_leave_without_a_balance_needs_no_allocation(ask, leave):
    request = ask(leave_type=leave["unpaid"])

    assert request.days == Decimal("5")
    assert not LeaveCharge.objects.exists()


def test_leave_across_a_year_end_charges_each_year_its_days(ask, leave, frozen_time):
    frozen_time("2026-12-01 09:00")
    PublicHolidayFactory(date=D(2027, 1, 1), name="New Year's Day")
    next_year = AllocationFactory(
        staff=leave["aisyah"],
        leave_type=leave["annual"],
        year=2027,
        granted=Decimal("14"),
        carried_over=Decimal("2"),
        carry_over_expires=D(2027, 3, 31),
    )

    # Mon 28 Dec – Tue 5 Jan: 4 days of 2026, 2 of 2027 (1 Jan a holiday).
    request = ask(first_day=D(2026, 12, 28), last_day=D(2027, 1, 5))

    assert request.days == Decimal("6")
    assert counters(leave["aisyah_annual"]) == (Decimal("0"), Decimal("4"))
    assert counters(next_year) == (Decimal("0"), Decimal("2"))
    assert sorted(
        request.charges.values_list("allocation__year", "days", "days_by_expiry")
    ) == [(2026, Decimal("4"), Decimal("4")), (2027, Decimal("2"), Decimal("2"))]


def test_leave_into_a_year_with_no_allocation_is_refused(ask, leave, frozen_time):
    frozen_time("2026-12-01 09:00")

    with pytest.raises(ValidationError, match="no annual leave allocation for 2027"):
        ask(first_day=D(2026, 12, 28), last_day=D(2027, 1, 5))
    assert counters(leave["aisyah_annual"]) == (Decimal("0"), Decimal("0"))


def test_carried_over_days_do_not_pay_for_leave_after_their_expiry(
    ask, leave, frozen_time
):
    frozen_time("2027-02-01 09:00")
    AllocationFactory(
        staff=leave["aisyah"],
        leave_type=leave["annual"],
        year=2027,
        granted=Decimal("3"),
        carried_over=Decimal("5"),
        carry_over_expires=D(2027, 3, 31),
    )

    # Mon 5 – Fri 9 April 2027: five days, after the expiry; 3 granted.
    with pytest.raises(ValidationError, match="5 day.* asked, 3 available"):
        ask(first_day=D(2027, 4, 5), last_day=D(2027, 4, 9))
    # The same five days in March are paid by the carry-over.
    assert ask(first_day=D(2027, 3, 8), last_day=D(2027, 3, 12)).days == 5


def test_a_person_who_moves_team_mid_request_costs_each_teams_plan(
    ask, leave, publish, moved
):
    # Aisyah moves to Desk late from Thursday; Desk early planned her Mon and
    # Tue (Wei works Wed), Desk late plans her Friday off (Dewi works it).
    publish(
        [(leave["aisyah"], MON, leave["early"]), (leave["aisyah"], TUE, leave["early"])]
        + [(leave["wei"], WED, leave["early"])]
    )
    publish(
        [(leave["dewi"], FRI, leave["late"])],
        team=leave["other"],
        by=leave["other_lead"],
    )

    request = ask(last_day=SUN)

    # Mon, Tue (her shifts), Thu (no plan in Desk late: a weekday).
    assert request.days == Decimal("3")


def test_a_colleague_cannot_ask_for_someone_else(ask, leave):
    with pytest.raises(PermissionDenied):
        ask(by=leave["wei_user"])


def test_a_lead_may_ask_for_someone_in_their_team(ask, leave):
    assert ask(by=leave["lead"]).requested_by == leave["lead"]


def test_another_teams_lead_cannot_ask_for_someone(ask, leave):
    with pytest.raises(PermissionDenied):
        ask(by=leave["other_lead"])


def test_the_leads_are_e_mailed_once_committed(
    ask, leave, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ask(reason="Family visit")

    assert [(m.subject, m.to) for m in mail.outbox] == [
        (
            "Leave to approve: Nur Aisyah binti Ahmad, 09 Mar – 13 Mar 2026",
            ["lead@example.com"],
        )
    ]
    assert "Reason: Family visit" in mail.outbox[0].body


# --- the check before sending (the form's preview) --------------------------


def test_the_check_says_what_the_request_would_cost_and_writes_nothing(ask, leave):
    PublicHolidayFactory(date=WED, name="Agency day")

    costs = leave_request_check(
        staff=leave["aisyah"],
        leave_type=leave["annual"],
        first_day=MON,
        last_day=FRI,
        first_day_part="afternoon",
        by=leave["aisyah_user"],
    )

    assert costs == {
        MON: Decimal("0.5"),
        TUE: Decimal("1"),
        THU: Decimal("1"),
        FRI: Decimal("1"),
    }
    assert not LeaveRequest.objects.exists()
    assert counters(leave["aisyah_annual"]) == (Decimal("0"), Decimal("0"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"first_day": D(2026, 3, 5), "last_day": D(2026, 3, 5)}, "at least 7 day"),
        ({"granted": 3}, "5 day.* asked, 3 available"),
        ({"overlap": True}, "Overlaps pending annual leave"),
        ({"blackout": True}, "Desk early has a blackout"),
    ],
)
def test_the_check_refuses_what_sending_would(ask, leave, change, message):
    if "granted" in change:
        Allocation.objects.filter(pk=leave["aisyah_annual"].pk).update(granted=3)
    if "overlap" in change:
        ask(first_day=WED, last_day=WED)
    if "blackout" in change:
        BlackoutFactory(team=leave["team"], first_day=THU, last_day=FRI)
    days = {k: v for k, v in change.items() if k in ("first_day", "last_day")}

    with pytest.raises(ValidationError, match=message):
        leave_request_check(
            staff=leave["aisyah"],
            leave_type=leave["annual"],
            first_day=days.get("first_day", MON),
            last_day=days.get("last_day", FRI),
            by=leave["aisyah_user"],
        )


def test_the_check_does_not_ask_for_the_document(leave):
    costs = leave_request_check(
        staff=leave["aisyah"],
        leave_type=leave["sick"],
        first_day=MON,
        last_day=MON,
        by=leave["aisyah_user"],
    )

    assert costs == {MON: Decimal("1")}
