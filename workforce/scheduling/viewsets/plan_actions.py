"""The grid's actions: apply the patterns, copy last week, clear the drafts."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from ..models import Shift
from ..services import plan_apply_patterns, plan_clear, plan_copy_week
from .access import team_to_plan
from .periods import Period
from .plan_grid import plan_url


class PlanActionMixin:
    """Reads the team (one the user plans) and the period of the request."""

    def dispatch(self, request, *args, **kwargs):
        self.team = team_to_plan(request.user, kwargs["team"])
        self.period = Period.from_query(request.GET, today=timezone.localdate())
        return super().dispatch(request, *args, **kwargs)

    def back_to_grid(self):
        return redirect(plan_url(self.team, self.period))

    def run_on_period(self, service, done: str):
        """Call ``service`` on the team and period, say ``done`` (formatted
        with the count it returns and the period), back to the grid."""
        count = service(
            team=self.team,
            first_day=self.period.first,
            last_day=self.period.last,
            by=self.request.user,
        )
        plural = "s" if count != 1 else ""
        messages.success(
            self.request, done.format(count=count, s=plural, period=self.period.label)
        )
        return self.back_to_grid()


class ApplyPatternsView(PlanActionMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        return self.run_on_period(
            plan_apply_patterns,
            "Drafted {count} shift{s} from the patterns for {period} "
            "(published days stay as they are).",
        )


class CopyWeekView(PlanActionMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        drafted = plan_copy_week(
            team=self.team, week_of=self.period.first, by=request.user
        )
        messages.success(
            request,
            f"Copied {drafted} shift{'s' if drafted != 1 else ''} from the week "
            f"before into {self.period.as_kind('week').label} as drafts.",
        )
        return self.back_to_grid()


class ClearDraftsView(PlanActionMixin, WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then delete the period's drafted shifts."""

    template_name = "scheduling/plan_clear.html"
    page_title = "Clear the drafts"
    header_icon = "bin"

    def get_breadcrumbs_items(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            team=self.team,
            period=self.period,
            drafts=Shift.objects.filter(team=self.team, status=Shift.Status.DRAFT)
            .between(self.period.first, self.period.last)
            .count(),
            grid_url=plan_url(self.team, self.period),
        )
        return context

    def post(self, request, *args, **kwargs):
        return self.run_on_period(
            plan_clear, "Deleted {count} drafted shift{s} of {period}."
        )
