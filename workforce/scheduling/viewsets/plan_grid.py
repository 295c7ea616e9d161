"""The plan grid: a team's plan for a week or a month, people down and days
across, with each person's weekly hours and each day's headcount."""

import datetime
import functools
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from workforce.people.hooks import person_flags

from ..calculations import clock_times
from ..models import Shift
from ..selectors import PlanCell, PlanGrid, plan_grid, teams_plannable_by
from .access import require_planning, team_to_plan
from .grid_markup import day_cell, hours_cell
from .periods import Period


def plan_url(team, period: Period, name: str = "grid") -> str:
    return f"{reverse(f'shift_plan:{name}', args=[team.slug])}?{period.query}"


def local_times(start: datetime.datetime, end: datetime.datetime) -> str:
    return clock_times(start, end, timezone.get_current_timezone())


def describe_cell(cell: PlanCell, *, by_code: bool = False, times=local_times) -> str:
    """The cell in words: ``Early 07:00–16:00`` (``E 07:00–16:00`` by code),
    with ``(draft)`` until published; leave or training by its label;
    ``off``; empty on a day the person is not in the team. ``times`` writes
    a shift's start and end (a cached ``local_times`` for a whole grid)."""
    if not cell.in_team:
        return ""
    parts = [
        f"{shift.shift_type.code if by_code else shift.shift_type.name} "
        f"{times(shift.start, shift.end)}"
        + (" (draft)" if shift.status == Shift.Status.DRAFT else "")
        for shift in cell.shifts
    ]
    parts += [f"{a.kind.capitalize()}: {a.label}" for a in cell.absences]
    return "; ".join(parts) or "off"


@dataclass
class GridColumn:
    """A day of the period, or the hours of the week ending before it."""

    day: datetime.date | None = None
    week: datetime.date | None = None
    published: bool = False
    weekend: bool = False
    headcount: int | None = None
    short: bool = False

    @property
    def is_day(self) -> bool:
        return self.day is not None


def grid_columns(grid: PlanGrid) -> list[GridColumn]:
    """The period's days, with a week's hours after each Sunday (and after the
    last day, when the period ends mid-week)."""
    columns = []
    minimum = grid.team.minimum_staffing
    for day, headcount in zip(grid.days, grid.headcount, strict=True):
        columns.append(
            GridColumn(
                day=day,
                published=day in grid.published_days,
                weekend=day.weekday() >= 5,
                headcount=headcount,
                # A day nobody works is closed, not short.
                short=0 < headcount < minimum,
            )
        )
        if day.weekday() == 6 or day == grid.last_day:
            columns.append(
                GridColumn(week=day - datetime.timedelta(days=day.weekday()))
            )
    return columns


def grid_rows(grid: PlanGrid, columns: list[GridColumn], period: Period) -> list[dict]:
    """Each row of the table: the person and the markup of their cells, each
    with its link and its accessible name."""
    base = reverse("shift_plan:cell", args=[grid.team.slug, 0, "2000-01-01"])
    base = base.removesuffix("0/2000-01-01/")
    query = period.query
    # A grid's shifts share a few start and end times, and its rows the same
    # days: each is written once, not once a cell.
    times = functools.cache(local_times)
    day_names = {day: f"{day:%a %d %b}" for day in grid.days}
    # Warnings other capabilities raise about the people (a lapsed
    # compliance certificate), as of today.
    flags = person_flags((row.staff.pk for row in grid.rows), timezone.localdate())
    rows = []
    for row in grid.rows:
        person = row.staff
        person_id, name = person.pk, person.full_name
        hours = {h.monday: h for h in row.week_hours}
        cells = iter(row.cells)
        markup = []
        for column in columns:
            if not column.is_day:
                markup.append(hours_cell(hours[column.week]))
                continue
            cell = next(cells)
            markup.append(
                day_cell(
                    cell,
                    staff_id=person_id,
                    label=f"{name}, {day_names[cell.day]}: "
                    + (describe_cell(cell, times=times) or "not in the team"),
                    url=f"{base}{person_id}/{cell.day.isoformat()}/?{query}"
                    if cell.in_team
                    else "",
                    weekend=column.weekend,
                )
            )
        # Every value in the markup is escaped by grid_markup.
        rows.append(
            {
                "staff": person,
                "cells": mark_safe("".join(markup)),  # noqa: S308
                "flags": flags.get(person_id, []),
            }
        )
    return rows


class PlanIndexView(WagtailAdminTemplateMixin, TemplateView):
    """The teams the user plans, each with links to its week and month."""

    template_name = "scheduling/plan_index.html"
    page_title = "Shift planning"
    header_icon = "calendar-alt"

    def dispatch(self, request, *args, **kwargs):
        require_planning(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": "Shift planning"}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        this_week = Period.around("week", today)
        this_month = Period.around("month", today)
        context["teams"] = [
            {
                "team": team,
                "links": [
                    ("This week", plan_url(team, this_week)),
                    ("Next week", plan_url(team, this_week.following)),
                    ("This month", plan_url(team, this_month)),
                    ("Next month", plan_url(team, this_month.following)),
                ],
            }
            for team in teams_plannable_by(self.request.user)
        ]
        return context


class PlanGridView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "scheduling/plan_grid.html"
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        self.team = team_to_plan(request.user, kwargs["team"])
        self.period = Period.from_query(request.GET, today=timezone.localdate())
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"{self.team.name}: plan"

    def get_page_subtitle(self):
        return self.period.label

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("shift_plan:index"), "label": "Shift planning"},
            {"url": "", "label": f"{self.team.name}, {self.period.label}"},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        team, period = self.team, self.period
        grid = plan_grid(team=team, first_day=period.first, last_day=period.last)
        published = sorted(grid.published_days)
        columns = grid_columns(grid)
        context.update(
            team=team,
            period=period,
            grid=grid,
            columns=columns,
            rows=grid_rows(grid, columns, period),
            published_count=len(published),
            all_published=len(published) == len(grid.days),
            today=timezone.localdate(),
            urls={
                "previous": plan_url(team, period.previous),
                "following": plan_url(team, period.following),
                "today": plan_url(
                    team, Period.around(period.kind, timezone.localdate())
                ),
                "week": plan_url(team, period.as_kind("week")),
                "month": plan_url(team, period.as_kind("month")),
                "apply": plan_url(team, period, "apply"),
                "copy": plan_url(team, period, "copy_week"),
                "clear": plan_url(team, period, "clear"),
                "publish": plan_url(team, period, "publish"),
                "csv": plan_url(team, period, "export") + "&export=csv",
                "xlsx": plan_url(team, period, "export") + "&export=xlsx",
            },
        )
        return context
