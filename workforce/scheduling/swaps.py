"""Writes of shift swaps: a collector offers one of their published shifts
(to the team, or for a named colleague's shift), a teammate takes it, and a
lead of the team or a manager approves or declines. Every step is one atomic
service that records who acted and e-mails both people and the team's leads
once it is committed. Swaps are history: a row is closed, never deleted."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from workforce.people.models import Staff, Team, TeamMembership

from . import notifications
from .calculations import Finding
from .models import Shift, ShiftChange, ShiftSwap
from .rules import check_shifts
from .selectors import OPEN_SWAPS, may_plan
from .services import enforce, event_for, team_calendar

OPEN = OPEN_SWAPS


def _person_of(user) -> Staff:
    staff = Staff.objects.filter(user_id=user.pk).first() if user.pk else None
    if staff is None:
        raise PermissionDenied("No staff record is linked to your sign-in.")
    return staff


def _in_team_on(staff: Staff, team: Team, day: datetime.date) -> bool:
    return TeamMembership.objects.on(day).filter(staff=staff, team=team).exists()


def _still_ahead(shift: Shift, what: str) -> None:
    if shift.status != Shift.Status.PUBLISHED:
        raise ValidationError(f"{what} is no longer published.")
    if shift.start <= timezone.now():
        raise ValidationError(f"{what} has already started.")


def _locked_swap(swap: ShiftSwap) -> ShiftSwap:
    return (
        ShiftSwap.objects.select_for_update(of=("self",))
        .select_related(
            "shift__team",
            "shift__shift_type",
            "shift__staff__user",
            "in_return__shift_type",
            "in_return__staff__user",
            "offered_by__user",
            "taken_by__user",
        )
        .get(pk=swap.pk)
    )


def describe(shift: Shift) -> str:
    """A shift as people read it, in the agency's time: "Fri 06 Mar Early
    07:00–16:00"."""
    zone = timezone.get_default_timezone()
    start, end = shift.start.astimezone(zone), shift.end.astimezone(zone)
    return f"{shift.day:%a %d %b} {shift.shift_type.name} {start:%H:%M}–{end:%H:%M}"


def swap_offer(
    *, shift: Shift, by, in_return: Shift | None = None, note: str = ""
) -> ShiftSwap:
    """Offer one's own future published shift to the team, or, with
    ``in_return``, as a direct swap for a colleague's shift in the same team
    (the colleague then accepts it with ``swap_take``)."""
    offerer = _person_of(by)
    with transaction.atomic():
        shift = Shift.objects.select_for_update().get(pk=shift.pk)
        if shift.staff_id != offerer.pk:
            raise PermissionDenied("You may offer only your own shifts.")
        _still_ahead(shift, "This shift")
        if ShiftSwap.objects.filter(shift=shift, status__in=OPEN).exists():
            raise ValidationError("This shift is already offered.")
        if in_return is not None:
            in_return = Shift.objects.select_for_update().get(pk=in_return.pk)
            if in_return.staff_id == offerer.pk:
                raise ValidationError(
                    {"in_return": "Choose a colleague's shift, not one of yours."}
                )
            if in_return.team_id != shift.team_id:
                raise ValidationError(
                    {"in_return": "A direct swap is with a shift of the same team."}
                )
            _still_ahead(in_return, "The colleague's shift")
        swap = ShiftSwap(
            shift=shift, offered_by=offerer, in_return=in_return, note=note.strip()
        )
        swap.full_clean()
        swap.save()
        swap = _locked_swap(swap)
        if in_return is None:
            subject = f"Shift offered to the team: {describe(shift)}"
            body = f"{offerer.full_name} offers this shift to {shift.team.name}."
        else:
            subject = f"Shift swap proposed: {describe(shift)}"
            body = (
                f"{offerer.full_name} proposes to swap {describe(shift)} for "
                f"{in_return.staff.full_name}'s {describe(in_return)}. "
                f"{in_return.staff.full_name} accepts it, or says no, on My shifts."
            )
        _notify_on_commit(swap, subject, body)
    return swap


