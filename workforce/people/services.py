"""Writes of people and teams: team moves, resignations, leavers."""

import datetime
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction

from .models import Resignation, Staff, Team, TeamMembership
from .selectors import may_move
from .signals import resignation_withdrawn, staff_resigned

logger = logging.getLogger(__name__)

ONE_DAY = datetime.timedelta(days=1)


def _locked(staff: Staff) -> Staff:
    # One writer at a time per person: two moves at once would both pass the
    # history check and leave an overlap (which PostgreSQL would then refuse).
    return Staff.objects.select_for_update().get(pk=staff.pk)


def staff_move(
    *, staff: Staff, team: Team, effective_on: datetime.date, reason: str, by
) -> TeamMembership:
    """Move ``staff`` to ``team`` from ``effective_on`` (a future date is fine).

    The current membership ends the day before; the history stays without gap
    or overlap, so a move dated before a later recorded move, before the
    person's first team or hire date, or after they leave is refused. Recorded
    by a lead of the person's team on that date, or by whoever may manage
    staff records; the leads of both teams are e-mailed once it is committed.
    """
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the person moves."})
    with transaction.atomic():
        staff = _locked(staff)
        if not may_move(viewer=by, staff=staff, on=effective_on):
            raise PermissionDenied("Only a lead of the person's team or a manager.")
        if staff.status == Staff.Status.LEFT:
            raise ValidationError(f"{staff.full_name} has left the agency.")
        if effective_on < staff.hired_on:
            raise ValidationError(
                {"effective_on": f"{staff.full_name} was hired on {staff.hired_on}."}
            )
        history = list(staff.memberships.order_by("valid_from"))
        later = [m for m in history if m.valid_from >= effective_on]
        if later:
            raise ValidationError(
                {
                    "effective_on": (
                        f"{staff.full_name} already moves to {later[-1].team} on "
                        f"{later[-1].valid_from}; a move on {effective_on} would "
                        "rewrite that history. Record a move after it instead."
                    )
                }
            )
        current = history[-1] if history else None
        if current is not None:
            if current.valid_to is not None and current.valid_to < effective_on:
                raise ValidationError(
                    {
                        "effective_on": (
                            f"{staff.full_name}'s last working day is "
                            f"{current.valid_to}."
                        )
                    }
                )
            if current.team_id == team.pk:
                raise ValidationError({"team": f"Already in {team} on that date."})
        membership = TeamMembership(
            staff=staff,
            team=team,
            valid_from=effective_on,
            # A person working their notice stays only until their last day.
            valid_to=current.valid_to if current else None,
            reason=reason,
            recorded_by=by,
        )
        if current is not None:
            current.valid_to = effective_on - ONE_DAY
            current.full_clean()
            current.save(update_fields=["valid_to"])
        membership.full_clean()
        membership.save()
        old_team = current.team if current else None
        transaction.on_commit(lambda: _notify_leads_of_move(membership, old_team))
    return membership


def _notify_leads_of_move(membership: TeamMembership, old_team: Team | None) -> None:
    teams = [team for team in (old_team, membership.team) if team is not None]
    recipients = sorted(
        {
            lead.user.email
            for team in teams
            for lead in team.leads.select_related("user")
            if lead.user_id and lead.user.email
        }
    )
    if not recipients:
        return
    staff = membership.staff
    moving = f"from {old_team} to {membership.team}" if old_team else "into a team"
    subject = f"Team move: {staff.full_name} {moving} on {membership.valid_from}"
    body = (
        f"{staff.full_name} ({staff.employee_number}) moves {moving} "
        f"on {membership.valid_from}.\n\nReason: {membership.reason}\n"
    )
    try:
        send_mail(subject, body, None, recipients)
    except Exception:  # the move stands; a mail server down must not undo it
        logger.exception("Could not e-mail the leads about move %s", membership.pk)


def resignation_record(
    *,
    staff: Staff,
    notice_given_on: datetime.date,
    last_working_day: datetime.date,
    reason: str,
    exit_interview_notes: str = "",
    by,
) -> Resignation:
    """Record a resignation: the person is on notice, their team membership
    ends on the last working day, and ``staff_resigned`` is sent."""
    with transaction.atomic():
        staff = _locked(staff)
        if staff.status != Staff.Status.ACTIVE:
            raise ValidationError(
                f"{staff.full_name} is {staff.get_status_display().lower()}."
            )
        later = staff.memberships.filter(valid_from__gt=last_working_day).first()
        if later is not None:
            raise ValidationError(
                {
                    "last_working_day": (
                        f"{staff.full_name} moves to {later.team} on "
                        f"{later.valid_from}, after this last day; cancel "
                        "that move first."
                    )
                }
            )
        resignation = Resignation(
            staff=staff,
            notice_given_on=notice_given_on,
            last_working_day=last_working_day,
            reason=reason.strip(),
            exit_interview_notes=exit_interview_notes,
            recorded_by=by,
        )
        resignation.full_clean()
        resignation.save()
        staff.memberships.filter(valid_to__isnull=True).update(
            valid_to=last_working_day
        )
        staff.status = Staff.Status.ON_NOTICE
        staff.save(update_fields=["status"])
        staff_resigned.send(sender=Staff, staff=staff, resignation=resignation)
    return resignation


def resignation_withdraw(*, resignation: Resignation, on: datetime.date, by) -> None:
    """Withdraw a resignation before its last working day: the person is
    active again and stays in their team."""
    with transaction.atomic():
        staff = _locked(resignation.staff)
        resignation = Resignation.objects.select_for_update().get(pk=resignation.pk)
        if resignation.withdrawn_on is not None:
            raise ValidationError("This resignation was already withdrawn.")
        if on > resignation.last_working_day or staff.status == Staff.Status.LEFT:
            raise ValidationError(
                f"Too late: the last working day was {resignation.last_working_day}."
            )
        resignation.withdrawn_on = on
        resignation.save(update_fields=["withdrawn_on"])
        staff.memberships.filter(valid_to=resignation.last_working_day).update(
            valid_to=None
        )
        staff.status = Staff.Status.ACTIVE
        staff.save(update_fields=["status"])
        resignation_withdrawn.send(sender=Staff, staff=staff, resignation=resignation)


def leavers_mark(*, today: datetime.date) -> int:
    """People whose last working day is before ``today`` have left: their
    status says so and their sign-in no longer works. Returns how many."""
    with transaction.atomic():
        leaving = list(
            # of=self: PostgreSQL cannot lock the nullable side of the join.
            Staff.objects.select_for_update(of=("self",))
            .filter(
                status=Staff.Status.ON_NOTICE,
                resignations__withdrawn_on__isnull=True,
                resignations__last_working_day__lt=today,
            )
            .select_related("user")
        )
        for staff in leaving:
            staff.status = Staff.Status.LEFT
            staff.save(update_fields=["status"])
            if staff.user_id and staff.user.is_active:
                staff.user.is_active = False
                staff.user.save(update_fields=["is_active"])
    return len(leaving)
