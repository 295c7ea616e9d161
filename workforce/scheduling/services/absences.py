"""The plan making way for an absence decided elsewhere (approved leave):
the person's published shifts on those days are cancelled, and published
again if the absence is called off."""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from workforce.people.models import Staff

from .. import notifications
from ..models import Shift, ShiftChange
from ..rules import check_shifts, shift_key
from .common import cancel_published, describe_shift, event_for, team_calendar


def shifts_cancel_for_absence(
    *, staff, days: Iterable[datetime.date], by, reason: str
) -> list[Shift]:
    """Cancel ``staff``'s published shifts that start on ``days`` (logged
    with ``reason``, events removed, open swaps closed) and delete their
    drafts there; the person is e-mailed the list. The caller has decided
    the absence and answers for who may. Returns the shifts cancelled."""
    days = sorted(set(days))
    if not days:
        return []
    with transaction.atomic():
        Shift.objects.filter(
            staff=staff, status=Shift.Status.DRAFT, day__in=days
        ).delete()
        cancelled = list(
            Shift.objects.select_for_update(of=("self",))
            .filter(staff=staff, status=Shift.Status.PUBLISHED, day__in=days)
            .select_related("shift_type", "team")
        )
        if cancelled:
            before = cancel_published(cancelled, by=by, reason=reason)
            lines = "\n".join(before[shift.pk] for shift in cancelled)
            notifications.after_commit(
                lambda: notifications.send(
                    f"{len(cancelled)} of your shifts cancelled: {reason.lower()}",
                    f"{reason}. These shifts are cancelled:\n\n{lines}\n",
                    [staff],
                )
            )
    return cancelled


def shifts_reinstate_after_absence(
    *, shifts: Iterable[Shift], by, reason: str
) -> tuple[list[Shift], list[Shift]]:
    """Publish again the shifts cancelled for an absence that is called off
    (call it once the absence no longer stands). A shift is left cancelled
    if it has started, is no longer cancelled, or the plan now refuses it
    (another shift of the person overlaps it, or they are no longer in the
    team that day). Returns (reinstated, left cancelled); the person and the
    teams' leads are e-mailed both lists."""
    now = timezone.now()
    with transaction.atomic():
        candidates = list(
            Shift.objects.select_for_update(of=("self",))
            .filter(
                pk__in=[shift.pk for shift in shifts],
                status=Shift.Status.CANCELLED,
            )
            .select_related("shift_type", "team", "staff")
            .order_by("start")
        )
        by_team = defaultdict(list)
        for shift in candidates:
            by_team[shift.team].append(shift)
        refused = set()
        for team, own in by_team.items():
            refused |= {
                finding.key
                for finding in check_shifts(team=team, shifts=own)
                if finding.refused
            }
        reinstated = [
            s for s in candidates if s.start > now and shift_key(s) not in refused
        ]
        left = [s for s in candidates if s not in reinstated]
        by = by if by is not None and by.is_authenticated else None
        for shift in reinstated:
            shift.event = event_for(shift, team_calendar(shift.team), by)
            shift.event.save()
            shift.status = Shift.Status.PUBLISHED
            shift.sequence += 1
            shift.save(update_fields=["event", "status", "sequence", "updated_at"])
        ShiftChange.objects.bulk_create(
            ShiftChange(
                shift=shift,
                action=ShiftChange.Action.ADDED,
                after=describe_shift(shift),
                reason=reason,
                changed_by=by,
            )
            for shift in reinstated
        )
        if candidates:
            notifications.after_commit(lambda: _notify(reinstated, left, reason))
    return reinstated, left


def _notify(reinstated: list[Shift], left: list[Shift], reason: str) -> None:
    shift = (reinstated or left)[0]
    leads = list(
        Staff.objects.filter(led_teams__in={s.team_id for s in reinstated + left})
        .select_related("user")
        .distinct()
    )
    body = f"{reason}: {shift.staff.full_name}'s shifts cancelled for it.\n"
    if reinstated:
        body += "\nPublished again:\n" + "".join(
            f"{describe_shift(s)}\n" for s in reinstated
        )
    if left:
        body += (
            "\nLeft cancelled (started, or the plan has changed since): plan "
            "them again in the team's plan if needed:\n"
            + "".join(f"{describe_shift(s)}\n" for s in left)
        )
    notifications.send(
        f"Shifts of {shift.staff.full_name} after cancelled leave",
        body,
        [shift.staff, *leads],
    )
