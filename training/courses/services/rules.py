"""Enrolment rules: who is enrolled without asking."""

import datetime
import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from workforce.people.models import Staff, Team

from ..models import Enrolment, EnrolmentRule, Session
from .enrolments import enrolment_create

logger = logging.getLogger(__name__)


def next_session(course, *, after: datetime.date) -> Session | None:
    """The first standing session of ``course`` starting after ``after``
    with a place left; failing that, the first one (to wait on)."""
    sessions = list(
        Session.objects.upcoming()
        .filter(course=course, first_day__gte=after)
        .with_places()[:20]
    )
    for session in sessions:
        if session.places_left > 0:
            return session
    return sessions[0] if sessions else None


def enrolment_rules_apply(
    *, staff: Staff, team: Team, on: datetime.date
) -> list[Enrolment]:
    """Enrol a new hire of ``team`` as its active new-hire rules say: the
    next session of each rule's course. A rule whose course has no session
    coming enrols nobody (the trainer sees the demand); one the person
    cannot take (already on it) is skipped."""
    enrolled = []
    for rule in EnrolmentRule.objects.filter(
        active=True, trigger=EnrolmentRule.Trigger.NEW_HIRE
    ).select_related("course"):
        if not rule.matches(team):
            continue
        session = next_session(rule.course, after=on)
        if session is None:
            continue
        try:
            with transaction.atomic():
                enrolled.append(
                    enrolment_create(
                        session=session,
                        staff=staff,
                        source=Enrolment.Source.RULE,
                        note=rule.name,
                    )
                )
        except ValidationError as refusal:
            logger.info("Rule %r skipped %s: %s", rule.name, staff, refusal)
    return enrolled


@dataclass(frozen=True)
class Placement:
    """What became of sending someone to a course's next session: the
    enrolment made, or why none was (no session ahead, or the reason the
    enrolment was refused, e.g. already booked)."""

    enrolment: Enrolment | None
    reason: str = ""


def enrolment_in_next_session(
    *, staff, course, source: str, note: str, today: datetime.date
) -> Placement:
    """Put ``staff`` on the next session of ``course`` (a place, or its
    waitlist when full) on the system's behalf, for another capability's
    reason (QA's critical fail). Never raises for the person's state: a
    refusal comes back as the placement's reason."""
    session = next_session(course, after=today)
    if session is None:
        return Placement(None, f"no session of {course.title} is scheduled")
    try:
        enrolment = enrolment_create(
            session=session, staff=staff, source=source, note=note
        )
    except ValidationError as refusal:
        return Placement(None, " ".join(refusal.messages))
    return Placement(enrolment)
