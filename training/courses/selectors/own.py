"""A person's own training: certificates, what is due, their sessions, and
the sessions open to them."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from workforce.people.models import Staff

from ..models import Certificate, Enrolment, Session
from .refreshers import REFRESHER_WINDOW_DAYS


def my_certificates(staff: Staff) -> list[Certificate]:
    """Each course's newest certificate of the person (renewed ones left out)."""
    return list(
        Certificate.objects.latest_per_person_and_course()
        .filter(staff=staff)
        .select_related("course")
        .order_by("expires_on", "course__title")
    )


def my_enrolments(staff: Staff) -> QuerySet[Enrolment]:
    return (
        Enrolment.objects.filter(staff=staff)
        .select_related("session__course", "session__trainer", "feedback")
        .order_by("-session__starts_at", "-pk")
    )


def open_sessions(staff: Staff, now: datetime.datetime | None = None) -> list[Session]:
    """Upcoming sessions of courses open for self-enrolment that the person
    is not on, with their places left."""
    now = now or timezone.now()
    return list(
        Session.objects.upcoming(now)
        .filter(course__open_for_self_enrolment=True, course__active=True)
        .exclude(
            enrolments__staff=staff, enrolments__state__in=["enrolled", "waitlisted"]
        )
        .with_places()
        .select_related("course", "trainer")[:20]
    )


def due_soon(
    certificates: list[Certificate], today: datetime.date
) -> list[Certificate]:
    limit = today + datetime.timedelta(days=REFRESHER_WINDOW_DAYS)
    return [c for c in certificates if c.expires_on and c.expires_on <= limit]
