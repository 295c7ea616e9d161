"""The allocations upload: a year's grants from a spreadsheet, for whoever
may add and change allocations (managers)."""

from django.core.exceptions import PermissionDenied
from django.views.generic import FormView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from deskbook.core.refusals import RefusedWith403
from workforce.people.viewsets.spreadsheet_upload import SpreadsheetImportMixin

from ..services import AllocationImportFailed, import_allocations

IMPORT_ALLOCATIONS = ("leave.add_allocation", "leave.change_allocation")


def may_import_allocations(user) -> bool:
    return user.has_perms(IMPORT_ALLOCATIONS)


class AllocationImportView(
    SpreadsheetImportMixin, RefusedWith403, WagtailAdminTemplateMixin, FormView
):
    template_name = "leave/allocation_import.html"
    page_title = "Import allocations"
    header_icon = "upload"
    failure = AllocationImportFailed
    listing = "leave_allocations:index"
    listing_label = "Allocations"
    done_message = "Allocations imported"

    def check_allowed(self):
        if not may_import_allocations(self.request.user):
            raise PermissionDenied("Allocations are imported by managers.")

    def run_import(self, *, source, filename, dry_run):
        return import_allocations(source=source, filename=filename, dry_run=dry_run)
