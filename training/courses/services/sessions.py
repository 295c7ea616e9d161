"""Scheduling sessions on the *Training* calendar, confirming and cancelling
them."""

import datetime
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from schedule.models import Calendar, Event

from workforce.people.models import Staff

from .. import notifications
from ..models import Course, Enrolment, Session, SessionDate
from ..selectors import may_run, oversees_training

TRAINING_CALENDAR = "training"


def training_calendar() -> Calendar:
    """The django-scheduler calendar every session date sits on."""
    calendar, _ = Calendar.objects.get_or_create(
        slug=TRAINING_CALENDAR, defaults={"name": "Training"}
    )
    return calendar


def _event_for(session: Session, start, end, calendar: Calendar, by) -> Event:
    return Event(
        calendar=calendar,
        start=start,
        end=end,
        title=f"Training: {session.course.title}",
        description=f"{session.where}, with {session.trainer.full_name}",
        color_event="#6a1b9a",
        creator=by if by and by.is_authenticated else None,
    )


def _check_dates(dates: Sequence[tuple[datetime.datetime, datetime.datetime]]):
    if not dates:
        raise ValidationError({"dates": "Give at least one date."})
    for start, end in dates:
        if end <= start:
            when = f"{timezone.localtime(start):%d %b %H:%M}"
            raise ValidationError({"dates": f"{when} ends before it starts."})
    ordered = sorted(dates)
    for (_, end), (start, _) in zip(ordered, ordered[1:], strict=False):
        if start < end:
            raise ValidationError({"dates": "Two dates of the session overlap."})


def session_schedule(
    *,
    course: Course,
    trainer: Staff,
    capacity: int,
    dates: Sequence[tuple[datetime.datetime, datetime.datetime]],
    room: str = "",
    online_link: str = "",
    confirmed: bool = False,
    notes: str = "",
    by,
) -> Session:
    """A new session of ``course`` on ``dates`` (start, end pairs), each an
    event on the *Training* calendar. Whoever oversees training schedules
    anyone's; a trainer, their own."""
    if by is not None and not (
        oversees_training(by)
        or (trainer.user_id == by.pk and course.owner_id in (None, trainer.pk))
        or (course.owner_id and course.owner.user_id == by.pk)
    ):
        raise PermissionDenied("Only the course's trainer or a manager.")
    _check_dates(dates)
    ordered = sorted(dates)
    session = Session(
        course=course,
        trainer=trainer,
        capacity=capacity,
        room=room.strip(),
        online_link=online_link.strip(),
        status=Session.Status.CONFIRMED if confirmed else Session.Status.PLANNED,
        notes=notes,
        starts_at=ordered[0][0],
        ends_at=ordered[-1][1],
        first_day=timezone.localtime(ordered[0][0]).date(),
    )
    session.full_clean()
    with transaction.atomic():
        session.save()
        calendar = training_calendar()
        events = Event.objects.bulk_create(
            [_event_for(session, start, end, calendar, by) for start, end in ordered]
        )
        SessionDate.objects.bulk_create(
            SessionDate(session=session, start=start, end=end, event=event)
            for (start, end), event in zip(ordered, events, strict=True)
        )
    return session


def session_confirm(*, session: Session, by) -> Session:
    """Confirm a planned session: its people are away from the plan for its
    times, and attendance excuses them."""
    if by is not None and not may_run(viewer=by, session=session):
        raise PermissionDenied("Only the session's trainer or a manager.")
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session.pk)
        if session.status != Session.Status.PLANNED:
            raise ValidationError(
                f"This session is {session.get_status_display().lower()}."
            )
        session.status = Session.Status.CONFIRMED
        session.save(update_fields=["status"])
    return session


def session_cancel(*, session: Session, by, reason: str) -> Session:
    """Cancel a session that has not started: its places and waitlist are
    cancelled, each person told why, and its dates leave the calendar."""
    if by is not None and not may_run(viewer=by, session=session):
        raise PermissionDenied("Only the session's trainer or a manager.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why: the people enrolled are told."})
    with transaction.atomic():
        session = (
            Session.objects.select_for_update()
            .select_related("course", "trainer")
            .get(pk=session.pk)
        )
        if session.status == Session.Status.CANCELLED:
            raise ValidationError("This session is already cancelled.")
        if session.starts_at and session.starts_at <= timezone.now():
            raise ValidationError(
                "The session has started: it can no longer be cancelled."
            )
        session.status = Session.Status.CANCELLED
        session.save(update_fields=["status"])
        cancelled = list(
            session.enrolments.filter(
                state__in=[Enrolment.State.ENROLLED, Enrolment.State.WAITLISTED]
            ).select_related("staff__user", "session__course", "session__trainer")
        )
        Enrolment.objects.filter(pk__in=[e.pk for e in cancelled]).update(
            state=Enrolment.State.CANCELLED, updated_at=timezone.now()
        )
        for enrolment in cancelled:
            enrolment.state = Enrolment.State.CANCELLED
            notifications.enrolment_changed(
                enrolment, reason=f"The session is cancelled: {reason.strip()}"
            )
        Event.objects.filter(training_date__session=session).delete()
    return session
