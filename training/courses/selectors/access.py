"""Who may see and act on whose training.

- Whoever holds ``courses.oversee_training`` or the people app's
  ``workforce.oversee_staff`` (managers) sees and runs everything.
- A trainer runs the sessions they teach and the courses they own, and sees
  the people enrolled in those courses.
- A team lead sees their teams' people (the people scope rule, on the
  session's first day) and assigns them to sessions.
- Everyone sees their own enrolments and certificates.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from workforce.people.models import Staff, TeamMembership
from workforce.people.selectors import SEE_EVERYONE, teams_led_by

from ..models import Course, Session

OVERSEE = "courses.oversee_training"
ASSIGN = "courses.add_enrolment"


def is_active(viewer) -> bool:
    return bool(viewer and viewer.is_authenticated and viewer.is_active)


def oversees_training(viewer) -> bool:
    return is_active(viewer) and (
        viewer.has_perm(OVERSEE) or viewer.has_perm(SEE_EVERYONE)
    )


def courses_run_by(viewer) -> QuerySet[Course]:
    """The courses ``viewer`` owns or teaches a session of; every course for
    whoever oversees training."""
    if oversees_training(viewer):
        return Course.objects.all()
    if not is_active(viewer):
        return Course.objects.none()
    teaching = Session.objects.filter(course=OuterRef("pk"), trainer__user=viewer)
    return Course.objects.filter(Q(owner__user=viewer) | Exists(teaching))


def runs_training(viewer) -> bool:
    """Whether ``viewer`` runs any course: the trainer's pages and panel."""
    return is_active(viewer) and courses_run_by(viewer).exists()


def may_run(*, viewer, session: Session) -> bool:
    """Mark attendance, record scores, cancel places: the session's trainer,
    the course's owner, or whoever oversees training."""
    if not is_active(viewer):
        return False
    if oversees_training(viewer):
        return True
    if session.trainer.user_id == viewer.pk:
        return True
    course = session.course
    return course.owner_id is not None and course.owner.user_id == viewer.pk


def leads_on(*, viewer, staff: Staff, session: Session) -> bool:
    """Whether ``viewer`` leads a team ``staff`` is in on the session's first day."""
    if not is_active(viewer) or session.first_day is None:
        return False
    return (
        TeamMembership.objects.on(session.first_day)
        .filter(staff=staff, team__in=teams_led_by(viewer))
        .exists()
    )


def may_assign(*, viewer, staff: Staff, session: Session) -> bool:
    """Put someone on a session: whoever runs it, or a lead of the person's
    team (with the right to assign)."""
    if may_run(viewer=viewer, session=session):
        return True
    return (
        is_active(viewer)
        and viewer.has_perm(ASSIGN)
        and leads_on(viewer=viewer, staff=staff, session=session)
    )


def may_cancel(*, viewer, enrolment) -> bool:
    """The person themselves, whoever may assign them."""
    if not is_active(viewer):
        return False
    if enrolment.staff.user_id == viewer.pk:
        return True
    return may_assign(viewer=viewer, staff=enrolment.staff, session=enrolment.session)


def in_teams_on_first_day(teams, staff_ref="staff", day_ref="session__first_day"):
    """An ``Exists`` for rows whose person was in one of ``teams`` (a team, or
    a queryset of them) on the row's session's first day."""
    team_filter = {"team__in": teams} if hasattr(teams, "model") else {"team": teams}
    return Exists(
        TeamMembership.objects.filter(
            staff=OuterRef(staff_ref),
            valid_from__lte=OuterRef(day_ref),
            **team_filter,
        ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=OuterRef(day_ref)))
    )


def in_led_team_on_first_day(viewer):
    """Rows whose person was in a team ``viewer`` leads on the session's
    first day."""
    return in_teams_on_first_day(teams_led_by(viewer))
