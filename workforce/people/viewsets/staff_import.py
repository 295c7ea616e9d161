"""The roster upload: the staff import, offered to whoever may add staff."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
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
from ..rosters import EXTENSIONS
from ..staff_import import StaffImportFailed, staff_import

IMPORT_STAFF = "workforce.add_staff"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class StaffImportForm(forms.Form):
    roster = forms.FileField(
        help_text="A .csv or .xlsx file with a header row; see the column list above."
    )
    dry_run = forms.BooleanField(
        required=False,
        label="Only check",
        help_text="Report what would change and write nothing.",
    )

    def clean_roster(self):
        roster = self.cleaned_data["roster"]
        if not roster.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError("Upload a .csv or .xlsx file.")
        if roster.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is larger than 5 MB.")
        return roster


class StaffImportView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    model = Staff
    permission_required = "add"
    form_class = StaffImportForm
    template_name = "workforce/staff_import.html"
    page_title = "Import staff"
    header_icon = "upload"

    def form_valid(self, form):
        roster = form.cleaned_data["roster"]
        dry_run = form.cleaned_data["dry_run"]
        try:
            report = staff_import(
                source=roster,
                filename=roster.name,
                dry_run=dry_run,
                by=self.request.user,
            )
        except StaffImportFailed as failure:
            context = self.get_context_data(form=form, problems=failure.problems)
            return self.render_to_response(context)
        if dry_run:
            context = self.get_context_data(form=form, report=report)
            return self.render_to_response(context)
        messages.success(self.request, f"Staff imported: {report}.")
        return redirect(reverse("staff:index"))


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
