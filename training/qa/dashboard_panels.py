"""Dashboard panels of QA, each drawn only for whom it serves: *My queue*
(analysts), *Disputes to decide* and *Coaching follow-ups* (leads and senior
analysts), *My evaluations* (everyone with a staff record)."""

from django.utils import timezone

from deskbook.core.dashboard_panels import DashboardPanel
from workforce.people.selectors import staff_of, teams_led_by

from .evaluation_selectors import (
    DECIDE_ANY,
    disputes_to_decide,
    follow_ups_due,
    my_evaluations,
    queue_of,
)

FIRST_FEW = 5


class MyQueuePanel(DashboardPanel):
    name = "qa_my_queue"
    order = 81
    template_name = "qa/panels/my_queue.html"

    def get_context_data(self, parent_context=None):
        to_score = queue_of(viewer=self.request.user).filter(is_done=False)
        return {"count": to_score.count(), "rows": to_score[:FIRST_FEW]}


class DisputesToDecidePanel(DashboardPanel):
    name = "qa_disputes_to_decide"
    order = 82
    template_name = "qa/panels/disputes.html"

    def get_context_data(self, parent_context=None):
        disputes = disputes_to_decide(viewer=self.request.user).order_by("raised_at")
        return {"count": disputes.count(), "disputes": disputes[:FIRST_FEW]}


class CoachingFollowUpsPanel(DashboardPanel):
    name = "qa_coaching_follow_ups"
    order = 83
    template_name = "qa/panels/follow_ups.html"

    def get_context_data(self, parent_context=None):
        due = follow_ups_due(viewer=self.request.user, on=timezone.localdate())
        return {"count": due.count(), "records": due[:FIRST_FEW]}


class MyEvaluationsPanel(DashboardPanel):
    name = "qa_my_evaluations"
    order = 84
    template_name = "qa/panels/my_evaluations.html"

    def get_context_data(self, parent_context=None):
        evaluations = my_evaluations(viewer=self.request.user)
        return {"evaluations": evaluations[:FIRST_FEW]}


def qa_panels(request) -> list[DashboardPanel]:
    user = request.user
    panels: list[DashboardPanel] = []
    if user.has_perm("qa.score_call"):
        panels.append(MyQueuePanel(request))
    if user.has_perm(DECIDE_ANY) or teams_led_by(user).exists():
        panels.append(DisputesToDecidePanel(request))
        panels.append(CoachingFollowUpsPanel(request))
    if staff_of(user) is not None:
        panels.append(MyEvaluationsPanel(request))
    return panels
