"""Shift swaps through their services: offering, taking, withdrawing,
approving and declining; the rules checked on the result; the shifts changing
hands with their events, sequence and log; the e-mails at each step."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from workforce.people.models import TeamMembership
from workforce.scheduling.models import Shift, ShiftChange, ShiftSwap
from workforce.scheduling.services import RulesBroken, shift_set
from workforce.scheduling.swaps import (
    swap_approve,
    swap_decline,
    swap_offer,
    swap_take,
    swap_withdraw,
)

D = datetime.date
SUN, MON, TUE = D(2026, 3, 1), D(2026, 3, 2), D(2026, 3, 3)


@pytest.fixture
def monday(floor, publish):
    """Aisyah works Monday's early; Wei Tuesday's late."""
    aisyah_early, wei_late = publish(
        [(floor["aisyah"], MON, floor["early"]), (floor["wei"], TUE, floor["late"])]
    )
    return {**floor, "aisyah_early": aisyah_early, "wei_late": wei_late}


def offered_and_taken(f):
    swap = swap_offer(shift=f["aisyah_early"], by=f["aisyah_user"])
    return swap_take(swap=swap, by=f["wei_user"])


def test_an_offer_taken_and_approved_moves_the_shift_and_logs_it(monday):
    shift = monday["aisyah_early"]
    swap = swap_offer(shift=shift, by=monday["aisyah_user"], note="Clinic visit")
    assert (swap.status, swap.offered_by, swap.note) == (
        ShiftSwap.Status.OFFERED,
        monday["aisyah"],
        "Clinic visit",
    )
    swap = swap_take(swap=swap, by=monday["wei_user"])
    assert (swap.status, swap.taken_by) == (ShiftSwap.Status.TAKEN, monday["wei"])
    # Nothing changes hands before the lead approves.
    shift.refresh_from_db()
    assert shift.staff == monday["aisyah"]

    swap_approve(swap=swap, by=monday["lead"], comment="Fine by me")

    shift.refresh_from_db()
    assert shift.staff == monday["wei"]
    assert shift.sequence == 1
    assert shift.status == Shift.Status.PUBLISHED
    assert shift.event.title == "Early shift: Wei Ming Tan"
    change = ShiftChange.objects.get(shift=shift)
    assert change.action == ShiftChange.Action.SWAPPED
    assert change.before == "Mon 02 Mar Early 07:00–16:00 (Nur Aisyah binti Ahmad)"
    assert change.after == "Mon 02 Mar Early 07:00–16:00 (Wei Ming Tan)"
    assert change.reason == "Swap approved: Fine by me"
    assert change.changed_by == monday["lead"]
    swap.refresh_from_db()
    assert swap.status == ShiftSwap.Status.APPROVED
    assert (swap.decided_by, swap.decision_comment) == (monday["lead"], "Fine by me")


def test_a_direct_swap_trades_the_two_shifts_once_the_colleague_accepts(monday):
    mine, theirs = monday["aisyah_early"], monday["wei_late"]
    swap = swap_offer(shift=mine, by=monday["aisyah_user"], in_return=theirs)
    # Only the named colleague may accept it.
    with pytest.raises(PermissionDenied):
        swap_take(swap=swap, by=monday["kelvin_user"])
    swap = swap_take(swap=swap, by=monday["wei_user"])
    assert swap.taken_by == monday["wei"]

    swap_approve(swap=swap, by=monday["manager"])

    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.staff, theirs.staff) == (monday["wei"], monday["aisyah"])
    assert (mine.sequence, theirs.sequence) == (1, 1)
    assert theirs.event.title == "Late shift: Nur Aisyah binti Ahmad"
    assert sorted(
        ShiftChange.objects.filter(action="swapped").values_list("after", flat=True)
    ) == [
        "Mon 02 Mar Early 07:00–16:00 (Wei Ming Tan)",
        "Tue 03 Mar Late 13:00–22:00 (Nur Aisyah binti Ahmad)",
    ]


def test_a_collector_cannot_offer_someone_elses_shift(monday):
    with pytest.raises(PermissionDenied):
        swap_offer(shift=monday["aisyah_early"], by=monday["wei_user"])
    assert not ShiftSwap.objects.exists()


def test_a_sign_in_without_a_staff_record_cannot_offer(monday):
    with pytest.raises(PermissionDenied):
        swap_offer(shift=monday["aisyah_early"], by=monday["manager"])


def test_a_shift_already_offered_or_already_started_cannot_be_offered(
    monday, frozen_time
):
    swap_offer(shift=monday["aisyah_early"], by=monday["aisyah_user"])
    with pytest.raises(ValidationError, match="already offered"):
        swap_offer(shift=monday["aisyah_early"], by=monday["aisyah_user"])
    frozen_time("2026-03-03 13:00")  # Wei's late starts now
    with pytest.raises(ValidationError, match="already started"):
        swap_offer(shift=monday["wei_late"], by=monday["wei_user"])


def test_a_direct_swap_needs_a_colleagues_shift_of_the_same_team(monday, publish):
    (dewi_late,) = publish(
        [(monday["dewi"], TUE, monday["late"])],
        team=monday["other"],
        by=monday["other_lead"],
    )
    with pytest.raises(ValidationError, match="same team"):
        swap_offer(
            shift=monday["aisyah_early"], by=monday["aisyah_user"], in_return=dewi_late
        )
    (own_late,) = publish([(monday["aisyah"], D(2026, 3, 4), monday["late"])])
    with pytest.raises(ValidationError, match="not one of yours"):
        swap_offer(
            shift=monday["aisyah_early"], by=monday["aisyah_user"], in_return=own_late
        )


def test_only_a_member_of_the_team_that_day_may_take_an_offer(monday):
    swap = swap_offer(shift=monday["aisyah_early"], by=monday["aisyah_user"])
    with pytest.raises(PermissionDenied):
        swap_take(swap=swap, by=monday["dewi_user"])  # Desk late
    with pytest.raises(ValidationError, match="your own offer"):
        swap_take(swap=swap, by=monday["aisyah_user"])
    swap_take(swap=swap, by=monday["kelvin_user"])
    with pytest.raises(ValidationError, match="awaiting approval"):
        swap_take(swap=swap, by=monday["wei_user"])


def test_taking_is_refused_when_the_taker_would_work_two_shifts_at_once(
    monday, publish
):
    # Wei already works Monday's late, 13:00-22:00: the early overlaps it.
    publish([(monday["wei"], MON, monday["late"])])
    swap = swap_offer(shift=monday["aisyah_early"], by=monday["aisyah_user"])
    with pytest.raises(ValidationError) as refused:
        swap_take(swap=swap, by=monday["wei_user"])
    assert refused.value.messages == [
        "It cannot be taken. Wei Ming Tan: overlaps the shift of Mon 02 Mar "
        "(13:00–22:00)."
    ]
    swap.refresh_from_db()
    assert (swap.status, swap.taken_by) == (ShiftSwap.Status.OFFERED, None)


def test_approval_is_refused_when_the_result_would_overlap(monday):
    swap = offered_and_taken(monday)
    # Since Wei took it, the lead gave him Monday's late.
    shift_set(
        team=monday["team"],
        staff=monday["wei"],
        day=MON,
        shift_type=monday["late"],
        by=monday["lead"],
        reason="Cover",
    )
    with pytest.raises(RulesBroken) as broken:
        swap_approve(swap=swap, by=monday["lead"], override_reason="Needed")
    assert [f.message for f in broken.value.refused] == [
        "overlaps the shift of Mon 02 Mar (13:00–22:00)"
    ]
    monday["aisyah_early"].refresh_from_db()
    assert monday["aisyah_early"].staff == monday["aisyah"]
    swap.refresh_from_db()
    assert swap.status == ShiftSwap.Status.TAKEN
    assert not ShiftChange.objects.filter(action="swapped").exists()


def test_approval_that_breaks_the_rest_needs_a_reason_that_is_kept(monday, publish):
    # Wei's Sunday late ends at 22:00: Monday's early at 07:00 leaves 9 h.
    publish([(monday["wei"], SUN, monday["late"])])
    swap = offered_and_taken(monday)  # warnings do not stop taking
    with pytest.raises(RulesBroken) as broken:
        swap_approve(swap=swap, by=monday["lead"])
    assert not broken.value.refused
    assert [f.rule for f in broken.value.warnings] == ["rest"]
    assert "9 h 00 of rest" in broken.value.warnings[0].message
    assert ShiftSwap.objects.get().status == ShiftSwap.Status.TAKEN

    swap_approve(swap=swap, by=monday["lead"], override_reason="He asked for it")

    shift = Shift.objects.get(pk=monday["aisyah_early"].pk)
    assert shift.staff == monday["wei"]
    assert shift.override_reason == "He asked for it"


def test_only_a_lead_of_the_team_or_a_manager_decides(monday, user_with_role):
    swap = offered_and_taken(monday)
    for outsider in (monday["other_lead"], monday["kelvin_user"]):
        with pytest.raises(PermissionDenied):
            swap_approve(swap=swap, by=outsider)
        with pytest.raises(PermissionDenied):
            swap_decline(swap=swap, by=outsider, comment="No")
    assert ShiftSwap.objects.get().status == ShiftSwap.Status.TAKEN
    swap_approve(swap=swap, by=monday["manager"])
    assert ShiftSwap.objects.get().status == ShiftSwap.Status.APPROVED


def test_a_lead_does_not_decide_a_swap_they_are_part_of(monday, publish):
    lead_staff = monday["team"].leads.get()
    TeamMembership.objects.create(
        staff=lead_staff, team=monday["team"], valid_from=lead_staff.hired_on
    )
    (lead_early,) = publish([(lead_staff, TUE, monday["early"])])
    swap = swap_offer(shift=lead_early, by=monday["lead"])
    swap_take(swap=swap, by=monday["kelvin_user"])
    with pytest.raises(PermissionDenied):
        swap_approve(swap=swap, by=monday["lead"])
    swap_approve(swap=swap, by=monday["manager"])


def test_a_declined_swap_says_why_and_leaves_the_shift(monday):
    swap = offered_and_taken(monday)
    with pytest.raises(ValidationError):
        swap_decline(swap=swap, by=monday["lead"], comment="  ")
    swap_decline(swap=swap, by=monday["lead"], comment="Wei is training Kelvin")
    swap.refresh_from_db()
    assert (swap.status, swap.decision_comment, swap.decided_by) == (
        ShiftSwap.Status.DECLINED,
        "Wei is training Kelvin",
        monday["lead"],
    )
    monday["aisyah_early"].refresh_from_db()
    assert monday["aisyah_early"].staff == monday["aisyah"]
    with pytest.raises(ValidationError, match="this one is declined"):
        swap_approve(swap=swap, by=monday["lead"])
    # The shift may be offered again; the declined swap stays on record.
    swap_offer(shift=monday["aisyah_early"], by=monday["aisyah_user"])
    assert ShiftSwap.objects.count() == 2


def test_an_offer_not_yet_taken_cannot_be_approved(monday):
    swap = swap_offer(shift=monday["aisyah_early"], by=monday["aisyah_user"])
    with pytest.raises(ValidationError, match="Only a swap someone has taken"):
        swap_approve(swap=swap, by=monday["lead"])


@pytest.mark.parametrize("who", ["aisyah_user", "wei_user"])
def test_the_offerer_or_the_taker_withdraws(monday, who):
    swap = offered_and_taken(monday)
    swap_withdraw(swap=swap, by=monday[who])
    swap.refresh_from_db()
    assert (swap.status, swap.decided_by) == (ShiftSwap.Status.WITHDRAWN, monday[who])
    with pytest.raises(ValidationError, match="withdrawn already"):
        swap_withdraw(swap=swap, by=monday[who])


def test_the_colleague_asked_for_a_direct_swap_may_say_no(monday):
    swap = swap_offer(
        shift=monday["aisyah_early"],
        by=monday["aisyah_user"],
        in_return=monday["wei_late"],
    )
    with pytest.raises(PermissionDenied):
        swap_withdraw(swap=swap, by=monday["kelvin_user"])
    swap_withdraw(swap=swap, by=monday["wei_user"])
    assert ShiftSwap.objects.get().status == ShiftSwap.Status.WITHDRAWN


def test_approving_closes_other_open_swaps_of_the_shifts_that_moved(monday):
    # Wei offers his Tuesday late to the team and is also asked to trade it.
    to_team = swap_offer(shift=monday["wei_late"], by=monday["wei_user"])
    direct = swap_offer(
        shift=monday["aisyah_early"],
        by=monday["aisyah_user"],
        in_return=monday["wei_late"],
    )
    swap_take(swap=direct, by=monday["wei_user"])
    swap_approve(swap=direct, by=monday["lead"])
    to_team.refresh_from_db()
    assert to_team.status == ShiftSwap.Status.WITHDRAWN
    assert to_team.decision_comment == (
        "Closed: the shift changed hands in another swap."
    )


def test_a_shift_changed_after_it_was_taken_is_not_swapped(monday):
    swap = offered_and_taken(monday)
    shift_set(
        team=monday["team"],
        staff=monday["aisyah"],
        day=MON,
        shift_type=None,
        by=monday["lead"],
        reason="Not needed",
    )
    with pytest.raises(ValidationError, match="no longer published"):
        swap_approve(swap=swap, by=monday["lead"])


def test_both_people_and_the_lead_are_emailed_at_each_step(
    monday, django_capture_on_commit_callbacks
):
    everyone = ["aisyah@example.com", "lead@example.com", "wei@example.com"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        swap = swap_offer(shift=monday["aisyah_early"], by=monday["aisyah_user"])
    assert [m.to for m in mail.outbox] == [["aisyah@example.com", "lead@example.com"]]
    assert mail.outbox[0].subject == (
        "Shift offered to the team: Mon 02 Mar Early 07:00–16:00"
    )

    for step, subject in (
        (lambda: swap_take(swap=swap, by=monday["wei_user"]), "awaiting approval"),
        (lambda: swap_approve(swap=swap, by=monday["lead"]), "approved"),
    ):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            step()
        assert [m.to for m in mail.outbox] == [everyone]
        assert subject in mail.outbox[0].subject
    assert "Wei Ming Tan now works Mon 02 Mar Early 07:00–16:00." in (
        mail.outbox[0].body
    )


def test_a_declined_swap_is_emailed_with_the_reason(
    monday, django_capture_on_commit_callbacks
):
    swap = offered_and_taken(monday)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        swap_decline(swap=swap, by=monday["lead"], comment="Training day")
    assert [m.to for m in mail.outbox] == [
        ["aisyah@example.com", "lead@example.com", "wei@example.com"]
    ]
    assert "The swap was declined: Training day" in mail.outbox[0].body
