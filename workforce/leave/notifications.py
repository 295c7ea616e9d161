"""E-mails about leave, sent once the change is committed (through shift
planning's mailer, so ``quiet()`` silences both while the demo is seeded)."""

from workforce.people.models import Staff
from workforce.scheduling.notifications import after_commit, send

from .calculations import days_phrase
from .models import LeaveRequest


def _leads_of(request: LeaveRequest) -> list[Staff]:
    teams = request.staff.memberships.filter(valid_from__lte=request.last_day).exclude(
        valid_to__lt=request.first_day
    )
    return list(
        Staff.objects.filter(led_teams__memberships__in=teams)
        .exclude(pk=request.staff_id)
        .select_related("user")
        .distinct()
    )


def _summary(request: LeaveRequest) -> str:
    return (
        f"{request.leave_type.name}, {request.period} "
        f"({days_phrase(request.days)})"
        + (f"\nReason: {request.reason}" if request.reason else "")
    )


def submitted(request: LeaveRequest) -> None:
    """The leads of the person's teams on those days have a request to decide."""
    after_commit(
        lambda: send(
            f"Leave to approve: {request.staff.full_name}, {request.period}",
            f"{request.staff.full_name} asks for leave.\n\n{_summary(request)}\n",
            _leads_of(request),
        )
    )


def decided(request: LeaveRequest) -> None:
    """The requester learns the decision and the comment."""
    verdict = request.get_status_display().lower()
    after_commit(
        lambda: send(
            f"Your leave {request.period} is {verdict}",
            f"{_summary(request)}\n\nDecision: {verdict}"
            + (f"\nComment: {request.comment}" if request.comment else "")
            + "\n",
            [request.staff],
        )
    )


def cancelled(request: LeaveRequest, *, was_approved: bool) -> None:
    """The person and the leads learn that the leave is off."""
    back = f"\nGiven back: {days_phrase(request.days)}." if was_approved else ""
    after_commit(
        lambda: send(
            f"Leave cancelled: {request.staff.full_name}, {request.period}",
            f"{_summary(request)}\n\nCancelled.{back}\n",
            [request.staff, *_leads_of(request)],
        )
    )
