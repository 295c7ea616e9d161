import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction

from workforce.people.models import Staff
from workforce.people.selectors import staff_visible_to

from ..models import AttendanceCorrection

CORRECT = "attendance.add_attendancecorrection"


def correctable(*, viewer, staff_ids, day: datetime.date) -> set[int]:
    """Which of these people's ``day`` the viewer may correct, in one query:
    a manager anyone's, a lead those in their team that day, nobody their
    own."""
    if not viewer.is_authenticated or not viewer.has_perm(CORRECT):
        return set()
    visible = staff_visible_to(viewer=viewer, on=day).filter(pk__in=list(staff_ids))
    return set(visible.exclude(user=viewer).values_list("pk", flat=True))


def may_correct(*, viewer, staff: Staff, day: datetime.date) -> bool:
    return staff.pk in correctable(viewer=viewer, staff_ids=[staff.pk], day=day)


def attendance_correct(
    *, staff: Staff, day: datetime.date, status: str, reason: str, by
) -> AttendanceCorrection:
    """Record that ``staff``'s ``day`` was ``status``, and why. Kept beside
    the earlier corrections; the latest stands over the clock."""
    if not may_correct(viewer=by, staff=staff, day=day):
        raise PermissionDenied("Days are corrected by the person's lead or a manager.")
    correction = AttendanceCorrection(
        staff=staff, day=day, status=status, reason=reason.strip(), corrected_by=by
    )
    with transaction.atomic():
        correction.full_clean()
        correction.save()
    return correction
