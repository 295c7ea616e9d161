"""Uploading a spreadsheet to an import: the form and the page's shape,
shared by every import in the back office (staff, leave allocations …)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from ..rosters import EXTENSIONS

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class SpreadsheetUploadForm(forms.Form):
    max_upload_bytes = MAX_UPLOAD_BYTES

    spreadsheet = forms.FileField(
        label="File",
        help_text="A .csv or .xlsx file with a header row; see the columns above.",
    )
    dry_run = forms.BooleanField(
        required=False,
        label="Only check",
        help_text="Report what would change and write nothing.",
    )

    def clean_spreadsheet(self):
        spreadsheet = self.cleaned_data["spreadsheet"]
        if not spreadsheet.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError("Upload a .csv or .xlsx file.")
        if spreadsheet.size > self.max_upload_bytes:
            megabytes = self.max_upload_bytes // (1024 * 1024)
            raise forms.ValidationError(f"The file is larger than {megabytes} MB.")
        return spreadsheet


class SpreadsheetImportMixin:
    """For a ``FormView``: run ``run_import(file, filename, dry_run)``; its
    ``failure`` exception (with ``problems``) re-renders the page with every
    problem, a dry run with its report, a real run goes back to the
    ``listing`` (a URL name) saying ``done_message: report``."""

    form_class = SpreadsheetUploadForm
    failure: type[Exception]
    listing: str
    listing_label: str
    done_message: str

    def run_import(self, *, source, filename: str, dry_run: bool):
        raise NotImplementedError

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.listing), "label": self.listing_label},
            {"url": "", "label": self.page_title},
        ]

    def imported(self, report):
        """The response after a real import."""
        messages.success(self.request, f"{self.done_message}: {report}.")
        return redirect(reverse(self.listing))

    def form_valid(self, form):
        spreadsheet = form.cleaned_data["spreadsheet"]
        dry_run = form.cleaned_data["dry_run"]
        try:
            report = self.run_import(
                source=spreadsheet, filename=spreadsheet.name, dry_run=dry_run
            )
        except self.failure as failure:
            context = self.get_context_data(form=form, problems=failure.problems)
            return self.render_to_response(context)
        if dry_run:
            return self.render_to_response(
                self.get_context_data(form=form, report=report)
            )
        return self.imported(report)
