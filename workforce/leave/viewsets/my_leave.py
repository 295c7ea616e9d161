"""*My leave*: a person's balances for the year, their requests with a way to
cancel, and the form to ask for leave with a preview of what it costs. It
takes no person's id: it only ever shows the signed-in person, and every
action is checked again by its service."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from deskbook.core.refusals import RefusedWith403, refused_with_403
from workforce.people.selectors import staff_of
from workforce.scheduling.viewsets.service_views import add_service_errors

from .. import calculations as calc
from ..admin_forms import LeaveRequestForm
from ..models import LeaveRequest, LeaveType
from ..selectors import my_balances, my_requests, request_day_costs
from ..services import leave_request_cancel, leave_request_check, leave_request_submit
from .wording import day_text, days_text, period_text

NO_STAFF = "No staff record is linked to your sign-in: ask a manager to link one."


def may_cancel(request: LeaveRequest, today: datetime.date) -> bool:
    """Whether the person sees a cancel button (the service decides again)."""
    standing = (LeaveRequest.Status.PENDING, LeaveRequest.Status.APPROVED)
    return request.status in standing and request.first_day > today


class OwnLeaveMixin(RefusedWith403, WagtailAdminTemplateMixin):
    """For the signed-in person's own leave: refused without a staff record."""

    header_icon = "date"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.staff = staff_of(request.user)

    def check_allowed(self):
        if self.staff is None:
            raise PermissionDenied(NO_STAFF)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]


class MyLeaveView(OwnLeaveMixin, TemplateView):
    page_title = "My leave"
    template_name = "leave/my_leave.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context.update(
            today=today,
            year=today.year,
            balances=my_balances(viewer=self.request.user, year=today.year, on=today),
            without_balance=LeaveType.objects.active().filter(needs_balance=False),
            requests=[
                {
                    "request": request,
                    "period": period_text(request),
                    "days": days_text(request.days),
                    "may_cancel": may_cancel(request, today),
                }
                for request in my_requests(viewer=self.request.user)
            ],
        )
        return context


class AskForLeaveView(OwnLeaveMixin, FormView):
    """The request form. *Preview* shows each day and what it costs, with
    the refusals sending would meet; *Send* asks. Both work without script."""

    page_title = "Ask for leave"
    template_name = "leave/ask_for_leave.html"
    form_class = LeaveRequestForm

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("my_leave:index"), "label": "My leave"},
            {"url": "", "label": self.page_title},
        ]

    def form_valid(self, form):
        fields = form.request_fields()
        if "send" not in self.request.POST:
            try:
                leave_request_check(staff=self.staff, by=self.request.user, **fields)
            except ValidationError as error:
                add_service_errors(form, error)
            return self.render_to_response(
                self.get_context_data(form=form, preview=self.preview(fields))
            )
        try:
            asked = leave_request_submit(
                staff=self.staff,
                by=self.request.user,
                reason=form.cleaned_data["reason"],
                certificate=form.cleaned_data["certificate"],
                **fields,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.render_to_response(
                self.get_context_data(form=form, preview=self.preview(fields))
            )
        messages.success(
            self.request,
            f"{asked.leave_type.name} asked for: {period_text(asked)}, "
            f"{days_text(asked.days)}. A lead of your team decides.",
        )
        return redirect("my_leave:index")

    def preview(self, fields) -> dict | None:
        """Each day of the request with what it costs, or None for days
        that do not make a request."""
        if calc.parts_problem(
            fields["first_day"],
            fields["last_day"],
            fields["first_day_part"],
            fields["last_day_part"],
        ):
            return None
        days = request_day_costs(
            staff=self.staff, **{k: v for k, v in fields.items() if k != "leave_type"}
        )
        leave_type = fields["leave_type"]
        year = fields["first_day"].year
        balance = next(
            (
                line
                for line in my_balances(
                    viewer=self.request.user, year=year, on=fields["first_day"]
                )
                if line.allocation.leave_type_id == leave_type.pk
            ),
            None,
        )
        total = calc.total({day.day: day.cost for day in days})
        return {
            "leave_type": leave_type,
            "days": [
                {
                    "date": day_text(day.day),
                    "part": "" if day.part == calc.WHOLE else day.part,
                    "cost": calc.days_text(day.cost),
                    "counted": bool(day.cost),
                    "not_counted": day.not_counted,
                }
                for day in days
            ],
            "total": days_text(total),
            "balance": balance and days_text(balance.available),
            "balance_year": year,
        }


@refused_with_403
@require_POST
def cancel_view(request, request_pk):
    staff = staff_of(request.user)
    if staff is None:
        raise PermissionDenied(NO_STAFF)
    leave = get_object_or_404(
        LeaveRequest.objects.select_related("leave_type"), pk=request_pk
    )
    if leave.staff_id != staff.pk:
        # Leads and managers cancel others' leave where they decide it.
        raise PermissionDenied("Here you may cancel only your own leave.")
    try:
        leave_request_cancel(request=leave, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"{leave.leave_type.name} {period_text(leave)} cancelled."
            + (" Its days are yours again." if leave.leave_type.needs_balance else ""),
        )
    return redirect("my_leave:index")


class MyLeaveMenuItem(MenuItem):
    """Shown to everyone with a staff record."""

    def is_shown(self, request):
        return staff_of(request.user) is not None


class MyLeaveViewSet(ViewSet):
    """The signed-in person's own leave: a top-level menu item beside *My
    shifts*; the dashboard's *My leave* panel leads here too."""

    name = "my_leave"
    url_prefix = "my-leave"
    icon = "date"
    menu_label = "My leave"
    menu_order = 251
    add_to_admin_menu = True
    menu_item_class = MyLeaveMenuItem

    def get_urlpatterns(self):
        return [
            path("", MyLeaveView.as_view(), name="index"),
            path("ask/", AskForLeaveView.as_view(), name="ask"),
            path("<int:request_pk>/cancel/", cancel_view, name="cancel"),
        ]
