"""A resignation ends the person's plan after the last working day; its
withdrawal restores nothing and tells the person and the leads so."""

import datetime

import pytest
from django.core import mail
from schedule.models import Event

from workforce.people.services import resignation_record, resignation_withdraw
from workforce.scheduling.models import Shift, ShiftChange, ShiftSwap
from workforce.scheduling.services import shift_set
from workforce.scheduling.swaps import swap_offer, swap_take

D = datetime.date
MON, TUE, WED, THU = D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 4), D(2026, 3, 5)


@pytest.fixture
def planned(floor, publish):
    """Aisyah works Monday to Thursday (published) and has a draft for the
    Monday after; her Wednesday is offered to the team and taken by Wei."""
    shifts = publish(
        [(floor["aisyah"], day, floor["early"]) for day in (MON, TUE, WED, THU)]
    )
    draft = shift_set(
        team=floor["team"],
        staff=floor["aisyah"],
        day=D(2026, 3, 9),
        shift_type=floor["early"],
        by=floor["lead"],
    )
    swap = swap_offer(shift=shifts[2], by=floor["aisyah_user"])
    swap_take(swap=swap, by=floor["wei_user"])
    return {**floor, "shifts": shifts, "draft": draft, "swap": swap}


def resign(planned, last_day=TUE):
    return resignation_record(
        staff=planned["aisyah"],
        notice_given_on=D(2026, 2, 27),
        last_working_day=last_day,
        reason="Moving to Penang",
        by=planned["manager"],
    )


def test_shifts_after_the_last_working_day_are_cancelled_and_logged(planned):
    monday, tuesday, wednesday, thursday = planned["shifts"]
    events = [wednesday.event_id, thursday.event_id]

    resign(planned)

    statuses = dict(
        Shift.objects.filter(staff=planned["aisyah"]).values_list("day", "status")
    )
    assert statuses == {
        MON: "published",
        TUE: "published",
        WED: "cancelled",
        THU: "cancelled",
    }
    cancelled = Shift.objects.filter(pk__in=[wednesday.pk, thursday.pk])
    assert {s.sequence for s in cancelled} == {1}
    assert {s.event_id for s in cancelled} == {None}
    assert not Event.objects.filter(pk__in=events).exists()
    changes = ShiftChange.objects.filter(shift__staff=planned["aisyah"])
    assert sorted(changes.values_list("before", "action", "reason", "changed_by")) == [
        (
            "Thu 05 Mar Early 07:00–16:00",
            "cancelled",
            "Resigned",
            planned["manager"].pk,
        ),
        (
            "Wed 04 Mar Early 07:00–16:00",
            "cancelled",
            "Resigned",
            planned["manager"].pk,
        ),
    ]


def test_drafts_after_the_last_working_day_are_deleted(planned):
    resign(planned)
    assert not Shift.objects.filter(pk=planned["draft"].pk).exists()


def test_open_swaps_of_cancelled_shifts_are_closed(planned):
    resign(planned)
    swap = ShiftSwap.objects.get(pk=planned["swap"].pk)
    assert (swap.status, swap.decision_comment) == ("withdrawn", "Closed: Resigned.")


def test_the_person_and_the_lead_are_emailed_the_cancelled_shifts(
    planned, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        resign(planned)
    [message] = [m for m in mail.outbox if "cancelled" in m.subject]
    assert message.to == ["aisyah@example.com", "lead@example.com"]
    assert message.subject == (
        "Shifts of Nur Aisyah binti Ahmad after 03 Mar 2026 cancelled"
    )
    assert "Wed 04 Mar Early 07:00–16:00\nThu 05 Mar Early 07:00–16:00" in (
        message.body
    )


def test_a_last_day_after_every_shift_changes_nothing(planned):
    resign(planned, last_day=D(2026, 3, 31))
    assert not Shift.objects.filter(status="cancelled").exists()
    assert not ShiftChange.objects.exists()
    assert Shift.objects.filter(pk=planned["draft"].pk).exists()


def test_withdrawing_restores_nothing_and_says_so(
    planned, django_capture_on_commit_callbacks
):
    resignation = resign(planned)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        resignation_withdraw(
            resignation=resignation, on=D(2026, 3, 1), by=planned["manager"]
        )
    assert Shift.objects.filter(status="cancelled").count() == 2
    [message] = mail.outbox
    assert message.to == ["aisyah@example.com", "lead@example.com"]
    assert message.subject == (
        "Nur Aisyah binti Ahmad stays: plan their shifts after 03 Mar 2026 again"
    )
    assert "The 2 shift(s) after 03 Mar 2026 cancelled when it was recorded" in (
        message.body
    )
    # She may be planned again on those days.
    shift_set(
        team=planned["team"],
        staff=planned["aisyah"],
        day=WED,
        shift_type=planned["early"],
        by=planned["lead"],
        reason="Stays after all",
    )
    assert Shift.objects.get(day=WED, status="published").staff == planned["aisyah"]


def test_withdrawing_a_resignation_that_cancelled_nothing_sends_nothing(
    planned, django_capture_on_commit_callbacks
):
    resignation = resign(planned, last_day=D(2026, 3, 31))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        resignation_withdraw(
            resignation=resignation, on=D(2026, 3, 1), by=planned["manager"]
        )
    assert mail.outbox == []
