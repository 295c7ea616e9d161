"""Clock events: leads see their teams' and managers everyone's, as they
came; managers import dialer and badge logs. Nobody adds or edits one by
hand: a wrong day is corrected, not its events."""

from django.core.exceptions import PermissionDenied
from django.db.models.functions import TruncDate
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import FormView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView, WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton

from deskbook.core.refusals import RefusedWith403, RefusesWith403
from workforce.people.selectors import rows_visible_to
from workforce.people.viewsets.spreadsheet_upload import SpreadsheetImportMixin

from ..models import ClockEvent
from ..services import ClockImportFailed, import_clock_events

IMPORT_EVENTS = "attendance.import_clockevent"


class ClockEventIndexView(IndexView):
    def get_base_queryset(self):
        # Whose events: the people the viewer may see on each event's day in
        # the agency's time zone (a lead's team as it was that day).
        day = TruncDate("at", tzinfo=timezone.get_default_timezone())
        events = ClockEvent.objects.select_related("staff", "integration")
        return rows_visible_to(events, viewer=self.request.user, day=day).order_by(
            "-at", "-pk"
        )

    def get_add_url(self):
        return None

    def get_edit_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None

    @cached_property
    def header_buttons(self):
        if not self.request.user.has_perm(IMPORT_EVENTS):
            return []
        upload = reverse("attendance_clock_events:import")
        return [HeaderButton("Import", upload, icon_name="upload")]


class ClockEventImportView(
    SpreadsheetImportMixin, RefusedWith403, WagtailAdminTemplateMixin, FormView
):
    template_name = "attendance/clock_event_import.html"
    page_title = "Import clock events"
    header_icon = "upload"
    failure = ClockImportFailed
    listing = "attendance_clock_events:index"
    listing_label = "Clock events"
    done_message = "Clock events imported"

    def check_allowed(self):
        if not self.request.user.has_perm(IMPORT_EVENTS):
            raise PermissionDenied("Clock event logs are imported by managers.")

    def run_import(self, *, source, filename, dry_run):
        return import_clock_events(source=source, filename=filename, dry_run=dry_run)


class ClockEventViewSet(RefusesWith403, ModelViewSet):
    model = ClockEvent
    url_prefix = "workforce/clock-events"
    icon = "time"
    menu_label = "Clock events"
    menu_order = 10
    index_view_class = ClockEventIndexView
    copy_view_enabled = False
    list_filter = ["kind", "source"]
    list_display = [
        Column("staff", label="Person", sort_key="staff__last_name"),
        "kind",
        Column("at", label="At", sort_key="at"),
        "source",
        "integration",
    ]
    search_fields = ["staff__first_name", "staff__last_name", "staff__employee_number"]
    form_fields = ["staff", "kind", "at"]
    list_export = ["staff.employee_number", "staff.full_name", "kind", "at", "source"]
    export_headings = {
        "staff.employee_number": "Employee number",
        "staff.full_name": "Name",
    }
    export_filename = "clock-events"

    def get_urlpatterns(self):
        # Only the listing and the import: events are never added by hand.
        listing = [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name in ("index", "index_results")
        ]
        return [
            *listing,
            path("import/", ClockEventImportView.as_view(), name="import"),
        ]
