"""*Coaching*: the coaching records a lead wrote or their teams' (managers'
every one), filtered and exported; recording coaching from a collector's
evaluations; closing a follow-up."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from django.views.generic import FormView
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from deskbook.core.exports import SAFE_TEXT
from deskbook.core.refusals import RefusesWith403, refused_with_403
from workforce.people.models import Staff
from workforce.scheduling.viewsets.access import ReadOnlyRows

from ..evaluation_forms import CoachingForm
from ..evaluation_selectors import coaching_visible_to, evaluations_visible_to
from ..hooks import QA_MENU
from ..models import CoachingRecord, Evaluation
from ..services.disputes import coaching_follow_up_done, coaching_record
from .evaluation_pages import QAPageMixin, add_errors

RECORD = "qa.add_coachingrecord"


class CoachingFilterSet(WagtailFilterSet):
    follow_up_on = django_filters.DateFromToRangeFilter(
        label="Follow-up", widget=DateRangePickerWidget
    )
    open_follow_up = django_filters.BooleanFilter(
        field_name="followed_up_at", lookup_expr="isnull", label="Follow-up open"
    )

    class Meta:
        model = CoachingRecord
        fields = []


class CoachingIndexView(ReadOnlyRows, IndexView):
    custom_value_preprocess = SAFE_TEXT

    def get_base_queryset(self):
        return coaching_visible_to(viewer=self.request.user)


class RecordCoachingView(QAPageMixin, FormView):
    """Coaching of one collector (``?collector=<staff pk>``) from the final
    evaluations of theirs the lead may see."""

    template_name = "qa/record_coaching.html"
    form_class = CoachingForm
    page_title = "Record coaching"
    parent_crumbs = property(lambda self: [(reverse("qa_coaching:index"), "Coaching")])

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.collector = get_object_or_404(Staff, pk=kwargs["collector"])
        self.evaluations = (
            evaluations_visible_to(viewer=request.user)
            .filter(collector=self.collector, status=Evaluation.Status.FINAL)
            .exclude(collector__user=request.user)
        )

    def check_allowed(self):
        if not self.request.user.has_perm(RECORD) or not self.evaluations.exists():
            raise PermissionDenied("You coach the collectors of your teams.")

    def get_page_title(self):
        return f"Record coaching of {self.collector.full_name}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "evaluations": self.evaluations}

    def form_valid(self, form):
        try:
            coaching_record(
                collector=self.collector,
                by=self.request.user,
                evaluations=form.cleaned_data["evaluations"],
                focus_items=form.cleaned_data["focus_items"],
                agreed_actions=form.cleaned_data["agreed_actions"],
                follow_up_on=form.cleaned_data["follow_up_on"],
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "Coaching recorded.")
        return redirect("qa_coaching:index")


@refused_with_403
@require_POST
def follow_up_done_view(request, pk):
    record = get_object_or_404(CoachingRecord.objects.select_related("coach"), pk=pk)
    coaching_follow_up_done(record=record, by=request.user)
    messages.success(request, "Follow-up done.")
    return redirect("qa_coaching:index")


class CoachingViewSet(RefusesWith403, ModelViewSet):
    menu_hook = QA_MENU
    add_to_admin_menu = True
    model = CoachingRecord
    url_prefix = "qa/coaching"
    icon = "group"
    menu_label = "Coaching"
    menu_order = 90
    index_view_class = CoachingIndexView
    filterset_class = CoachingFilterSet
    copy_view_enabled = False
    list_display = [
        Column("collector", label="Collector"),
        Column("coach", label="Coach"),
        Column("agreed_actions", label="Agreed actions"),
        Column("follow_up_on", label="Follow-up", sort_key="follow_up_on"),
        Column("followed_up_at", label="Followed up"),
    ]
    list_export = [
        "collector.employee_number",
        "collector.full_name",
        "coach.full_name",
        "agreed_actions",
        "follow_up_on",
        "followed_up_at",
    ]
    export_headings = {
        "collector.employee_number": "Employee number",
        "collector.full_name": "Collector",
        "coach.full_name": "Coach",
    }
    export_filename = "qa-coaching"

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(
                "record/<int:collector>/",
                RecordCoachingView.as_view(),
                name="record",
            ),
            path("<int:pk>/done/", follow_up_done_view, name="done"),
        ]
