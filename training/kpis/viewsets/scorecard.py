"""A collector's KPI page: each KPI of the month with its numerator,
denominator, target and attainment, a six-month trend, and the composite
explained line by line. A collector sees only their own; a lead the
collectors of their teams; a manager anyone. Anyone else: 403."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from deskbook.core.refusals import RefusedWith403
from training.kpis.calculations.measures import COLLECTED_VS_TARGET, read
from workforce.people.models import Staff

from ..charts import trend_line
from ..selectors import Month, collector_scorecard, may_see_collector


class CollectorKpiView(RefusedWith403, WagtailAdminTemplateMixin, TemplateView):
    template_name = "kpis/collector_kpis.html"
    header_icon = "list-ol"

    @cached_property
    def collector(self) -> Staff:
        if "pk" in self.kwargs:
            return get_object_or_404(Staff, pk=self.kwargs["pk"])
        own = Staff.objects.filter(user=self.request.user).first()
        if own is None:
            raise PermissionDenied("KPIs are kept for people with a staff record.")
        return own

    @cached_property
    def month(self) -> Month:
        return Month.parse(self.request.GET.get("month"), timezone.localdate())

    def check_allowed(self):
        if not may_see_collector(
            viewer=self.request.user, collector=self.collector, month=self.month
        ):
            raise PermissionDenied("A collector's KPIs are theirs and their lead's.")

    @property
    def page_title(self):
        return f"KPIs: {self.collector}"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        card = collector_scorecard(
            collector=self.collector, month=self.month, today=timezone.localdate()
        )
        kpis = [
            {
                "kpi": kpi,
                "chart": trend_line(
                    [reading.value for _, reading in kpi.trend],
                    [m.short_label for m, _ in kpi.trend],
                    kpi.definition.target,
                ),
            }
            for kpi in card.kpis
        ]
        context.update(
            card=card,
            vs_target=read(COLLECTED_VS_TARGET, card.totals).value,
            kpis=kpis,
            month_value=self.month.key,
            previous_url=f"?month={self.month.back(1).key}",
            next_url=f"?month={self.month.back(-1).key}",
            ramp_url=reverse("kpis:ramp", args=[self.collector.pk]),
        )
        return context
