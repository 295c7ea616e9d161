"""*Team calendar*: a month of a team's leave, people down and days across,
approved and pending leave told apart, half days marked, public holidays
and the team's blackouts shown. Leads see the teams they lead, managers
pick any team."""

import datetime

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from deskbook.core.refusals import RefusedWith403
from workforce.scheduling.viewsets.my_shifts import month_of

from .. import calculations as calc
from ..models import LeaveRequest
from ..selectors import calendar_teams, team_leave_month
from .wording import period_text

HALF = {calc.MORNING: "morning", calc.AFTERNOON: "afternoon"}


def calendar_url(team, month: datetime.date) -> str:
    query = urlencode({"team": team.slug, "month": f"{month:%Y-%m}"})
    return f"{reverse('leave_calendar:index')}?{query}"


def cell_context(cell, holidays, blackouts) -> dict:
    request = cell.request
    classes = []
    if cell.day.weekday() >= 5:
        classes.append("weekend")
    if cell.day in holidays:
        classes.append("holiday")
    if cell.day in blackouts:
        classes.append("blackout")
    if not cell.in_team:
        classes.append("outside")
    context = {"day": cell.day, "classes": " ".join(classes), "leave": None}
    if request is not None:
        approved = request.status == LeaveRequest.Status.APPROVED
        context["leave"] = {
            "code": request.leave_type.code,
            "colour": request.leave_type.colour,
            "state": "approved" if approved else "pending",
            "half": HALF.get(cell.part, ""),
            "title": f"{request.leave_type.name}, {period_text(request)}"
            + ("" if approved else " (pending)"),
        }
    return context


class TeamCalendarView(RefusedWith403, WagtailAdminTemplateMixin, TemplateView):
    page_title = "Team leave calendar"
    header_icon = "calendar-alt"
    template_name = "leave/team_calendar.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.teams = calendar_teams(request.user)

    def check_allowed(self):
        teams = list(self.teams)
        if not teams:
            raise PermissionDenied(
                "The team leave calendar is for the leads of a team and managers."
            )
        slug = self.request.GET.get("team")
        chosen = next((team for team in teams if team.slug == slug), None)
        if slug and chosen is None:
            raise PermissionDenied("You do not lead this team.")
        self.team = chosen or teams[0]
        self.team_choices = teams

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_page_subtitle(self):
        return self.team.name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        month = month_of(self.request.GET.get("month"), today)
        last = (month + datetime.timedelta(days=31)).replace(day=1) - calc.DAY
        grid = team_leave_month(team=self.team, first=month, last=last)
        previous = (month - calc.DAY).replace(day=1)
        following = last + calc.DAY
        context.update(
            team=self.team,
            teams=self.team_choices,
            month=month,
            month_label=f"{month:%B %Y}",
            today=today,
            days=[
                {
                    "day": day,
                    "holiday": grid.holidays.get(day, ""),
                    "blackout": grid.blackouts.get(day, ""),
                    "weekend": day.weekday() >= 5,
                }
                for day in grid.days
            ],
            rows=[
                {
                    "staff": row.staff,
                    "cells": [
                        cell_context(cell, grid.holidays, grid.blackouts)
                        for cell in row.cells
                    ],
                }
                for row in grid.rows
            ],
            holidays=sorted(grid.holidays.items()),
            blackouts=sorted(set(grid.blackouts.values())),
            previous_month=previous,
            next_month=following,
            previous_url=calendar_url(self.team, previous),
            next_url=calendar_url(self.team, following),
            this_month_url=calendar_url(self.team, today)
            if month != today.replace(day=1)
            else "",
        )
        return context


class TeamCalendarMenuItem(MenuItem):
    def is_shown(self, request):
        return calendar_teams(request.user).exists()


class TeamCalendarViewSet(ViewSet):
    name = "leave_calendar"
    url_prefix = "workforce/leave-calendar"
    icon = "calendar-alt"
    menu_label = "Team calendar"
    menu_item_class = TeamCalendarMenuItem

    def get_urlpatterns(self):
        return [path("", TeamCalendarView.as_view(), name="index")]
