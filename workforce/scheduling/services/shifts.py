"""Changing single shifts: one cell of the plan (logged and notified once
published), and ending a person's plan after their last working day."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from workforce.people.models import Staff, Team

from .. import notifications
from ..models import Shift, ShiftChange, ShiftType
from ..rules import check_shifts
from ..selectors import published_days
from .common import (
    cancel_published,
    describe_shift,
    event_for,
    locked_team,
    require_planner,
    shift_build,
    team_calendar,
)
from .enforcement import enforce


def shift_set(
    *,
    team: Team,
    staff,
    day: datetime.date,
    shift_type: ShiftType | None,
    by,
    reason: str = "",
    override_reason: str = "",
) -> Shift | None:
    """Set one cell of the plan: ``staff``'s shift on ``day`` becomes
    ``shift_type``, or none (off).

    On a draft day the draft is replaced. On a published day the change is
    made at once and needs a ``reason``: it is logged, the calendar event
    follows, and the person is e-mailed. Rules are checked on the result."""
    require_planner(by, team)
    with transaction.atomic():
        team = locked_team(team)
        published = day in published_days(team, day, day)
        if published and not reason.strip():
            raise ValidationError({"reason": "Say why a published shift changes."})
        current = (
            Shift.objects.standing()
            .filter(team=team, staff=staff, day=day)
            .select_related("shift_type", "event", "staff__user", "team")
            .first()
        )
        new = (
            shift_build(team=team, staff=staff, shift_type=shift_type, day=day)
            if shift_type
            else None
        )
        findings = check_shifts(
            team=team,
            shifts=[new] if new else [],
            removing=[current.pk] if current else [],
        )
        overridden = enforce(findings, override_reason=override_reason)
        if new and overridden:
            new.override_reason = override_reason.strip()[:300]
        if not published:
            if current:
                current.delete()
            if new:
                new.save()
            return new
        return _change_published(
            team=team, current=current, new=new, by=by, reason=reason.strip()
        )


def _change_published(*, team, current, new, by, reason) -> Shift | None:
    calendar = team_calendar(team)
    before = describe_shift(current)
    if current and new:
        current.shift_type = new.shift_type
        current.start, current.end = new.start, new.end
        current.break_minutes = new.break_minutes
        current.override_reason = new.override_reason
        current.sequence += 1
        if current.event_id:
            event = current.event
            fresh = event_for(current, calendar, by)
            event.start, event.end = fresh.start, fresh.end
            event.title, event.color_event = fresh.title, fresh.color_event
            event.save()
        current.save()
        shift, action = current, ShiftChange.Action.CHANGED
    elif current:
        if current.event_id:
            current.event.delete()
        current.status = Shift.Status.CANCELLED
        current.event = None
        current.sequence += 1
        current.save()
        shift, action = current, ShiftChange.Action.CANCELLED
    elif new:
        new.event = event_for(new, calendar, by)
        new.event.save()
        new.status = Shift.Status.PUBLISHED
        new.save()
        shift, action = new, ShiftChange.Action.ADDED
    else:
        return None
    change = ShiftChange.objects.create(
        shift=shift,
        action=action,
        before=before if action != ShiftChange.Action.ADDED else "",
        after=describe_shift(new) if new else "",
        reason=reason,
        changed_by=by,
    )
    notifications.after_commit(lambda: _notify_change(change))
    return shift if shift.status != Shift.Status.CANCELLED else None


def _notify_change(change: ShiftChange) -> None:
    shift = change.shift
    notifications.send(
        f"Your shift on {shift.day:%a %d %b} was {change.get_action_display().lower()}",
        (
            f"{shift.team.name}\n\nBefore: {change.before or 'off'}\n"
            f"Now: {change.after or 'off'}\nWhy: {change.reason}\n"
        ),
        [shift.staff],
    )


def shifts_end_after(*, staff, last_day: datetime.date, by, reason: str) -> int:
    """End ``staff``'s plan after ``last_day``: published shifts starting
    later are cancelled (logged with ``reason``, their events removed, their
    open swaps closed), drafts deleted; the person and the teams' leads are
    e-mailed the list. Returns how many published shifts were cancelled."""
    with transaction.atomic():
        Shift.objects.filter(
            staff=staff, status=Shift.Status.DRAFT, day__gt=last_day
        ).delete()
        cancelled = list(
            Shift.objects.select_for_update(of=("self",))
            .filter(staff=staff, status=Shift.Status.PUBLISHED, day__gt=last_day)
            .select_related("shift_type", "team")
        )
        if not cancelled:
            return 0
        before = cancel_published(
            cancelled,
            by=by,
            reason=reason,
            swaps_also=Q(taken_by=staff, shift__day__gt=last_day),
        )
        transaction.on_commit(
            lambda: _notify_ended(staff, last_day, cancelled, before, reason)
        )
    return len(cancelled)


def _notify_ended(staff, last_day, cancelled, before, reason) -> None:
    teams = {shift.team_id: shift.team for shift in cancelled}
    leads = list(
        Staff.objects.filter(led_teams__in=teams).select_related("user").distinct()
    )
    lines = "\n".join(before[shift.pk] for shift in cancelled)
    notifications.send(
        f"Shifts of {staff.full_name} after {last_day:%d %b %Y} cancelled",
        f"{reason}: {staff.full_name}'s last working day is {last_day:%d %b %Y}. "
        f"These shifts are cancelled:\n\n{lines}\n",
        [staff, *leads],
    )
