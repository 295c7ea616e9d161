"""Uploading a call log or payments: the file is stored, its import queued
as a background task, and its page follows the job until it is done or has
failed with every problem listed."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import DetailView, FormView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView, WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

from deskbook.core.refusals import RefusedWith403, RefusesWith403
from workforce.people.viewsets.spreadsheet_upload import SpreadsheetUploadForm

from ..models import ImportJob
from ..services import import_job_start
from .calls import listing_only

IMPORT_LOGS = "qa.import_call"
SEE_ALL_CALLS = "qa.oversee_calls"


class LogUploadForm(SpreadsheetUploadForm):
    # A month of a large floor's dialer log runs to hundreds of megabytes.
    max_upload_bytes = 500 * 1024 * 1024
    field_order = ["kind", "spreadsheet", "dry_run"]

    kind = forms.ChoiceField(
        choices=ImportJob.Kind.choices, initial=ImportJob.Kind.CALLS, label="What"
    )


class LogUploadView(RefusedWith403, WagtailAdminTemplateMixin, FormView):
    template_name = "qa/log_upload.html"
    page_title = "Import calls or payments"
    header_icon = "upload"
    form_class = LogUploadForm

    def check_allowed(self):
        if not self.request.user.has_perm(IMPORT_LOGS):
            raise PermissionDenied("Call logs and payments are imported by QA.")

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("qa_imports:index"), "label": "Imports"},
            {"url": "", "label": self.page_title},
        ]

    def form_valid(self, form):
        job = import_job_start(
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["spreadsheet"],
            dry_run=form.cleaned_data["dry_run"],
            user=self.request.user,
        )
        return redirect("qa_imports:job", pk=job.pk)


def jobs_visible_to(user):
    jobs = ImportJob.objects.select_related("created_by")
    if user.has_perm(SEE_ALL_CALLS):
        return jobs
    return jobs.filter(created_by=user)


class ImportJobView(RefusedWith403, WagtailAdminTemplateMixin, DetailView):
    template_name = "qa/import_job.html"
    header_icon = "upload"
    context_object_name = "job"

    def check_allowed(self):
        if not self.request.user.has_perm(IMPORT_LOGS):
            raise PermissionDenied("Imports are QA's.")

    def get_object(self, queryset=None):
        return get_object_or_404(
            jobs_visible_to(self.request.user), pk=self.kwargs["pk"]
        )

    def get_page_title(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("qa_imports:index"), "label": "Imports"},
            {"url": "", "label": str(self.object)},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = self.object
        context["percent"] = round(100 * job.written / job.rows) if job.rows else 0
        context["more_problems"] = job.problem_count - len(job.problems)
        return context


class ImportJobIndexView(IndexView):
    def get_base_queryset(self):
        return jobs_visible_to(self.request.user)

    def get_add_url(self):
        return reverse("qa_imports:upload")

    def get_edit_url(self, instance):
        return reverse("qa_imports:job", args=[instance.pk])

    def get_delete_url(self, instance):
        return None


class ImportJobViewSet(RefusesWith403, ModelViewSet):
    model = ImportJob
    url_prefix = "qa/imports"
    icon = "upload"
    menu_label = "Imports"
    menu_order = 40
    index_view_class = ImportJobIndexView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_filter = ["kind", "state"]
    list_display = [
        Column("filename", label="File"),
        "kind",
        "state",
        "rows",
        "new",
        "updated",
        "duplicate",
        "problem_count",
        "created_by",
        "created_at",
    ]
    form_fields = ["kind"]

    def get_urlpatterns(self):
        return [
            *listing_only(super().get_urlpatterns()),
            path("upload/", LogUploadView.as_view(), name="upload"),
            path("<int:pk>/", ImportJobView.as_view(), name="job"),
        ]

    def get_add_url(self):  # pragma: no cover - the listing asks the view
        return reverse("qa_imports:upload")
