"""A collector's new-hire ramp: a KPI by week of tenure over their first 13
weeks, beside the median of earlier hires of the same stage. Who may see it:
as the collector's KPI page."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from deskbook.core.refusals import RefusedWith403
from training.kpis.calculations.measures import MEASURE_CHOICES, PTP_KEPT_RATE
from workforce.people.models import Staff

from ..charts import trend_line
from ..selectors import Month, may_see_collector, ramp_for


class RampForm(forms.Form):
    measure = forms.ChoiceField(choices=MEASURE_CHOICES, required=False)


class RampView(RefusedWith403, WagtailAdminTemplateMixin, TemplateView):
    template_name = "kpis/ramp.html"
    header_icon = "list-ol"

    @cached_property
    def collector(self) -> Staff:
        return get_object_or_404(Staff, pk=self.kwargs["pk"])

    def check_allowed(self):
        hired = Month.of(self.collector.hired_on)
        if not may_see_collector(
            viewer=self.request.user, collector=self.collector, month=hired
        ):
            raise PermissionDenied("A collector's KPIs are theirs and their lead's.")

    @property
    def page_title(self):
        return f"New-hire ramp: {self.collector}"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = RampForm(self.request.GET or None)
        key = (form.cleaned_data.get("measure") if form.is_valid() else "") or (
            PTP_KEPT_RATE.key
        )
        found, stage = ramp_for(
            collector=self.collector, measure_key=key, today=timezone.localdate()
        )
        weeks = [
            {"week": week, "median": point}
            for week, point in zip(found.weeks, found.curve, strict=True)
        ]
        context.update(
            form=form,
            ramp=found,
            weeks=weeks,
            stage=stage,
            chart=trend_line(
                [w.value for w in found.weeks],
                [str(w.week) for w in found.weeks],
                None,
            ),
            median_chart=trend_line(
                [p.median for p in found.curve],
                [str(p.week) for p in found.curve],
                None,
            ),
        )
        return context
