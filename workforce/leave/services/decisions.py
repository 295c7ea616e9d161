"""A lead's or a manager's decision on a leave request."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from workforce.scheduling.services import shifts_cancel_for_absence

from .. import notifications
from ..calculations import WHOLE, day_fractions
from ..models import LeaveRequest
from ..selectors import ShortDay, may_decide, staffing_impact
from . import balances

APPROVED_LEAVE = "Approved leave"


def whole_days(request: LeaveRequest) -> list:
    """The days the person is away all day: their shifts are cancelled. On
    a half day the rest of the shift is worked, so it stays."""
    return [
        day
        for day, (_, part) in day_fractions(
            request.first_day,
            request.last_day,
            request.first_day_part,
            request.last_day_part,
        ).items()
        if part == WHOLE
    ]


class UnderMinimumStaffing(ValidationError):
    """Approving would take a team under its minimum: confirm to go on."""

    def __init__(self, short_days: list[ShortDay]):
        self.short_days = short_days
        super().__init__([day.describe() for day in short_days])


def _locked_pending(request: LeaveRequest, by) -> LeaveRequest:
    request = (
        LeaveRequest.objects.select_for_update(of=("self",))
        .select_related("staff", "leave_type")
        .get(pk=request.pk)
    )
    if not may_decide(viewer=by, request=request):
        raise PermissionDenied(
            "Only a lead of the person's team on those days, or a manager."
        )
    if request.status != LeaveRequest.Status.PENDING:
        raise ValidationError(
            f"This request is already {request.get_status_display().lower()}."
        )
    return request


def leave_request_approve(
    *, request: LeaveRequest, by, comment: str = "", confirm: bool = False
) -> LeaveRequest:
    """Approve a pending request: its days move from pending to taken.

    When the leave would take a team under its minimum for any half hour of
    the plan, ``UnderMinimumStaffing`` names the half hours unless
    ``confirm`` says the approver has seen them (kept on the request).
    """
    with transaction.atomic():
        request = _locked_pending(request, by)
        short_days = staffing_impact(request)
        if short_days and not confirm:
            raise UnderMinimumStaffing(short_days)
        balances.move(request, pending=-1, taken=1)
        request.status = LeaveRequest.Status.APPROVED
        request.decided_by = by
        request.decided_at = timezone.now()
        request.comment = comment.strip()[:300]
        request.staffing_confirmed = "\n".join(day.describe() for day in short_days)
        request.save(
            update_fields=[
                "status",
                "decided_by",
                "decided_at",
                "comment",
                "staffing_confirmed",
            ]
        )
        request.shifts_cancelled.set(
            shifts_cancel_for_absence(
                staff=request.staff,
                days=whole_days(request),
                by=by,
                reason=APPROVED_LEAVE,
            )
        )
        notifications.decided(request)
    return request


def leave_request_reject(*, request: LeaveRequest, by, comment: str) -> LeaveRequest:
    """Reject a pending request with a comment saying why; its days are
    free again."""
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": "Say why the leave is rejected."})
    with transaction.atomic():
        request = _locked_pending(request, by)
        balances.move(request, pending=-1, taken=0)
        request.status = LeaveRequest.Status.REJECTED
        request.decided_by = by
        request.decided_at = timezone.now()
        request.comment = comment[:300]
        request.save(update_fields=["status", "decided_by", "decided_at", "comment"])
        notifications.decided(request)
    return request
