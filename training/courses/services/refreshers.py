"""The daily refresher job: each person due a refresher goes to the next
session of the course that renews their certificate with a place left."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import Enrolment, Session
from ..selectors.refreshers import REFRESHER_WINDOW_DAYS, due_certificates
from .enrolments import enrolment_create


@dataclass
class RefresherRun:
    enrolled: list[Enrolment] = field(default_factory=list)
    # People left without a place, by the id of the renewing course.
    demand: Counter = field(default_factory=Counter)
    refused: list[str] = field(default_factory=list)


def refreshers_enrol(
    *, today: datetime.date, within_days: int = REFRESHER_WINDOW_DAYS
) -> RefresherRun:
    """Enrol everyone due within ``within_days`` days (and not yet booked) on
    the first upcoming session of the renewing course with a place left.
    Nobody is put on a waitlist by the job: when no session has room the
    person is counted in the demand the trainer sees. A second run the same
    day finds them booked and changes nothing."""
    run = RefresherRun()
    due = list(
        due_certificates(today=today, within_days=within_days).filter(booked=False)
    )
    if not due:
        return run
    course_ids = {certificate.renewal_course_id for certificate in due}
    sessions = defaultdict(list)
    for session in (
        Session.objects.upcoming()
        .filter(course_id__in=course_ids)
        .with_places()
        .select_related("course", "trainer")
    ):
        sessions[session.course_id].append(session)
    for certificate in due:
        offered = [
            s for s in sessions[certificate.renewal_course_id] if s.places_left > 0
        ]
        if not offered:
            run.demand[certificate.renewal_course_id] += 1
            continue
        session = offered[0]
        try:
            with transaction.atomic():
                enrolment = enrolment_create(
                    session=session,
                    staff=certificate.staff,
                    source=Enrolment.Source.REFRESHER,
                    note=f"Certificate {certificate.number} expires "
                    f"{certificate.expires_on:%d %b %Y}",
                )
        except ValidationError as refusal:
            run.refused.append(f"{certificate.staff.full_name}: {refusal.messages[0]}")
            continue
        if enrolment.state == Enrolment.State.ENROLLED:
            session.places_left -= 1
        run.enrolled.append(enrolment)
    return run
