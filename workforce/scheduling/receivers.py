"""Shift planning's answers to the people app's signals.

A resignation ends the person's plan after their last working day. Its
withdrawal restores nothing: the shifts cancelled in the meantime may have
been given to others, so the leads are told to plan the person again.
"""

import datetime

from django.db import transaction

from workforce.people.models import Staff
from workforce.people.signals import resignation_withdrawn, staff_resigned

from . import notifications
from .models import ShiftChange
from .services import shifts_end_after

RESIGNED = "Resigned"


def end_shifts_of_leaver(sender, staff, resignation, **kwargs):
    shifts_end_after(
        staff=staff,
        last_day=resignation.last_working_day,
        by=resignation.recorded_by,
        reason=RESIGNED,
    )


def tell_leads_nothing_is_restored(sender, staff, resignation, **kwargs):
    after = resignation.last_working_day
    changes = list(
        ShiftChange.objects.filter(
            shift__staff=staff,
            shift__day__gt=after,
            action=ShiftChange.Action.CANCELLED,
            reason=RESIGNED,
            changed_at__gte=resignation.recorded_at,
        ).select_related("shift__team")
    )
    if not changes:
        return
    teams = {change.shift.team_id for change in changes}
    transaction.on_commit(lambda: _send_not_restored(staff, after, len(changes), teams))


def _send_not_restored(staff, after: datetime.date, count: int, teams) -> None:
    leads = list(
        Staff.objects.filter(led_teams__in=teams).select_related("user").distinct()
    )
    notifications.send(
        f"{staff.full_name} stays: plan their shifts after {after:%d %b %Y} again",
        f"{staff.full_name}'s resignation was withdrawn. The {count} shift(s) "
        f"after {after:%d %b %Y} cancelled when it was recorded are not "
        "restored (others may be working them now): plan them again in the "
        "team's plan.\n",
        [staff, *leads],
    )


def connect():
    staff_resigned.connect(
        end_shifts_of_leaver, sender=Staff, dispatch_uid="scheduling_end_shifts"
    )
    resignation_withdrawn.connect(
        tell_leads_nothing_is_restored,
        sender=Staff,
        dispatch_uid="scheduling_resignation_withdrawn",
    )
