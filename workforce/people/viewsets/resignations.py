"""Resignations, recorded through ``resignation_record``."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

from deskbook.core.exports import SAFE_TEXT
from deskbook.core.refusals import RefusesWith403

from ..admin_forms import ResignationForm
from ..hooks import WORKFORCE_MENU
from ..models import Resignation
from ..services import resignation_record, resignation_withdraw
from .service_forms import ServiceCreateView

WITHDRAW = "workforce.add_resignation"


class ResignationIndexView(IndexView):
    custom_value_preprocess = SAFE_TEXT

    def get_base_queryset(self):
        return Resignation.objects.select_related("staff")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.withdrawn_on is None and self.request.user.has_perm(WITHDRAW):
            url = reverse("resignations:withdraw", args=[instance.pk])
            buttons.append(ListingButton("Withdraw", url=url, icon_name="undo"))
        return buttons


def withdraw_view(request, pk):
    """Confirm, then withdraw a resignation through ``resignation_withdraw``."""
    if not request.user.has_perm(WITHDRAW):
        raise PermissionDenied
    resignation = get_object_or_404(Resignation.objects.select_related("staff"), pk=pk)
    if request.method == "POST":
        try:
            resignation_withdraw(
                resignation=resignation, on=timezone.localdate(), by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, f"{resignation.staff.full_name} stays: resignation withdrawn."
            )
        return redirect("resignations:index")
    return TemplateResponse(
        request,
        "workforce/resignation_withdraw.html",
        {"resignation": resignation, "page_title": "Withdraw a resignation"},
    )


class ResignationCreateView(ServiceCreateView):
    def call_service(self, data):
        return resignation_record(by=self.request.user, **data)


class ResignationViewSet(RefusesWith403, ModelViewSet):
    model = Resignation
    url_prefix = "workforce/resignations"
    icon = "logout"
    menu_label = "Resignations"
    menu_order = 50
    add_to_admin_menu = True
    menu_hook = WORKFORCE_MENU
    index_view_class = ResignationIndexView
    add_view_class = ResignationCreateView
    list_display = ["staff", "notice_given_on", "last_working_day", "withdrawn_on"]
    list_filter = ["last_working_day"]
    search_fields = ["staff__first_name", "staff__last_name", "staff__employee_number"]
    list_export = [
        "staff.employee_number",
        "staff.full_name",
        "notice_given_on",
        "last_working_day",
        "reason",
        "exit_interview_notes",
        "withdrawn_on",
    ]
    export_headings = {
        "staff.employee_number": "Employee number",
        "staff.full_name": "Name",
    }
    export_filename = "resignations"

    def get_form_class(self, for_update=False):
        return ResignationForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("withdraw/<int:pk>/", withdraw_view, name="withdraw"),
        ]