def swap_take(*, swap: ShiftSwap, by) -> ShiftSwap:
    """Take an open offer: a member of the shift's team on its day takes an
    offer to the team; the named colleague accepts a direct swap. Refused if
    the result would break a rule that cannot be overridden; the lead then
    approves or declines."""
    taker = _person_of(by)
    with transaction.atomic():
        swap = _locked_swap(swap)
        if swap.status != ShiftSwap.Status.OFFERED:
            state = swap.get_status_display().lower()
            raise ValidationError(f"This offer is {state}: it cannot be taken.")
        shift = swap.shift
        if taker.pk == swap.offered_by_id:
            raise ValidationError("You cannot take your own offer.")
        if swap.in_return_id:
            if swap.in_return.staff_id != taker.pk:
                raise PermissionDenied("This swap was proposed to someone else.")
        elif not _in_team_on(taker, shift.team, shift.day):
            raise PermissionDenied(
                f"Only members of {shift.team.name} on {shift.day:%d %b} may take it."
            )
        _still_ahead(shift, "This shift")
        if swap.in_return_id:
            _still_ahead(swap.in_return, "Your shift in return")
        swap.taken_by = taker
        refused = [f for f in swap_findings(swap) if f.refused]
        if refused:
            raise ValidationError(
                [f"It cannot be taken. {finding_text(swap, f)}." for f in refused]
            )
        swap.status = ShiftSwap.Status.TAKEN
        swap.full_clean()
        swap.save(update_fields=["taken_by", "status"])
        _notify_on_commit(
            swap,
            f"Shift swap awaiting approval: {describe(shift)}",
            f"{taker.full_name} takes {swap.offered_by.full_name}'s {describe(shift)}"
            + (f" and gives {describe(swap.in_return)}" if swap.in_return_id else "")
            + f". A lead of {shift.team.name} approves or declines it.",
        )
    return swap


def swap_withdraw(*, swap: ShiftSwap, by) -> ShiftSwap:
    """Withdraw from a swap not yet decided: the person who offered it, the
    one who took it, or the colleague a direct swap was proposed to (saying
    no). The swap closes; the shift may be offered again."""
    person = _person_of(by)
    with transaction.atomic():
        swap = _locked_swap(swap)
        asked = swap.in_return.staff_id if swap.in_return_id else None
        if person.pk not in (swap.offered_by_id, swap.taken_by_id, asked):
            raise PermissionDenied("Only the people in a swap may withdraw it.")
        if swap.status not in OPEN:
            raise ValidationError(
                f"This swap is {swap.get_status_display().lower()} already."
            )
        _close(swap, ShiftSwap.Status.WITHDRAWN, by=by, comment="")
        _notify_on_commit(
            swap,
            f"Shift swap withdrawn: {describe(swap.shift)}",
            f"{person.full_name} withdrew from the swap; the shift stays with "
            f"{swap.offered_by.full_name}.",
        )
    return swap


def swap_decline(*, swap: ShiftSwap, by, comment: str) -> ShiftSwap:
    """A lead of the team, or a manager, declines an open swap, saying why."""
    with transaction.atomic():
        swap = _locked_swap(swap)
        _require_decider(by, swap)
        if swap.status not in OPEN:
            raise ValidationError(
                f"This swap is {swap.get_status_display().lower()} already."
            )
        if not comment.strip():
            raise ValidationError({"comment": "Say why the swap is declined."})
        _close(swap, ShiftSwap.Status.DECLINED, by=by, comment=comment)
        _notify_on_commit(
            swap,
            f"Shift swap declined: {describe(swap.shift)}",
            f"The swap was declined: {swap.decision_comment}\n"
            f"The shift stays with {swap.offered_by.full_name}.",
        )
    return swap


def swap_approve(
    *, swap: ShiftSwap, by, override_reason: str = "", comment: str = ""
) -> ShiftSwap:
    """A lead of the team, or a manager, approves a taken swap: the rules are
    checked on the result (refusals stop it; warnings need
    ``override_reason``), then the shifts change hands, their calendar events
    follow, their feed ``sequence`` goes up and each move is logged."""
    with transaction.atomic():
        # The same lock as planning: nobody replans the team meanwhile.
        Team.objects.select_for_update().get(pk=swap.shift.team_id)
        swap = _locked_swap(swap)
        _require_decider(by, swap)
        if swap.status != ShiftSwap.Status.TAKEN:
            raise ValidationError(
                "Only a swap someone has taken can be approved; this one is "
                f"{swap.get_status_display().lower()}."
            )
        _still_current(swap)
        overridden = enforce(swap_findings(swap), override_reason=override_reason)
        reason = "Swap approved" + (f": {comment.strip()}" if comment.strip() else "")
        moves = [(swap.shift, swap.taken_by)]
        if swap.in_return_id:
            moves.append((swap.in_return, swap.offered_by))
        calendar = team_calendar(swap.shift.team)
        for shift, to in moves:
            before = f"{describe(shift)} ({shift.staff.full_name})"
            shift.staff = to
            shift.sequence += 1
            if overridden:
                shift.override_reason = override_reason.strip()[:300]
            if shift.event_id:
                event = shift.event
                event.title = event_for(shift, calendar, by).title
                event.save(update_fields=["title"])
            shift.save()
            ShiftChange.objects.create(
                shift=shift,
                action=ShiftChange.Action.SWAPPED,
                before=before[:200],
                after=f"{describe(shift)} ({to.full_name})"[:200],
                reason=reason[:300],
                changed_by=by,
            )
        _close(swap, ShiftSwap.Status.APPROVED, by=by, comment=comment)
        _close_others(swap, by=by)
        _notify_on_commit(
            swap,
            f"Shift swap approved: {describe(swap.shift)}",
            f"{swap.taken_by.full_name} now works {describe(swap.shift)}"
            + (
                f"; {swap.offered_by.full_name} works {describe(swap.in_return)}"
                if swap.in_return_id
                else ""
            )
            + "."
            + (f"\nComment: {swap.decision_comment}" if swap.decision_comment else ""),
        )
    return swap


