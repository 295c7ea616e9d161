"""Attendance per session date, pre/post scores, pass or fail, certificates.

A person attends a session by being present on every one of its dates;
marked absent on any, they did not attend. Their post-course score then
passes or fails them against the course's pass mark, and a pass issues a
certificate. A failed attempt may be followed by another on a later session
while attempts remain.
"""

import datetime
from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from .. import calculations as calc
from .. import notifications
from ..models import (
    Assessment,
    AttendanceMark,
    Certificate,
    Enrolment,
    Feedback,
    Session,
)
from ..selectors import may_run

MARKABLE = (Enrolment.State.ENROLLED, Enrolment.State.ATTENDED, Enrolment.State.NO_SHOW)
SCORABLE = {
    Assessment.Kind.PRE: MARKABLE,
    Assessment.Kind.POST: (Enrolment.State.ATTENDED,),
}


def certificate_issue(
    *, enrolment: Enrolment, on: datetime.date | None = None
) -> Certificate:
    """The certificate of a passed enrolment, numbered at random and expiring
    after the course's validity (month-end clamped)."""
    on = on or timezone.localdate()
    course = enrolment.session.course
    for _ in range(5):
        certificate = Certificate(
            number=calc.certificate_number(on),
            enrolment=enrolment,
            staff_id=enrolment.staff_id,
            course=course,
            issued_on=on,
            expires_on=calc.certificate_expiry(on, course.validity_months),
        )
        try:
            with transaction.atomic():
                certificate.save()
        except IntegrityError:
            # Drawn a number already issued (one in a billion): draw again.
            if Certificate.objects.filter(enrolment=enrolment).exists():
                raise
            continue
        notifications.certificate_issued(certificate)
        return certificate
    raise RuntimeError("Could not draw an unused certificate number.")


def session_results_record(
    *,
    session: Session,
    marks: Mapping[tuple[int, int], bool],
    scores: Mapping[tuple[int, str], Decimal | None],
    by,
) -> list[Enrolment]:
    """Record attendance ``marks`` ({(enrolment id, session date id):
    present}) and ``scores`` ({(enrolment id, "pre"|"post"): score}) for a
    session in one go: all of it, or (on the first problem) none of it.
    Settles each person's state and returns the enrolments that changed."""
    if not may_run(viewer=by, session=session):
        raise PermissionDenied("Only the session's trainer or a manager.")
    with transaction.atomic():
        session = (
            Session.objects.select_for_update(of=("self",))
            .select_related("course", "trainer")
            .get(pk=session.pk)
        )
        dates = {date.pk: date for date in session.dates.all()}
        enrolments = {
            e.pk: e
            for e in session.enrolments.filter(
                state__in=[*MARKABLE, Enrolment.State.PASSED, Enrolment.State.FAILED]
            ).select_related("staff__user")
        }
        for enrolment in enrolments.values():
            enrolment.session = session
        now = timezone.now()
        for (enrolment_id, date_id), present in marks.items():
            enrolment, date = enrolments.get(enrolment_id), dates.get(date_id)
            if enrolment is None or date is None:
                raise ValidationError("A mark for someone not on this session.")
            if date.start > now:
                raise ValidationError(f"{date} has not started: mark it on the day.")
            if enrolment.state not in MARKABLE:
                raise ValidationError(
                    f"{enrolment.staff.full_name}'s result is recorded: "
                    "attendance can no longer change."
                )
            AttendanceMark.objects.update_or_create(
                enrolment=enrolment,
                session_date=date,
                defaults={"present": present, "marked_by": by},
            )
        changed = _settle_attendance(session, enrolments, len(dates))
        for (enrolment_id, kind), score in scores.items():
            enrolment = enrolments.get(enrolment_id)
            if enrolment is None:
                raise ValidationError("A score for someone not on this session.")
            if score is None:
                continue
            _record_score(enrolment, kind, score, by, changed)
    for enrolment in changed:
        notifications.enrolment_changed(enrolment)
    return list(changed)


def _settle_attendance(session, enrolments, date_count) -> list[Enrolment]:
    """Once every date is marked: present on all, attended; else absent."""
    present = {}
    for mark in AttendanceMark.objects.filter(enrolment__session=session):
        present.setdefault(mark.enrolment_id, []).append(mark.present)
    changed = []
    for enrolment in enrolments.values():
        if enrolment.state not in MARKABLE:
            continue
        seen = present.get(enrolment.pk, [])
        if len(seen) < date_count:
            continue
        state = Enrolment.State.ATTENDED if all(seen) else Enrolment.State.NO_SHOW
        if state != enrolment.state:
            enrolment.state = state
            enrolment.save(update_fields=["state", "updated_at"])
            changed.append(enrolment)
    return changed


def _record_score(enrolment, kind, score, by, changed) -> None:
    score = Decimal(str(score))
    if not Decimal(0) <= score <= Decimal(100):
        raise ValidationError(
            f"{enrolment.staff.full_name}: a score is from 0 to 100, not {score}."
        )
    if enrolment.state not in SCORABLE[kind]:
        if kind == Assessment.Kind.POST:
            raise ValidationError(
                f"{enrolment.staff.full_name}: mark attendance on every date "
                "before the post-course score."
                if enrolment.state
                in (Enrolment.State.ENROLLED, Enrolment.State.NO_SHOW)
                else f"{enrolment.staff.full_name}'s result is already recorded."
            )
        raise ValidationError(
            f"{enrolment.staff.full_name}: the pre-course score is recorded "
            "before the result."
        )
    Assessment.objects.update_or_create(
        enrolment=enrolment, kind=kind, defaults={"score": score, "recorded_by": by}
    )
    if kind == Assessment.Kind.POST:
        course = enrolment.session.course
        enrolment.state = calc.outcome(score, course.pass_mark)
        enrolment.save(update_fields=["state", "updated_at"])
        if enrolment not in changed:
            changed.append(enrolment)
        if enrolment.state == Enrolment.State.PASSED:
            certificate_issue(enrolment=enrolment)


def feedback_give(*, enrolment: Enrolment, rating: int, comment: str, by):
    """The person rates a course they finished, once."""
    if not (by and by.is_authenticated and enrolment.staff.user_id == by.pk):
        raise PermissionDenied("Only the person gives their feedback.")
    if enrolment.state not in Enrolment.FINISHED + (Enrolment.State.ATTENDED,):
        raise ValidationError("Feedback is given after the course.")
    feedback = Feedback(enrolment=enrolment, rating=rating, comment=comment.strip())
    feedback.full_clean()
    feedback.save()
    return feedback
