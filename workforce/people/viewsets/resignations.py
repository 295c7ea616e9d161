"""Resignations, recorded through ``resignation_record``."""

from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from deskbook.core.exports import SAFE_TEXT

from ..admin_forms import ResignationForm
from ..hooks import WORKFORCE_MENU
from ..models import Resignation
from ..services import resignation_record
from .service_forms import ServiceCreateView


class ResignationIndexView(IndexView):
    custom_value_preprocess = SAFE_TEXT

    def get_base_queryset(self):
        return Resignation.objects.select_related("staff")


class ResignationCreateView(ServiceCreateView):
    def call_service(self, data):
        return resignation_record(by=self.request.user, **data)


class ResignationViewSet(ModelViewSet):
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
