"""The staffing requirement's inputs: the outbound portfolio by DPD bucket and
the inbound forecast with its import. Managers edit them; leads see them."""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.generic import FormView
from wagtail.admin.views.generic import IndexView, WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton

from deskbook.core.refusals import RefusedWith403, RefusesWith403
from workforce.people.viewsets.spreadsheet_upload import SpreadsheetImportMixin

from ..models import InboundForecast, PortfolioBucket
from ..services import ForecastImportFailed, inbound_forecast_import

IMPORT_FORECAST = "attendance.add_inboundforecast"


class PortfolioBucketViewSet(RefusesWith403, ModelViewSet):
    model = PortfolioBucket
    url_prefix = "workforce/portfolio-buckets"
    icon = "table"
    menu_label = "Portfolio buckets"
    menu_order = 30
    copy_view_enabled = False
    list_filter = ["team"]
    list_display = [
        "bucket",
        "team",
        "debtor_time_zone",
        "accounts",
        "attempts_per_account_per_day",
        "handle_seconds",
    ]
    form_fields = [
        "team",
        "bucket",
        "debtor_time_zone",
        "accounts",
        "attempts_per_account_per_day",
        "handle_seconds",
    ]


class ForecastIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.request.user.has_perm(IMPORT_FORECAST):
            upload = reverse("attendance_inbound_forecasts:import")
            buttons = [*buttons, HeaderButton("Import", upload, icon_name="upload")]
        return buttons


class ForecastImportView(
    SpreadsheetImportMixin, RefusedWith403, WagtailAdminTemplateMixin, FormView
):
    template_name = "attendance/forecast_import.html"
    page_title = "Import an inbound forecast"
    header_icon = "upload"
    failure = ForecastImportFailed
    listing = "attendance_inbound_forecasts:index"
    listing_label = "Inbound forecast"
    done_message = "Inbound forecast imported"

    def check_allowed(self):
        if not self.request.user.has_perm(IMPORT_FORECAST):
            raise PermissionDenied("Inbound forecasts are imported by managers.")

    def run_import(self, *, source, filename, dry_run):
        return inbound_forecast_import(
            source=source, filename=filename, dry_run=dry_run
        )


class InboundForecastViewSet(RefusesWith403, ModelViewSet):
    model = InboundForecast
    url_prefix = "workforce/inbound-forecast"
    icon = "table"
    menu_label = "Inbound forecast"
    menu_order = 40
    index_view_class = ForecastIndexView
    copy_view_enabled = False
    list_filter = ["team", "day"]
    list_display = ["team", "day", "interval_start", "calls", "aht_seconds"]
    form_fields = ["team", "day", "interval_start", "calls", "aht_seconds"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("import/", ForecastImportView.as_view(), name="import"),
        ]
