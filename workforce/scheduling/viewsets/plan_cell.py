"""Editing one cell of the plan: a shift type or off, through ``shift_set``.
A published day needs a reason; warnings need an override reason and show
what the rules found; a refusal shows why."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import FormView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from workforce.people.models import Staff

from ..admin_forms import CellForm
from ..models import ShiftType
from ..selectors import plan_grid
from ..services import RulesBroken, shift_set
from .grid_markup import cell_id
from .plan_actions import PlanActionMixin
from .plan_grid import describe_cell, plan_url
from .service_views import add_service_errors


class PlanCellView(PlanActionMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "scheduling/plan_cell.html"
    form_class = CellForm
    header_icon = "edit"

    def setup_cell(self):
        try:
            self.day = datetime.date.fromisoformat(self.kwargs["day"])
        except ValueError:
            raise Http404("Not a day") from None
        # In the team at some time: the rules say whether on this day.
        self.staff = get_object_or_404(
            Staff.objects.filter(memberships__team=self.team).distinct(),
            pk=self.kwargs["staff"],
        )
        grid = plan_grid(team=self.team, first_day=self.day, last_day=self.day)
        row = next((r for r in grid.rows if r.staff.pk == self.staff.pk), None)
        if row is None or not row.cells[0].in_team:
            raise Http404("Not in the team that day")
        self.cell = row.cells[0]
        current = {shift.shift_type_id for shift in self.cell.shifts}
        self.types = list(
            ShiftType.objects.filter(
                Q(active=True, teams=self.team) | Q(pk__in=current)
            ).distinct()
        )
        self.findings = None

    def get(self, request, *args, **kwargs):
        self.setup_cell()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.setup_cell()
        return super().post(request, *args, **kwargs)

    def get_page_title(self):
        return f"{self.staff.full_name}, {self.day:%a %d %b %Y}"

    def get_page_subtitle(self):
        return self.team.name

    def get_breadcrumbs_items(self):
        return []

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(types=self.types, published=self.cell.published)
        return kwargs

    def get_initial(self):
        shifts = self.cell.shifts
        return {"shift_type": shifts[0].shift_type_id if shifts else ""}

    def grid_url(self) -> str:
        return f"{plan_url(self.team, self.period)}#{cell_id(self.staff.pk, self.day)}"

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            shift_set(
                team=self.team,
                staff=self.staff,
                day=self.day,
                shift_type=data["shift_type"],
                by=self.request.user,
                reason=data["reason"],
                override_reason=data["override_reason"],
            )
        except RulesBroken as broken:
            self.findings = broken
            if not broken.refused:
                form.focus("override_reason")
                form.add_error(
                    "override_reason",
                    "The rules warn about this shift: say why it should stand, "
                    "or choose another.",
                )
            return self.form_invalid(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        shift_type = data["shift_type"]
        messages.success(
            self.request,
            f"{self.staff.full_name}, {self.day:%a %d %b}: "
            + (shift_type.name if shift_type else "off")
            + (" (published, and the person is told)" if self.cell.published else ""),
        )
        return redirect(self.grid_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        broken = self.findings
        context.update(
            team=self.team,
            staff=self.staff,
            day=self.day,
            cell=self.cell,
            now=describe_cell(self.cell),
            refused=[{"finding": f} for f in broken.refused] if broken else [],
            warnings=[{"finding": f} for f in broken.warnings] if broken else [],
            show_override=bool(
                (broken and not broken.refused)
                or self.request.POST.get("override_reason")
            ),
            grid_url=self.grid_url(),
        )
        return context
