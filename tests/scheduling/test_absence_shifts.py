"""The plan makes way for an absence decided elsewhere, and takes the shifts
back when it is called off."""

import datetime

from django.core import mail

from workforce.scheduling.models import Shift, ShiftChange
from workforce.scheduling.services import (
    shifts_cancel_for_absence,
    shifts_reinstate_after_absence,
)

D = datetime.date
MON, TUE, WED = D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 4)


def test_the_shifts_on_the_days_are_cancelled_logged_and_the_person_told(
    floor, publish, django_capture_on_commit_callbacks
):
    publish([(floor["aisyah"], day, floor["early"]) for day in (MON, TUE, WED)])

    with django_capture_on_commit_callbacks(execute=True):
        cancelled = shifts_cancel_for_absence(
            staff=floor["aisyah"], days=[MON, WED], by=floor["lead"], reason="Sick"
        )

    assert sorted(s.day for s in cancelled) == [MON, WED]
    assert dict(
        Shift.objects.filter(staff=floor["aisyah"]).values_list("day", "status")
    ) == {MON: "cancelled", TUE: "published", WED: "cancelled"}
    assert ShiftChange.objects.filter(reason="Sick", action="cancelled").count() == 2
    assert [(m.subject, m.to) for m in mail.outbox] == [
        ("2 of your shifts cancelled: sick", ["aisyah@example.com"])
    ]
    assert "Mon 02 Mar Early 07:00–16:00" in mail.outbox[0].body


def test_a_shift_that_has_started_is_not_published_again(
    floor, publish, frozen_time, django_capture_on_commit_callbacks
):
    publish([(floor["aisyah"], day, floor["early"]) for day in (MON, TUE)])
    cancelled = shifts_cancel_for_absence(
        staff=floor["aisyah"], days=[MON, TUE], by=floor["lead"], reason="Sick"
    )
    frozen_time("2026-03-02 08:00")  # Monday's shift began at 07:00

    with django_capture_on_commit_callbacks(execute=True):
        reinstated, left = shifts_reinstate_after_absence(
            shifts=cancelled, by=floor["lead"], reason="Back early"
        )

    assert ([s.day for s in reinstated], [s.day for s in left]) == ([TUE], [MON])
    tuesday = Shift.objects.get(staff=floor["aisyah"], day=TUE)
    assert (tuesday.status, tuesday.event is not None) == ("published", True)
    assert tuesday.changes.first().action == "added"
    body = mail.outbox[-1].body
    assert "Published again:\nTue 03 Mar Early 07:00–16:00" in body
    assert "Left cancelled" in body and "Mon 02 Mar Early" in body
    assert sorted(mail.outbox[-1].to) == ["aisyah@example.com", "lead@example.com"]
