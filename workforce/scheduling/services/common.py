"""What the shift-planning writes share: who may plan a team, the lock on a
team's plan, building a shift from its type, and the team's calendar with an
event for each published shift."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone
from schedule.models import Calendar, Event

from workforce.people.models import Team

from .. import calculations as calc
from ..models import Shift, ShiftChange, ShiftSwap, ShiftType
from ..selectors import OPEN_SWAPS, may_plan


def shift_build(*, team: Team, staff, shift_type: ShiftType, day) -> Shift:
    """An unsaved draft shift of ``shift_type`` starting on ``day``."""
    start, end = calc.shift_bounds(
        day, shift_type.starts_at, shift_type.ends_at, timezone.get_default_timezone()
    )
    return Shift(
        team=team,
        staff=staff,
        shift_type=shift_type,
        day=day,
        start=start,
        end=end,
        break_minutes=shift_type.unpaid_break_minutes,
    )


def team_calendar(team: Team) -> Calendar:
    """The django-scheduler calendar of the team's published shifts."""
    calendar, _ = Calendar.objects.get_or_create(
        slug=f"shifts-{team.slug}"[:200], defaults={"name": f"{team.name} shifts"}
    )
    return calendar


def require_planner(by, team: Team) -> None:
    if not may_plan(viewer=by, team=team):
        raise PermissionDenied("Only a lead of the team or a manager plans its shifts.")


def locked_team(team: Team) -> Team:
    # One planner writes a team's plan at a time.
    return Team.objects.select_for_update().get(pk=team.pk)


def event_for(shift: Shift, calendar: Calendar, by) -> Event:
    return Event(
        calendar=calendar,
        start=shift.start,
        end=shift.end,
        title=f"{shift.shift_type.name} shift: {shift.staff.full_name}",
        description=f"{shift.team.name}, unpaid break {shift.break_minutes} min",
        color_event=shift.shift_type.colour,
        creator=by if by and by.is_authenticated else None,
    )


def describe_shift(shift: Shift | None) -> str:
    if shift is None:
        return "off"
    start, end = timezone.localtime(shift.start), timezone.localtime(shift.end)
    return f"{shift.day:%a %d %b} {shift.shift_type.name} {start:%H:%M}–{end:%H:%M}"


def cancel_published(
    shifts: list[Shift], *, by, reason: str, swaps_also: Q | None = None
) -> dict[int, str]:
    """Cancel these published shifts (locked by the caller, with their shift
    types): each keeps its row, loses its event, has its ``sequence`` raised
    (phone calendars show it cancelled) and is logged with ``reason``; the
    open swaps of them (and those matching ``swaps_also``) are closed.
    Returns each shift's description before, by id."""
    before = {shift.pk: describe_shift(shift) for shift in shifts}
    events = [shift.event_id for shift in shifts if shift.event_id]
    now = timezone.now()
    for shift in shifts:
        shift.status = Shift.Status.CANCELLED
        shift.event = None
        shift.sequence += 1
        shift.updated_at = now
    Shift.objects.bulk_update(
        shifts, ["status", "event", "sequence", "updated_at"], batch_size=1000
    )
    Event.objects.filter(pk__in=events).delete()
    by = by if by is not None and by.is_authenticated else None
    ShiftChange.objects.bulk_create(
        [
            ShiftChange(
                shift=shift,
                action=ShiftChange.Action.CANCELLED,
                before=before[shift.pk],
                reason=reason,
                changed_by=by,
            )
            for shift in shifts
        ],
        batch_size=1000,
    )
    pks = [shift.pk for shift in shifts]
    ShiftSwap.objects.filter(status__in=OPEN_SWAPS).filter(
        Q(shift__in=pks) | Q(in_return__in=pks) | (swaps_also or Q(pk__in=[]))
    ).update(
        status=ShiftSwap.Status.WITHDRAWN,
        decided_by=by,
        decided_at=now,
        decision_comment=f"Closed: {reason}."[:300],
    )
    return before
