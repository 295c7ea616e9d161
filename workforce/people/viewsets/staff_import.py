"""The roster upload: the staff import, offered to whoever may add staff."""

from django.urls import path
from django.views.generic import FormView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import (
    PermissionCheckedMixin,
    WagtailAdminTemplateMixin,
)
from wagtail.admin.viewsets.base import ViewSet

from deskbook.core.refusals import RefusesWith403

from ..hooks import WORKFORCE_MENU
from ..models import Staff
from ..staff_import import StaffImportFailed, staff_import
from .spreadsheet_upload import SpreadsheetImportMixin

IMPORT_STAFF = "workforce.add_staff"


class StaffImportView(
    SpreadsheetImportMixin, PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView
):
    model = Staff
    permission_required = "add"
    template_name = "workforce/staff_import.html"
    page_title = "Import staff"
    header_icon = "upload"
    failure = StaffImportFailed
    listing = "staff:index"
    listing_label = "Staff"
    done_message = "Staff imported"

    def run_import(self, *, source, filename, dry_run):
        return staff_import(
            source=source, filename=filename, dry_run=dry_run, by=self.request.user
        )


class StaffImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(IMPORT_STAFF)


class StaffImportViewSet(RefusesWith403, ViewSet):
    name = "staff_import"
    url_prefix = "workforce/staff-import"
    icon = "upload"
    menu_label = "Import staff"
    menu_order = 15
    add_to_admin_menu = True
    menu_hook = WORKFORCE_MENU
    menu_item_class = StaffImportMenuItem

    def get_urlpatterns(self):
        return [path("", StaffImportView.as_view(), name="index")]
