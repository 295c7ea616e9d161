"""Dashboard panels of training, each drawn only for whom it serves: *My
training* for everyone with a staff record; *Training to run* for whoever
runs a course."""

from django.utils import timezone

from deskbook.core.dashboard_panels import DashboardPanel
from workforce.people.selectors import staff_of

from .models import Course, Session, SessionDate
from .selectors import courses_run_by
from .selectors.own import due_soon, my_certificates, my_enrolments
from .selectors.refreshers import refresher_demand

FIRST_FEW = 5


class MyTrainingPanel(DashboardPanel):
    """Current certificates, what is due, the next sessions."""

    name = "courses_my_training"
    order = 78
    template_name = "courses/panels/my_training.html"

    def __init__(self, request, staff):
        super().__init__(request)
        self.staff = staff

    def get_context_data(self, parent_context=None):
        today, now = timezone.localdate(), timezone.now()
        certificates = my_certificates(self.staff)
        return {
            "today": today,
            "current": [c for c in certificates if c.is_current(today)],
            "due": due_soon(certificates, today),
            "upcoming": list(
                my_enrolments(self.staff).filter(
                    state__in=["enrolled", "waitlisted"], session__starts_at__gt=now
                )[:FIRST_FEW]
            ),
        }


class TrainerPanel(DashboardPanel):
    """The trainer's next sessions, dates to mark, refresher demand, and
    courses flagged by SOP changes."""

    name = "courses_trainer"
    order = 76
    template_name = "courses/panels/trainer.html"

    def get_context_data(self, parent_context=None):
        now = timezone.now()
        courses = courses_run_by(self.request.user)
        sessions = Session.objects.filter(course__in=courses)
        to_mark = (
            SessionDate.objects.filter(
                session__in=sessions.standing(),
                start__lte=now,
                session__enrolments__state="enrolled",
            )
            .select_related("session__course")
            .distinct()
            .order_by("start")
        )
        demand = refresher_demand(today=timezone.localdate())
        titles = dict(
            Course.objects.filter(
                pk__in=demand, id__in=courses.values("pk")
            ).values_list("pk", "title")
        )
        return {
            "upcoming": list(
                sessions.upcoming(now)
                .with_places()
                .select_related("course")[:FIRST_FEW]
            ),
            "to_mark": list(to_mark[:FIRST_FEW]),
            "demand": sorted(
                ((titles[pk], n) for pk, n in demand.items() if pk in titles),
            ),
            "flagged": list(courses.flagged()),
        }


def training_panels(request) -> list[DashboardPanel]:
    panels: list[DashboardPanel] = []
    staff = staff_of(request.user)
    if staff is not None:
        panels.append(MyTrainingPanel(request, staff))
    if courses_run_by(request.user).exists():
        panels.append(TrainerPanel(request))
    return panels
