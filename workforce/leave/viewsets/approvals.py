"""*Approvals*: the pending leave a lead decides (a manager: everyone's), each
with the half hours its team would fall under the minimum if it were
approved; approving such leave takes a confirmation, rejecting a comment."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import FormView, TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from deskbook.core.refusals import RefusedWith403
from workforce.scheduling.viewsets.service_views import add_service_errors

from ..admin_forms import DecisionForm
from ..models import LeaveRequest
from ..selectors import (
    decides_leave,
    may_decide,
    requests_to_decide,
    staffing_impacts,
    teams_during,
)
from ..services import (
    UnderMinimumStaffing,
    leave_request_approve,
    leave_request_reject,
)
from .wording import days_text, period_text, short_runs

PER_PAGE = 25
NOT_A_DECIDER = "Leave is decided by the leads of a team and by managers."


def described(request: LeaveRequest, short_days, teams) -> dict:
    """A request as the approval pages show it."""
    return {
        "request": request,
        "period": period_text(request),
        "days": days_text(request.days),
        "teams": ", ".join(team.name for team in teams),
        "short_days": [
            {"text": day.describe(), "runs": short_runs(day)} for day in short_days
        ],
    }


class ApprovalsMixin(RefusedWith403, WagtailAdminTemplateMixin):
    header_icon = "date"

    def check_allowed(self):
        if not decides_leave(self.request.user):
            raise PermissionDenied(NOT_A_DECIDER)


class ApprovalsView(ApprovalsMixin, TemplateView):
    page_title = "Leave to approve"
    template_name = "leave/approvals.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pending = requests_to_decide(viewer=self.request.user).select_related(
            "staff", "leave_type"
        )
        page = Paginator(pending, PER_PAGE).get_page(self.request.GET.get("p"))
        requests = list(page.object_list)
        impacts = staffing_impacts(requests)
        teams = teams_during(requests)
        context.update(
            page=page,
            rows=[
                described(request, impacts[request.pk], teams[request.pk])
                for request in requests
            ],
        )
        return context


class DecideView(ApprovalsMixin, FormView):
    """One request: its cost, its team's half hours under the minimum, and
    the decision. *Approve* on leave that leaves a team short asks for the
    confirmation box; *Reject* asks for a comment."""

    page_title = "Decide leave"
    template_name = "leave/decide.html"
    form_class = DecisionForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.leave = get_object_or_404(
            LeaveRequest.objects.select_related("staff", "leave_type", "decided_by"),
            pk=kwargs["request_pk"],
        )

    def check_allowed(self):
        if not may_decide(viewer=self.request.user, request=self.leave):
            raise PermissionDenied(
                f"{self.leave.staff.full_name}'s leave is decided by a lead of "
                "their team on those days, or a manager."
            )

    def get_page_subtitle(self):
        return self.leave.staff.full_name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("leave_approvals:index"), "label": "Leave to approve"},
            {"url": "", "label": self.leave.staff.full_name},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        leave = self.leave
        is_pending = leave.status == LeaveRequest.Status.PENDING
        short_days = staffing_impacts([leave])[leave.pk] if is_pending else []
        context.update(
            leave=leave,
            is_pending=is_pending,
            row=described(leave, short_days, teams_during([leave])[leave.pk]),
        )
        return context

    def form_valid(self, form):
        comment = form.cleaned_data["comment"]
        leave = self.leave
        try:
            if self.request.POST.get("action") == "reject":
                leave_request_reject(
                    request=leave, by=self.request.user, comment=comment
                )
                done = "rejected"
            else:
                leave_request_approve(
                    request=leave,
                    by=self.request.user,
                    comment=comment,
                    confirm=form.cleaned_data["confirm"],
                )
                done = "approved"
        except UnderMinimumStaffing:
            form.add_error(
                "confirm",
                "Approving leaves the team under its minimum staffing: tick the "
                "box to approve anyway, or reject.",
            )
            return self.form_invalid(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"{leave.staff.full_name}'s {leave.leave_type.name.lower()} "
            f"{period_text(leave)} {done}.",
        )
        return redirect("leave_approvals:index")


class ApprovalsMenuItem(MenuItem):
    def is_shown(self, request):
        return decides_leave(request.user)


class ApprovalsViewSet(ViewSet):
    name = "leave_approvals"
    url_prefix = "workforce/leave-approvals"
    icon = "tasks"
    menu_label = "To approve"
    menu_item_class = ApprovalsMenuItem

    def get_urlpatterns(self):
        return [
            path("", ApprovalsView.as_view(), name="index"),
            path("<int:request_pk>/", DecideView.as_view(), name="decide"),
        ]