def swap_findings(swap: ShiftSwap) -> list[Finding]:
    """What the planning rules say of the plan once the swap is made: the
    shift with the taker (and, in a direct swap, the colleague's shift with
    the offerer), the originals gone. A swap moves a shift between two people
    of one team and leaves the team's headcount as it was, so staffing
    findings (which it cannot cause) are left out."""
    if swap.taken_by_id is None:
        return []
    moved = [_moved(swap.shift, swap.taken_by_id)]
    if swap.in_return_id:
        moved.append(_moved(swap.in_return, swap.offered_by_id))
    findings = check_shifts(
        team=swap.shift.team, shifts=moved, removing=[s.pk for s in _originals(swap)]
    )
    return [f for f in findings if f.rule != "minimum_staffing"]


def finding_text(swap: ShiftSwap, finding: Finding) -> str:
    """A finding about a swap, naming whose shift it concerns."""
    names = {swap.offered_by_id: swap.offered_by.full_name}
    if swap.taken_by_id:
        names[swap.taken_by_id] = swap.taken_by.full_name
    name = names.get(finding.staff_id)
    return f"{name}: {finding.message}" if name else finding.message


def _originals(swap: ShiftSwap) -> list[Shift]:
    return [swap.shift] + ([swap.in_return] if swap.in_return_id else [])


def _moved(shift: Shift, staff_id: int) -> Shift:
    # An unsaved copy for the rules; the saved shift changes only on approval.
    return Shift(
        team_id=shift.team_id,
        staff_id=staff_id,
        shift_type_id=shift.shift_type_id,
        day=shift.day,
        start=shift.start,
        end=shift.end,
        break_minutes=shift.break_minutes,
        status=Shift.Status.PUBLISHED,
    )


def _require_decider(by, swap: ShiftSwap) -> None:
    if not may_plan(viewer=by, team=swap.shift.team):
        raise PermissionDenied("Only a lead of the team or a manager decides swaps.")
    if by.pk in (swap.offered_by.user_id, swap.taken_by and swap.taken_by.user_id):
        raise PermissionDenied(
            "Another lead or a manager decides a swap you are part of."
        )


def _still_current(swap: ShiftSwap) -> None:
    """The shifts are still published, ahead, and with the people who swap."""
    _still_ahead(swap.shift, "The offered shift")
    if swap.shift.staff_id != swap.offered_by_id:
        raise ValidationError("The offered shift has changed hands since.")
    if swap.in_return_id:
        _still_ahead(swap.in_return, "The shift in return")
        if swap.in_return.staff_id != swap.taken_by_id:
            raise ValidationError("The shift in return has changed hands since.")


def _close(swap: ShiftSwap, status: str, *, by, comment: str) -> None:
    swap.status = status
    swap.decided_by = by
    swap.decided_at = timezone.now()
    swap.decision_comment = comment.strip()[:300]
    swap.full_clean()
    swap.save(update_fields=["status", "decided_by", "decided_at", "decision_comment"])


def _close_others(swap: ShiftSwap, *, by) -> None:
    """Other open swaps of the shifts that changed hands no longer stand."""
    pks = [s.pk for s in _originals(swap)]
    stale = list(
        ShiftSwap.objects.select_for_update(of=("self",))
        .filter(status__in=OPEN)
        .filter(Q(shift__in=pks) | Q(in_return__in=pks))
        .exclude(pk=swap.pk)
        .select_related("shift__team", "shift__shift_type", "offered_by", "taken_by")
    )
    for other in stale:
        _close(
            other,
            ShiftSwap.Status.WITHDRAWN,
            by=by,
            comment="Closed: the shift changed hands in another swap.",
        )
        _notify_on_commit(
            other,
            f"Shift swap closed: {describe(other.shift)}",
            "This swap no longer stands: one of its shifts changed hands in "
            "another swap.",
        )


def _notify_on_commit(swap: ShiftSwap, subject: str, body: str) -> None:
    people = [swap.offered_by]
    if swap.taken_by_id:
        people.append(swap.taken_by)
    elif swap.in_return_id:
        people.append(swap.in_return.staff)
    team = swap.shift.team
    note = (
        f"\n\nNote from {swap.offered_by.full_name}: {swap.note}" if swap.note else ""
    )
    text = f"{team.name}\n\n{body}{note}\n"

    def send():
        leads = list(team.leads.select_related("user"))
        notifications.send(subject, text, people + leads)

    transaction.on_commit(send)
