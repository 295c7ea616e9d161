"""*Samples*: the periods' drawn samples with their seed and plan, the form
to draw a month's sample, and the sampled calls with their inclusion
probabilities, risk factors and analysts (filtered, exported)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.generic import FormView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton

from deskbook.core.exports import SAFE_TEXT
from deskbook.core.refusals import RefusesWith403
from workforce.scheduling.viewsets.access import ReadOnlyRows

from ..evaluation_forms import SampleDrawForm
from ..hooks import QA_MENU
from ..models import SampledCall, SampleDraw
from ..services.samples import SamplingPlan, risk_weights, sample_draw
from .evaluation_pages import QAPageMixin, add_errors

DRAW = "qa.draw_sample"


class SampleDrawIndexView(ReadOnlyRows, IndexView):
    def get_edit_url(self, instance):
        return reverse("qa_sampled_calls:index") + f"?draw={instance.pk}"

    @property
    def header_buttons(self):
        if not self.request.user.has_perm(DRAW):
            return []
        return [
            HeaderButton("Draw a sample", reverse("qa_samples:draw"), icon_name="plus")
        ]


class DrawSampleView(QAPageMixin, FormView):
    template_name = "qa/draw_sample.html"
    form_class = SampleDrawForm
    page_title = "Draw a sample"
    parent_crumbs = property(lambda self: [(reverse("qa_samples:index"), "Samples")])

    def check_allowed(self):
        if not self.request.user.has_perm(DRAW):
            raise PermissionDenied("The sample is drawn by QA managers.")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "weights": risk_weights()}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            draw = sample_draw(
                period=data["period"],
                by=self.request.user,
                scorecard=data["scorecard"],
                plan=SamplingPlan(
                    minimum_per_collector=data["minimum_per_collector"],
                    extra_calls=data["extra_calls"],
                    risk_weights=risk_weights(),
                ),
                seed=data["seed"],
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"{draw}: {draw.calls.count()} calls drawn from {draw.frame_size} "
            f"(seed {draw.seed}).",
        )
        return redirect("qa_samples:index")


class SampleDrawViewSet(RefusesWith403, ModelViewSet):
    menu_hook = QA_MENU
    add_to_admin_menu = True
    model = SampleDraw
    url_prefix = "qa/samples"
    icon = "table"
    menu_label = "Samples"
    menu_order = 60
    index_view_class = SampleDrawIndexView
    copy_view_enabled = False
    list_display = [
        "__str__",
        "scorecard",
        "seed",
        "minimum_per_collector",
        "extra_calls",
        "frame_size",
        "collectors",
        "drawn_by",
        "drawn_at",
    ]
    list_export = [
        "period_start",
        "period_end",
        "scorecard",
        "seed",
        "minimum_per_collector",
        "extra_calls",
        "risk_weights",
        "frame_size",
        "collectors",
        "drawn_at",
    ]
    export_filename = "qa-samples"

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("draw/", DrawSampleView.as_view(), name="draw"),
        ]


class SampledCallIndexView(ReadOnlyRows, IndexView):
    custom_value_preprocess = SAFE_TEXT

    def get_base_queryset(self):
        return SampledCall.objects.select_related(
            "call", "collector", "analyst", "draw"
        ).order_by("draw", "collector__last_name", "pk")


class SampledCallViewSet(RefusesWith403, ModelViewSet):
    menu_hook = QA_MENU
    add_to_admin_menu = True
    model = SampledCall
    url_prefix = "qa/sampled-calls"
    icon = "table"
    menu_label = "Sampled calls"
    menu_order = 61
    index_view_class = SampledCallIndexView
    copy_view_enabled = False
    list_filter = ["draw", "analyst"]
    list_display = [
        Column("call", label="Call"),
        Column("collector", label="Collector"),
        Column("inclusion_probability", label="Inclusion probability"),
        Column("risk_factors", label="Risk factors"),
        Column("analyst", label="Analyst"),
    ]
    list_export = [
        "draw.period_start",
        "call.call_id",
        "collector.employee_number",
        "collector.full_name",
        "inclusion_probability",
        "minimum_probability",
        "risk_probability",
        "risk_weight",
        "risk_factors",
        "analyst.full_name",
    ]
    export_headings = {
        "draw.period_start": "Period",
        "call.call_id": "Call id",
        "collector.employee_number": "Employee number",
        "collector.full_name": "Collector",
        "analyst.full_name": "Analyst",
    }
    export_filename = "qa-sampled-calls"

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]
