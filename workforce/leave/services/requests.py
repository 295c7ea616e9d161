"""Asking for leave and cancelling it."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from workforce.people.models import Resignation, Staff
from workforce.scheduling.services import shifts_reinstate_after_absence

from .. import calculations as calc
from .. import notifications
from ..models import Blackout, LeaveDay, LeaveRequest, LeaveType
from ..selectors import (
    is_manager,
    may_ask_for,
    may_decide,
    memberships_during,
    request_costs,
)
from . import balances

LEAVE_CANCELLED = "Leave cancelled"
CERTIFICATE_TYPES = (".pdf", ".jpg", ".jpeg", ".png")
CERTIFICATE_MAX_BYTES = 5 * 1024 * 1024


def leave_request_submit(
    *,
    staff: Staff,
    leave_type: LeaveType,
    first_day: datetime.date,
    last_day: datetime.date,
    first_day_part: str = calc.WHOLE,
    last_day_part: str = calc.WHOLE,
    reason: str = "",
    certificate: File | None = None,
    override_reason: str = "",
    by,
) -> LeaveRequest:
    """Ask for leave for ``staff``, pending a lead's decision.

    Refused: days and parts that do not make a request, an overlap with the
    person's own pending or approved leave, no working day in it, a missing
    document where the type needs one, and days beyond the balance. Leave
    inside the type's notice period or over a team blackout is refused too,
    unless a manager allows it with ``override_reason``. The cost is charged
    to each year's allocation as pending, under a lock on its row.
    """
    asked = {
        "staff": staff,
        "leave_type": leave_type,
        "first_day": first_day,
        "last_day": last_day,
        "first_day_part": first_day_part,
        "last_day_part": last_day_part,
    }
    _refuse_asking(**asked, by=by)
    if leave_type.needs_document and not certificate:
        raise ValidationError(
            {"certificate": f"{leave_type} needs a document: upload it."}
        )
    if certificate:
        _check_certificate(certificate)
    override_reason = _refuse_over_the_rules(
        **asked, override_reason=override_reason, by=by
    )
    with transaction.atomic():
        # One request of a person at a time, so two cannot both pass the
        # overlap check.
        asked["staff"] = staff = Staff.objects.select_for_update().get(pk=staff.pk)
        costs = _costs_without_overlap(**asked)
        request = LeaveRequest(
            **asked,
            reason=reason.strip(),
            days=calc.total(costs),
            override_reason=override_reason,
            requested_by=by,
        )
        if certificate:
            request.certificate = certificate
        request.full_clean()
        request.save()
        LeaveDay.objects.bulk_create(
            LeaveDay(request=request, day=day, days=days)
            for day, days in sorted(costs.items())
        )
        if leave_type.needs_balance:
            allocations = balances.locked_allocations(
                staff=staff,
                leave_type=leave_type,
                years=calc.cost_by_year(costs),
            )
            balances.charge(request, costs, allocations)
        notifications.submitted(request)
    return request


def leave_request_check(
    *,
    staff: Staff,
    leave_type: LeaveType,
    first_day: datetime.date,
    last_day: datetime.date,
    first_day_part: str = calc.WHOLE,
    last_day_part: str = calc.WHOLE,
    override_reason: str = "",
    by,
) -> dict[datetime.date, Decimal]:
    """What ``leave_request_submit`` would charge for these days, or the
    ``ValidationError`` it would raise, the document aside: the request
    form's preview. Writes and locks nothing, so a request sent after it may
    still be refused if something changed in between."""
    asked = {
        "staff": staff,
        "leave_type": leave_type,
        "first_day": first_day,
        "last_day": last_day,
        "first_day_part": first_day_part,
        "last_day_part": last_day_part,
    }
    _refuse_asking(**asked, by=by)
    _refuse_over_the_rules(**asked, override_reason=override_reason, by=by)
    costs = _costs_without_overlap(**asked)
    if leave_type.needs_balance:
        allocations = balances.allocations_for(
            staff=staff,
            leave_type=leave_type,
            years=calc.cost_by_year(costs),
            lock=False,
        )
        balances.refuse_beyond_balance(leave_type, costs, allocations)
    return costs


def _refuse_asking(
    *, staff, leave_type, first_day, last_day, first_day_part, last_day_part, by
) -> None:
    if not may_ask_for(viewer=by, staff=staff, first=first_day, last=last_day):
        raise PermissionDenied("Only the person, their lead or a manager.")
    problem = calc.parts_problem(first_day, last_day, first_day_part, last_day_part)
    if problem:
        raise ValidationError({"last_day": problem})
    if not leave_type.active:
        raise ValidationError({"leave_type": f"{leave_type} is no longer offered."})


def _refuse_over_the_rules(
    *,
    staff,
    leave_type,
    first_day,
    last_day,
    first_day_part,
    last_day_part,
    override_reason,
    by,
) -> str:
    """Refuse leave after the last working day, and leave inside the notice
    period or over a blackout that no manager allows; the override reason to
    keep, or ""."""
    _refuse_after_last_day(staff, last_day)
    override_reason = override_reason.strip()
    needs_override = _needs_override(staff, leave_type, first_day, last_day)
    if override_reason and not is_manager(by):
        raise ValidationError(
            {"override_reason": "Only a manager may allow leave over the rules."}
        )
    if needs_override and not override_reason:
        raise ValidationError(
            {"first_day": needs_override + " A manager may allow it with a reason."}
        )
    return override_reason if needs_override else ""


def _costs_without_overlap(
    *, staff, leave_type, first_day, last_day, first_day_part, last_day_part
) -> dict[datetime.date, Decimal]:
    """The request's cost by day, refusing an overlap with the person's
    standing leave and a request with no working day."""
    _refuse_overlap(staff, first_day, last_day, first_day_part, last_day_part)
    costs = request_costs(
        staff=staff,
        first_day=first_day,
        last_day=last_day,
        first_day_part=first_day_part,
        last_day_part=last_day_part,
    )
    if not costs:
        raise ValidationError(
            {"first_day": "No working day in this period: nothing to ask for."}
        )
    return costs


def _check_certificate(certificate: File) -> None:
    name = (certificate.name or "").lower()
    if not name.endswith(CERTIFICATE_TYPES):
        raise ValidationError(
            {"certificate": "Upload the document as PDF, JPEG or PNG."}
        )
    if certificate.size > CERTIFICATE_MAX_BYTES:
        raise ValidationError({"certificate": "The document is larger than 5 MB."})


def _needs_override(staff, leave_type, first_day, last_day) -> str:
    """Why the request breaks the notice period or a team blackout, or ""."""
    today = timezone.localdate()
    if first_day < today:
        return "The leave has already started."
    if (first_day - today).days < leave_type.notice_days:
        return (
            f"{leave_type} is asked for at least "
            f"{calc.days_phrase(leave_type.notice_days)} ahead."
        )
    for membership in memberships_during(staff, first_day, last_day):
        blackout = (
            Blackout.objects.filter(team_id=membership.team_id)
            .filter(first_day__lte=min(last_day, membership.valid_to or last_day))
            .filter(last_day__gte=max(first_day, membership.valid_from))
            .first()
        )
        if blackout:
            return (
                f"{membership.team.name} has a blackout from "
                f"{blackout.first_day:%d %b} to {blackout.last_day:%d %b}: "
                f"{blackout.reason}."
            )
    return ""


def _refuse_after_last_day(staff, last_day) -> None:
    last_working_day = (
        Resignation.objects.filter(staff=staff, withdrawn_on__isnull=True)
        .values_list("last_working_day", flat=True)
        .first()
    )
    if last_working_day and last_day > last_working_day:
        raise ValidationError(
            {"last_day": f"After the last working day ({last_working_day:%d %b %Y})."}
        )


def _refuse_overlap(staff, first_day, last_day, first_day_part, last_day_part):
    wanted = calc.day_fractions(first_day, last_day, first_day_part, last_day_part)
    for other in (
        LeaveRequest.objects.standing()
        .filter(staff=staff)
        .overlapping(first_day, last_day)
    ):
        theirs = calc.day_fractions(
            other.first_day,
            other.last_day,
            other.first_day_part,
            other.last_day_part,
        )
        if calc.clashing_days(wanted, theirs):
            raise ValidationError(
                {
                    "first_day": f"Overlaps {other.get_status_display().lower()} "
                    f"{other.leave_type.name.lower()} {other.period}."
                }
            )


def leave_request_cancel(*, request: LeaveRequest, by) -> LeaveRequest:
    """Cancel pending or approved leave before it starts: the person, or
    whoever decides it. Approved leave gives its days back."""
    with transaction.atomic():
        request = (
            LeaveRequest.objects.select_for_update(of=("self",))
            .select_related("staff", "leave_type")
            .get(pk=request.pk)
        )
        own = by.is_authenticated and request.staff.user_id == by.pk
        if not own and not may_decide(viewer=by, request=request):
            raise PermissionDenied("Only the person, their lead or a manager.")
        if request.status not in (
            LeaveRequest.Status.PENDING,
            LeaveRequest.Status.APPROVED,
        ):
            raise ValidationError(
                f"This request is {request.get_status_display().lower()}."
            )
        if request.first_day <= timezone.localdate():
            raise ValidationError(
                "The leave has started: it can no longer be cancelled."
            )
        was_approved = request.status == LeaveRequest.Status.APPROVED
        if was_approved:
            balances.move(request, pending=0, taken=-1)
        else:
            balances.move(request, pending=-1, taken=0)
        request.status = LeaveRequest.Status.CANCELLED
        request.cancelled_by = by
        request.cancelled_at = timezone.now()
        request.save(update_fields=["status", "cancelled_by", "cancelled_at"])
        if was_approved:
            # The leave no longer stands, so the plan's rules let them back.
            shifts_reinstate_after_absence(
                shifts=request.shifts_cancelled.all(), by=by, reason=LEAVE_CANCELLED
            )
        notifications.cancelled(request, was_approved=was_approved)
    return request
