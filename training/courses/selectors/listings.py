"""The enrolments, sessions and certificates a viewer sees."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from workforce.people.models import TeamMembership
from workforce.people.selectors import teams_led_by

from ..models import Certificate, Enrolment, Session
from .access import (
    courses_run_by,
    in_led_team_on_first_day,
    is_active,
    oversees_training,
)


def enrolments_visible_to(viewer) -> QuerySet[Enrolment]:
    """Everyone's for whoever oversees training; otherwise one's own, those
    of the courses one runs, and those of people in a team one leads on the
    session's first day."""
    enrolments = Enrolment.objects.select_related(
        "staff", "session__course", "session__trainer"
    )
    if not is_active(viewer):
        return enrolments.none()
    if oversees_training(viewer):
        return enrolments
    return enrolments.filter(
        Q(staff__user=viewer)
        | Q(session__course__in=courses_run_by(viewer))
        | in_led_team_on_first_day(viewer)
    )


def sessions_visible_to(viewer) -> QuerySet[Session]:
    """Sessions of the courses one runs; for a lead or a collector, every
    standing session (a timetable, with nobody's name but the trainer's)."""
    sessions = Session.objects.select_related("course", "trainer").with_places()
    if not is_active(viewer):
        return sessions.none()
    if oversees_training(viewer):
        return sessions
    return sessions.filter(
        Q(course__in=courses_run_by(viewer)) | ~Q(status=Session.Status.CANCELLED)
    )


def certificates_visible_to(viewer) -> QuerySet[Certificate]:
    """One's own, those of the courses one runs, and those of the people in
    a team one leads on the day the certificate was issued."""
    certificates = Certificate.objects.select_related("staff", "course")
    if not is_active(viewer):
        return certificates.none()
    if oversees_training(viewer):
        return certificates
    in_led_team = Exists(
        TeamMembership.objects.filter(
            staff=OuterRef("staff"),
            team__in=teams_led_by(viewer),
            valid_from__lte=OuterRef("issued_on"),
        ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=OuterRef("issued_on")))
    )
    return certificates.filter(
        Q(staff__user=viewer) | Q(course__in=courses_run_by(viewer)) | in_led_team
    )
