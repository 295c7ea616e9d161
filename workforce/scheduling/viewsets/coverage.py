"""*Coverage*: a team's headcount per 30-minute interval for a week against
its minimum staffing, the short intervals marked; and the teams' week at a
glance. Leads see the teams they lead, managers every team."""

import datetime

from django import forms
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from workforce.people.models import Team

from .. import calculations as calc
from ..selectors import SEE_PLANS, DayCoverage, TeamCoverage, team_coverage

WEEK = datetime.timedelta(days=7)
# Heat levels of a covered interval, by people over the minimum.
LEVELS = 3


class WeekForm(forms.Form):
    week = forms.DateField(
        required=False,
        label="Week of",
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Any day of the week; it starts on the Monday.",
    )


def coverage_url(team: Team, monday: datetime.date, day=None) -> str:
    url = reverse("coverage:team", args=[team.pk]) + f"?week={monday:%Y-%m-%d}"
    return f"{url}#day-{day:%Y-%m-%d}" if day else url


def duration(minutes: int) -> str:
    """``150`` as ``"2 h 30"``, ``30`` as ``"30 min"``."""
    hours, minutes = divmod(minutes, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} h {minutes:02d}" if minutes else f"{hours} h"


def day_summary(day: DayCoverage) -> str:
    """``"2 h 30 from 07:00, as few as 5"``, or empty for a day not short."""
    if not day.short:
        return ""
    return (
        f"{duration(day.short_minutes)} from {day.short[0].start:%H:%M}, "
        f"as few as {day.fewest}"
    )


def half_hours() -> list[str]:
    return [f"{n // 2:02d}:{30 * (n % 2):02d}" for n in range(48)]


def refusal(request) -> TemplateResponse:
    """A plain 403 in the admin's look: the coverage of teams the viewer
    does not lead is not theirs to see (Wagtail's own refusal would be a
    redirect to the dashboard)."""
    return TemplateResponse(
        request,
        "scheduling/coverage_refused.html",
        {"page_title": "Coverage", "header_icon": "time", "header_title": "Coverage"},
        status=403,
    )


class CoverageMixin(WagtailAdminTemplateMixin):
    header_icon = "time"

    def get_breadcrumbs_items(self):
        # Without its own crumb the admin's header reads "Home".
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(SEE_PLANS):
            return refusal(request)
        self.form = WeekForm(request.GET)
        chosen = self.form.cleaned_data["week"] if self.form.is_valid() else None
        self.monday = calc.week_start(chosen or timezone.localdate())
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=self.form,
            monday=self.monday,
            sunday=self.monday + datetime.timedelta(days=6),
            previous_week=f"{self.monday - WEEK:%Y-%m-%d}",
            next_week=f"{self.monday + WEEK:%Y-%m-%d}",
            this_week=f"{calc.week_start(timezone.localdate()):%Y-%m-%d}",
        )
        return context

    def week_coverage(self, teams=None) -> list[TeamCoverage]:
        return team_coverage(
            viewer=self.request.user,
            first=self.monday,
            last=self.monday + datetime.timedelta(days=6),
            teams=teams,
        )


class CoverageIndexView(CoverageMixin, TemplateView):
    """The week of every team the viewer may see: days and time short."""

    page_title = "Coverage"
    template_name = "scheduling/coverage_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["teams"] = [
            {
                "coverage": week,
                "url": coverage_url(week.team, self.monday),
                "short": duration(week.short_minutes),
            }
            for week in self.week_coverage()
        ]
        return context


class TeamCoverageView(CoverageMixin, TemplateView):
    """One team's week: the intervals down, the days across."""

    page_title = "Coverage"
    template_name = "scheduling/coverage.html"

    def get(self, request, *args, team_id, **kwargs):
        team = get_object_or_404(Team, pk=team_id)
        found = self.week_coverage(teams=[team])
        if not found:
            return refusal(request)
        self.coverage = found[0]
        return super().get(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.coverage.team.name

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("coverage:index") + f"?week={self.monday}",
                "label": "Coverage",
            },
            {"url": "", "label": self.coverage.team.name},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        coverage = self.coverage
        days = [
            {
                "date": day.day,
                "anchor": f"day-{day.day:%Y-%m-%d}",
                "summary": day_summary(day),
                "cells": day.by_time,
            }
            for day in coverage.days
        ]
        rows = [
            {"time": time, "cells": [_cell(day["cells"].get(time)) for day in days]}
            for time in half_hours()
        ]
        # The half hours from the first the team is open in the week to the
        # last; the hours before and after are left out.
        worked = [
            i
            for i, row in enumerate(rows)
            if any(c["kind"] in ("short", "covered") for c in row["cells"])
        ]
        first, last = (worked[0], worked[-1]) if worked else (0, -1)
        context.update(
            team=coverage.team,
            coverage=coverage,
            days=days,
            rows=rows[first : last + 1],
            opens=rows[first]["time"] if worked else None,
            closes=_end_of(rows[last]["time"]) if worked else None,
            trimmed=bool(worked) and (first > 0 or last < len(rows) - 1),
            minimum=coverage.team.minimum_staffing,
        )
        return context


def _cell(interval: calc.Interval | None) -> dict:
    """What a cell shows: closed, short, or covered at a heat level."""
    if interval is None:
        # A wall time the clocks skip that day.
        return {"kind": "skipped", "interval": None}
    if interval.short:
        return {
            "kind": "short",
            "interval": interval,
            "missing": interval.minimum - interval.headcount,
        }
    if not interval.open:
        return {"kind": "closed", "interval": interval}
    over = interval.headcount - interval.minimum
    return {"kind": "covered", "interval": interval, "level": min(over, LEVELS - 1)}


def _end_of(time: str) -> str:
    hours, minutes = divmod(int(time[:2]) * 60 + int(time[3:]) + 30, 60)
    return f"{hours % 24:02d}:{minutes:02d}"


class CoverageMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(SEE_PLANS)


class CoverageViewSet(ViewSet):
    name = "coverage"
    url_prefix = "workforce/shift-coverage"
    icon = "time"
    menu_label = "Coverage"
    menu_order = 15
    menu_item_class = CoverageMenuItem

    def get_urlpatterns(self):
        return [
            path("", CoverageIndexView.as_view(), name="index"),
            path("<int:team_id>/", TeamCoverageView.as_view(), name="team"),
        ]
