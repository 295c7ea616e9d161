"""Publishing a period of a team's plan: what the rules find first (refusals
block; warnings need a reason, kept), then ``plan_publish``."""

from django.contrib import messages
from django.views.generic import FormView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from workforce.people.models import Staff

from ..admin_forms import PublishForm
from ..models import Shift
from ..selectors import plan_findings, published_days
from ..services import RulesBroken, plan_publish
from .grid_markup import cell_id
from .plan_actions import PlanActionMixin
from .plan_grid import plan_url


class PublishView(PlanActionMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "scheduling/plan_publish.html"
    form_class = PublishForm
    header_icon = "upload"

    def get_page_title(self):
        return f"Publish {self.team.name}"

    def get_page_subtitle(self):
        return self.period.label

    def get_breadcrumbs_items(self):
        return []

    def form_valid(self, form):
        reason = form.cleaned_data["override_reason"]
        try:
            publication = plan_publish(
                team=self.team,
                first_day=self.period.first,
                last_day=self.period.last,
                by=self.request.user,
                override_reason=reason,
            )
        except RulesBroken as broken:
            if not broken.refused:
                form.add_error(
                    "override_reason",
                    "Say why the plan should be published with these warnings.",
                )
            else:
                form.add_error(None, "Fix what the rules refuse, then publish.")
            return self.form_invalid(form)
        published = publication.team.shifts.filter(
            status=Shift.Status.PUBLISHED
        ).between(self.period.first, self.period.last)
        messages.success(
            self.request,
            f"Published {self.team.name} for {self.period.label}: "
            f"{published.count()} shifts; everyone with a shift is e-mailed theirs.",
        )
        return self.back_to_grid()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        team, period = self.team, self.period
        findings = plan_findings(
            team=team, first_day=period.first, last_day=period.last
        )
        ids = {f.staff_id for f in findings if f.staff_id}
        people = {s.pk: s.full_name for s in Staff.objects.filter(pk__in=ids)}

        def shown(finding):
            return {
                "finding": finding,
                "person": people.get(finding.staff_id, ""),
                "url": f"{plan_url(team, period, 'grid')}"
                f"#{cell_id(finding.staff_id, finding.day)}"
                if finding.staff_id
                else "",
            }

        context.update(
            team=team,
            period=period,
            drafts=Shift.objects.filter(team=team, status=Shift.Status.DRAFT)
            .between(period.first, period.last)
            .count(),
            already_published=len(published_days(team, period.first, period.last)),
            refused=[shown(f) for f in findings if f.refused],
            warnings=[shown(f) for f in findings if not f.refused],
            grid_url=plan_url(team, period),
        )
        return context
