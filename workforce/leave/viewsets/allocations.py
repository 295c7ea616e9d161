"""Allocations: managers keep them (or import them); leads see their teams'."""

import django_filters
from django.utils import timezone
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from deskbook.core.exports import SAFE_TEXT
from workforce.scheduling.viewsets.access import RefusesWith403

from ..models import Allocation, LeaveType
from ..selectors import allocations_visible_to


class AllocationFilterSet(WagtailFilterSet):
    year = django_filters.NumberFilter()
    leave_type = django_filters.ModelChoiceFilter(queryset=LeaveType.objects.all())

    class Meta:
        model = Allocation
        fields = []


class AllocationIndexView(IndexView):
    custom_value_preprocess = SAFE_TEXT

    def get_base_queryset(self):
        return allocations_visible_to(self.request.user, on=timezone.localdate())


class AllocationViewSet(RefusesWith403, ModelViewSet):
    model = Allocation
    url_prefix = "workforce/leave-allocations"
    icon = "table"
    menu_label = "Allocations"
    menu_order = 30
    index_view_class = AllocationIndexView
    filterset_class = AllocationFilterSet
    copy_view_enabled = False
    list_display = [
        Column("staff", label="Person", sort_key="staff__last_name"),
        "leave_type",
        "year",
        "granted",
        Column("carried_over", label="Carried over"),
        Column("carry_over_expires", label="Carry-over expires"),
        "taken",
        "pending",
        Column("remaining", label="Remaining"),
    ]
    search_fields = ["staff__first_name", "staff__last_name", "staff__employee_number"]
    form_fields = [
        "staff",
        "leave_type",
        "year",
        "granted",
        "carried_over",
        "carry_over_expires",
    ]
    list_export = [
        "staff.employee_number",
        "staff.full_name",
        "leave_type.code",
        "year",
        "granted",
        "carried_over",
        "carry_over_expires",
        "taken",
        "pending",
        "remaining",
    ]
    export_headings = {
        "staff.employee_number": "Employee number",
        "staff.full_name": "Name",
        "leave_type.code": "Leave type",
    }
    export_filename = "leave-allocations"
