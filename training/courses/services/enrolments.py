"""Enrolling people on sessions, the waitlist, and cancelling places.

A session's places are counted under a row lock on the session, so two
people asking for its last place at once get one place and one waitlist
spot, never two places.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from workforce.people.models import Resignation, Staff

from .. import calculations as calc
from .. import notifications
from ..models import Enrolment, Session
from ..selectors import may_assign, may_cancel, may_run


def _locked_session(session: Session) -> Session:
    return (
        Session.objects.select_for_update(of=("self",))
        .select_related("course", "trainer")
        .get(pk=session.pk)
    )


def _refuse_permission(*, session, staff, source, by) -> None:
    if source == Enrolment.Source.SELF:
        if not (by and by.is_authenticated and staff.user_id == by.pk):
            raise PermissionDenied("Only the person enrols themselves.")
        if not session.course.open_for_self_enrolment:
            raise PermissionDenied(
                f"{session.course.title} is not open for self-enrolment: ask "
                "your lead or the trainer."
            )
    elif not may_assign(viewer=by, staff=staff, session=session):
        raise PermissionDenied("Only the trainer, the person's lead or a manager.")


def _refuse_enrolment(session: Session, staff: Staff) -> int:
    """Why ``staff`` cannot take ``session``, raised; else the attempt it is."""
    if session.status == Session.Status.CANCELLED:
        raise ValidationError("This session is cancelled.")
    if session.starts_at is None or session.starts_at <= timezone.now():
        raise ValidationError("This session has started: enrol on a later one.")
    if staff.status == Staff.Status.LEFT:
        raise ValidationError(f"{staff.full_name} has left.")
    last_day = (
        Resignation.objects.filter(staff=staff, withdrawn_on__isnull=True)
        .values_list("last_working_day", flat=True)
        .first()
    )
    if last_day and session.first_day > last_day:
        raise ValidationError(
            f"The session is after {staff.full_name}'s last working day "
            f"({last_day:%d %b %Y})."
        )
    of_course = Enrolment.objects.filter(staff=staff, session__course=session.course)
    already = (
        of_course.filter(
            state__in=[
                Enrolment.State.WAITLISTED,
                Enrolment.State.ENROLLED,
                Enrolment.State.ATTENDED,
            ]
        )
        .select_related("session")
        .first()
    )
    if already:
        raise ValidationError(
            f"{staff.full_name} is already {already.get_state_display().lower()} "
            f"on {already.session}."
        )
    failed = of_course.filter(state=Enrolment.State.FAILED).count()
    if failed >= session.course.max_attempts:
        raise ValidationError(
            f"{staff.full_name} has used all {session.course.max_attempts} "
            f"attempts at {session.course.title}."
        )
    return failed + 1


def enrolment_create(
    *,
    session: Session,
    staff: Staff,
    source: str = Enrolment.Source.ASSIGNED,
    by=None,
    note: str = "",
) -> Enrolment:
    """Put ``staff`` on ``session``: a place if one is left, else the
    waitlist. Self-enrolment needs a course open for it; assignment, the
    trainer, a lead of the person's team or a manager; rules and the
    refresher job (and the demo) act as the system, with ``by=None``. The
    person is told."""
    if by is not None or source == Enrolment.Source.SELF:
        _refuse_permission(session=session, staff=staff, source=source, by=by)
    with transaction.atomic():
        session = _locked_session(session)
        attempt = _refuse_enrolment(session, staff)
        holding = session.enrolments.holding_a_place().count()
        has_room = calc.places_left(session.capacity, holding) > 0
        enrolment = Enrolment(
            session=session,
            staff=staff,
            state=Enrolment.State.ENROLLED if has_room else Enrolment.State.WAITLISTED,
            source=source,
            attempt=attempt,
            enrolled_by=by if by and by.is_authenticated else None,
            note=note,
        )
        enrolment.full_clean()
        enrolment.save()
        notifications.enrolment_changed(enrolment)
    return enrolment


def _promote_waiting(session: Session) -> list[Enrolment]:
    """Give the session's free places to the first people waiting. The
    caller holds the session's lock."""
    free = calc.places_left(
        session.capacity, session.enrolments.holding_a_place().count()
    )
    if not free:
        return []
    promoted = list(session.enrolments.waiting().select_related("staff__user")[:free])
    for enrolment in promoted:
        enrolment.state = Enrolment.State.ENROLLED
        enrolment.source = Enrolment.Source.WAITLIST
        enrolment.save(update_fields=["state", "source", "updated_at"])
        notifications.enrolment_changed(
            enrolment, reason="A place came free and it is yours."
        )
    return promoted


def enrolment_cancel(*, enrolment: Enrolment, by, reason: str = "") -> Enrolment:
    """Cancel a place or a waitlist spot before the session starts: the
    person, whoever assigns them, or the system (``by=None``). A place that
    comes free goes to the first person waiting."""
    if by is not None and not may_cancel(viewer=by, enrolment=enrolment):
        raise PermissionDenied("Only the person, their lead, the trainer or a manager.")
    with transaction.atomic():
        session = _locked_session(enrolment.session)
        enrolment = Enrolment.objects.select_related("staff__user").get(pk=enrolment.pk)
        enrolment.session = session
        if enrolment.state not in (
            Enrolment.State.ENROLLED,
            Enrolment.State.WAITLISTED,
        ):
            raise ValidationError(
                f"This enrolment is {enrolment.get_state_display().lower()}."
            )
        if session.starts_at <= timezone.now():
            raise ValidationError("The session has started: mark attendance instead.")
        enrolment.state = Enrolment.State.CANCELLED
        enrolment.save(update_fields=["state", "updated_at"])
        notifications.enrolment_changed(enrolment, reason=reason)
        _promote_waiting(session)
    return enrolment


def session_capacity_set(*, session: Session, capacity: int, by) -> Session:
    """Change how many places a session has; more places go to the waitlist.
    Fewer than the places already held is refused."""
    if by is not None and not may_run(viewer=by, session=session):
        raise PermissionDenied("Only the session's trainer or a manager.")
    with transaction.atomic():
        session = _locked_session(session)
        holding = session.enrolments.holding_a_place().count()
        if capacity < max(holding, 1):
            raise ValidationError(
                {"capacity": f"{holding} places are taken: cancel some first."}
            )
        session.capacity = capacity
        session.save(update_fields=["capacity"])
        _promote_waiting(session)
    return session


def enrolments_cancel_after(
    *, staff: Staff, last_day: datetime.date, reason: str
) -> list[Enrolment]:
    """Cancel ``staff``'s places and waitlist spots on sessions starting
    after ``last_day`` (a resignation), each freed place going to the
    waitlist."""
    cancelled = []
    with transaction.atomic():
        sessions = list(
            Session.objects.select_for_update(of=("self",))
            .filter(
                pk__in=Enrolment.objects.filter(
                    staff=staff,
                    session__first_day__gt=last_day,
                    state__in=[Enrolment.State.ENROLLED, Enrolment.State.WAITLISTED],
                ).values("session_id")
            )
            .select_related("course", "trainer")
            .order_by("pk")
        )
        for session in sessions:
            for enrolment in session.enrolments.filter(
                staff=staff,
                state__in=[Enrolment.State.ENROLLED, Enrolment.State.WAITLISTED],
            ).select_related("staff__user"):
                enrolment.state = Enrolment.State.CANCELLED
                enrolment.save(update_fields=["state", "updated_at"])
                enrolment.session = session
                notifications.enrolment_changed(enrolment, reason=reason)
                cancelled.append(enrolment)
            _promote_waiting(session)
    return cancelled
