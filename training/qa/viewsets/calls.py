"""The call log and payments as they were imported: listed, filtered and
exported; nobody adds or edits one by hand."""

import django_filters
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton

from deskbook.core.exports import SAFE_TEXT
from deskbook.core.refusals import RefusesWith403
from workforce.people.models import Staff

from ..models import Call, Direction, Outcome, Payment
from ..selectors import calls_visible_to

IMPORT_LOGS = "qa.import_call"


def collectors(request):
    """Everyone with a call the user may see."""
    seen = calls_visible_to(viewer=request.user).values("collector_id")
    return Staff.objects.filter(pk__in=seen)


class CallFilterSet(WagtailFilterSet):
    started = django_filters.DateFromToRangeFilter(
        label="Day", field_name="started_at__date", widget=DateRangePickerWidget
    )
    collector = django_filters.ModelChoiceFilter(queryset=collectors)
    outcome = django_filters.ChoiceFilter(choices=Outcome.choices)
    direction = django_filters.ChoiceFilter(choices=Direction.choices)
    dpd_bucket = django_filters.CharFilter(label="DPD bucket")
    account_reference = django_filters.CharFilter(label="Account")

    class Meta:
        model = Call
        fields = []


def local_time(value) -> str:
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M:%S}"


class ImportedRowsIndexView(IndexView):
    """A listing of rows that come from imports only: nothing to add, edit or
    delete by hand."""

    custom_value_preprocess = SAFE_TEXT

    def get_add_url(self):
        return None

    def get_edit_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None


def listing_only(patterns):
    return [p for p in patterns if p.name in ("index", "index_results")]


class CallIndexView(ImportedRowsIndexView):
    custom_field_preprocess = {
        "started_at": {
            IndexView.FORMAT_CSV: local_time,
            IndexView.FORMAT_XLSX: local_time,
        }
    }

    def get_base_queryset(self):
        return calls_visible_to(viewer=self.request.user).select_related("collector")

    @cached_property
    def header_buttons(self):
        buttons = [
            HeaderButton(
                "Contact rules", reverse("qa_contact_rules:index"), icon_name="warning"
            )
        ]
        if self.request.user.has_perm(IMPORT_LOGS):
            upload = reverse("qa_imports:upload")
            buttons.append(HeaderButton("Import", upload, icon_name="upload"))
        return buttons


class CallViewSet(RefusesWith403, ModelViewSet):
    model = Call
    url_prefix = "qa/calls"
    icon = "mail"
    menu_label = "Calls"
    menu_order = 10
    index_view_class = CallIndexView
    filterset_class = CallFilterSet
    copy_view_enabled = False
    inspect_view_enabled = False
    list_per_page = 50
    list_display = [
        "call_id",
        Column("started_at", label="Start", sort_key="started_at"),
        Column("collector", label="Collector", sort_key="collector__last_name"),
        "account_reference",
        "dpd_bucket",
        "direction",
        "outcome",
        "duration_seconds",
        "promised_amount",
        "promised_on",
    ]
    form_fields = ["call_id"]
    list_export = [
        "call_id",
        "started_at",
        "collector.employee_number",
        "collector.full_name",
        "account_reference",
        "dpd_bucket",
        "debtor_time_zone",
        "direction",
        "outcome",
        "duration_seconds",
        "promised_amount",
        "promised_on",
        "recording_reference",
    ]
    export_headings = {
        "started_at": "Start (agency time)",
        "collector.employee_number": "Employee number",
        "collector.full_name": "Collector",
    }
    export_filename = "calls"

    def get_urlpatterns(self):
        return listing_only(super().get_urlpatterns())


class PaymentFilterSet(WagtailFilterSet):
    paid_on = django_filters.DateFromToRangeFilter(
        label="Date", widget=DateRangePickerWidget
    )
    account_reference = django_filters.CharFilter(label="Account")

    class Meta:
        model = Payment
        fields = []


class PaymentViewSet(RefusesWith403, ModelViewSet):
    model = Payment
    url_prefix = "qa/payments"
    icon = "tag"
    menu_label = "Payments"
    menu_order = 30
    index_view_class = ImportedRowsIndexView
    filterset_class = PaymentFilterSet
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["payment_id", "account_reference", "amount", "paid_on"]
    form_fields = ["payment_id"]
    list_export = ["payment_id", "account_reference", "amount", "paid_on"]
    export_filename = "payments"

    def get_urlpatterns(self):
        return listing_only(super().get_urlpatterns())
