"""Who is due a refresher, the demand no session has room for, and lapsed
compliance certificates."""

import datetime
from collections import Counter
from collections.abc import Iterable

from django.db.models import Exists, F, OuterRef, QuerySet
from django.db.models.functions import Coalesce

from workforce.people.hooks import PersonFlag
from workforce.people.models import Staff, TeamMembership

from ..models import Certificate, Course, Enrolment
from .listings import certificates_visible_to

REFRESHER_WINDOW_DAYS = 60
WAITING_OR_BOOKED = (
    Enrolment.State.WAITLISTED,
    Enrolment.State.ENROLLED,
    Enrolment.State.ATTENDED,
)


def due_certificates(
    *, today: datetime.date, within_days: int
) -> QuerySet[Certificate]:
    """Each employed person's newest certificate of each course expiring
    within ``within_days`` days of ``today`` (or already expired), soonest
    first, annotated with ``renewal_course_id`` and ``booked`` (already on
    a standing session of the renewing course)."""
    renewal = Coalesce(F("course__refresher_course_id"), F("course_id"))
    booked = Enrolment.objects.filter(
        staff_id=OuterRef("staff_id"),
        session__course_id=OuterRef("renewal_course_id"),
        state__in=WAITING_OR_BOOKED,
    )
    return (
        Certificate.objects.latest_per_person_and_course()
        .filter(
            expires_on__isnull=False,
            expires_on__lte=today + datetime.timedelta(days=within_days),
            staff__in=Staff.objects.employed(),
        )
        .annotate(renewal_course_id=renewal)
        .annotate(booked=Exists(booked))
        .select_related("staff", "course")
        .order_by("expires_on", "staff__last_name", "pk")
    )


def refresher_due_list(
    *,
    viewer,
    today: datetime.date,
    within_days: int = REFRESHER_WINDOW_DAYS,
    team=None,
    course: Course | None = None,
) -> QuerySet[Certificate]:
    """The due list as ``viewer`` may see it, narrowed to a team (on
    ``today``) and a course."""
    due = due_certificates(today=today, within_days=within_days).filter(
        pk__in=certificates_visible_to(viewer).values("pk")
    )
    if team is not None:
        due = due.filter(
            staff__in=TeamMembership.objects.on(today)
            .filter(team=team)
            .values("staff_id")
        )
    if course is not None:
        due = due.filter(course=course)
    return due


def refresher_demand(
    *, today: datetime.date, within_days: int = REFRESHER_WINDOW_DAYS
) -> dict[int, int]:
    """People due and on no session, by the id of the course that renews
    them: the places the trainer still has to find."""
    rows = (
        due_certificates(today=today, within_days=within_days)
        .filter(booked=False)
        .values_list("renewal_course_id", flat=True)
    )
    return dict(Counter(rows))


def lapsed_compliance(
    staff_ids: Iterable[int], today: datetime.date
) -> dict[int, list[str]]:
    """The compliance courses whose newest certificate expired before
    ``today``, by person. One query."""
    lapsed: dict[int, list[str]] = {}
    for staff_id, title in (
        Certificate.objects.latest_per_person_and_course()
        .filter(
            staff_id__in=list(staff_ids),
            course__kind=Course.Kind.COMPLIANCE,
            expires_on__lt=today,
        )
        .order_by("course__title")
        .values_list("staff_id", "course__title")
    ):
        lapsed.setdefault(staff_id, []).append(title)
    return lapsed


def lapse_flags(staff_ids: Iterable[int], on: datetime.date) -> list[PersonFlag]:
    """Training's answer to people's ``PERSON_FLAGS``: one flag a person with
    a lapsed compliance certificate, naming the courses. One query."""
    return [
        PersonFlag(
            staff_id=staff_id,
            label="Compliance training lapsed",
            detail=", ".join(titles),
        )
        for staff_id, titles in lapsed_compliance(staff_ids, on).items()
    ]
