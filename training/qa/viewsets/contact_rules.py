"""*Training & quality → QA → Contact rules*: a month's calls checked
against the contact rules, a line per collector and the team they were in on
the call's date, with the calls in breach listed; CSV or XLSX. Leads see
their teams, collectors their own, QA analysts and managers everyone."""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.viewsets.base import ViewSet

from deskbook.core.exports import SAFE_TEXT, export_links
from deskbook.core.refusals import RefusedWith403
from workforce.people.models import Team
from workforce.people.selectors import team_list_for

from .. import contact_rules as rules
from ..models import Call
from ..selectors import SEE_ALL_CALLS, contact_rule_report

SEE_CALLS = "qa.view_call"
LISTED_CALLS = 200


class ContactRulesForm(forms.Form):
    month = forms.DateField(
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )
    team = forms.ModelChoiceField(
        queryset=Team.objects.none(), required=False, empty_label="Every team I see"
    )

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams


def month_bounds(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The month's first moment and the next month's, in the agency's time."""
    zone = timezone.get_default_timezone()
    first = month.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return (
        datetime.datetime.combine(first, datetime.time(), zone),
        datetime.datetime.combine(following, datetime.time(), zone),
    )


class ContactRulesView(
    RefusedWith403, SpreadsheetExportMixin, WagtailAdminTemplateMixin, TemplateView
):
    page_title = "Contact rules"
    header_icon = "warning"
    template_name = "qa/contact_rules.html"
    custom_value_preprocess = SAFE_TEXT
    columns = [
        ("team", "Team"),
        ("employee_number", "Employee number"),
        ("collector", "Collector"),
        ("calls", "Calls"),
        ("outbound", "Outbound"),
        (rules.OUTSIDE_WINDOW, rules.RULES[rules.OUTSIDE_WINDOW]),
        (rules.TOO_MANY_ATTEMPTS, rules.RULES[rules.TOO_MANY_ATTEMPTS]),
        (rules.AFTER_STOP, rules.RULES[rules.AFTER_STOP]),
        ("calls_in_breach", "Calls in breach"),
        ("breach_rate", "Breach rate %"),
    ]

    def check_allowed(self):
        if not self.request.user.has_perm(SEE_CALLS):
            raise PermissionDenied(
                "The contact-rule report is for QA, leads and managers."
            )

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    @cached_property
    def form(self) -> ContactRulesForm:
        user = self.request.user
        teams = (
            Team.objects.all() if user.has_perm(SEE_ALL_CALLS) else team_list_for(user)
        )
        return ContactRulesForm(
            self.request.GET or None,
            teams=teams,
            initial={"month": timezone.localdate().replace(day=1)},
        )

    @cached_property
    def month(self) -> datetime.date:
        cleaned = self.form.cleaned_data if self.form.is_valid() else {}
        return (cleaned.get("month") or timezone.localdate()).replace(day=1)

    @cached_property
    def report(self):
        cleaned = self.form.cleaned_data if self.form.is_valid() else {}
        first, last = month_bounds(self.month)
        return contact_rule_report(
            viewer=self.request.user, first=first, last=last, team=cleaned.get("team")
        )

    @cached_property
    def row_dicts(self) -> list[dict]:
        lines, _ = self.report
        return [
            {
                "team": line.team.name if line.team else "",
                "employee_number": line.collector.employee_number,
                "collector": line.collector.full_name,
                "calls": line.calls,
                "outbound": line.outbound,
                rules.OUTSIDE_WINDOW: line.outside_window,
                rules.TOO_MANY_ATTEMPTS: line.too_many_attempts,
                rules.AFTER_STOP: line.after_cease_or_dispute,
                "calls_in_breach": line.calls_in_breach,
                "breach_rate": round(line.breach_rate * 100, 1),
            }
            for line in lines
        ]

    @property
    def list_export(self):
        return [key for key, _ in self.columns]

    @property
    def export_headings(self):
        return dict(self.columns)

    def get_filename(self):
        return f"contact-rules-{self.month:%Y-%m}"

    def to_row_dict(self, item):
        return item

    def get(self, request, *args, **kwargs):
        if self.is_export:
            return self.as_spreadsheet(
                self.row_dicts, self.request.GET.get("export", self.FORMAT_CSV)
            )
        return super().get(request, *args, **kwargs)

    def breach_calls(self) -> tuple[list, int]:
        """The first calls in breach, newest first, with their rules: one query."""
        _, breaches = self.report
        breaches = breaches.sort_values("started", ascending=False)
        shown = breaches.head(LISTED_CALLS)
        calls = Call.objects.select_related("collector").in_bulk(shown["pk"].tolist())
        listed = [
            (
                calls[int(row.pk)],
                [rules.RULES[name] for name in rules.RULES if getattr(row, name)],
            )
            for row in shown.itertuples(index=False)
        ]
        return listed, len(breaches)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        listed, total = self.breach_calls()
        context.update(
            form=self.form,
            heading=f"Contact rules, {self.month:%B %Y}",
            headings=[heading for _, heading in self.columns],
            table=[[row[key] for key, _ in self.columns] for row in self.row_dicts],
            breach_calls=listed,
            breach_total=total,
            **export_links(self.request),
        )
        return context


class ContactRulesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(SEE_CALLS)


class ContactRulesViewSet(ViewSet):
    name = "qa_contact_rules"
    url_prefix = "qa/contact-rules"
    icon = "warning"
    menu_label = "Contact rules"
    menu_order = 20
    menu_item_class = ContactRulesMenuItem

    def get_urlpatterns(self):
        return [path("", ContactRulesView.as_view(), name="index")]
