"""*Team attendance*: a team's month (people down, days across) and one day
in detail, where a lead corrects a person's day with a reason. Leads see the
teams they lead, managers every team."""

import calendar
import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from deskbook.core.refusals import RefusedWith403
from workforce.people.models import Staff, Team
from workforce.people.selectors import SEE_EVERYONE, teams_led_by

from .. import calculations as calc
from ..selectors import attendance_for, may_see_team_attendance
from ..services import attendance_correct
from ..services.corrections import correctable

SEE_ATTENDANCE = "attendance.view_attendancecorrection"
# The month grid's letter for each status.
SHORT = {
    calc.PRESENT: "P",
    calc.LATE: "L",
    calc.LEFT_EARLY: "E",
    calc.ABSENT: "A",
    calc.ON_LEAVE: "LV",
    calc.IN_TRAINING: "T",
    calc.OFF: "",
    calc.UNSCHEDULED_WORK: "W",
    calc.NOT_YET: "·",
}
CORRECTABLE = [
    (status, label)
    for status, label in calc.STATUS_LABELS.items()
    if status != calc.NOT_YET
]


def share(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def teams_for(viewer):
    teams = Team.objects.select_related("partner").order_by("name")
    if viewer.has_perm(SEE_EVERYONE):
        return teams
    return teams.filter(pk__in=teams_led_by(viewer).values("pk"))


class CorrectionForm(forms.Form):
    staff = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(choices=CORRECTABLE)
    reason = forms.CharField(max_length=300, strip=True)


class AttendanceMixin(RefusedWith403, WagtailAdminTemplateMixin):
    header_icon = "time"
    page_title = "Team attendance"

    def check_allowed(self):
        if not self.request.user.has_perm(SEE_ATTENDANCE):
            raise PermissionDenied("Team attendance is for leads and managers.")

    def team(self, team_id) -> Team:
        team = get_object_or_404(Team, pk=team_id)
        if not may_see_team_attendance(viewer=self.request.user, team=team):
            raise PermissionDenied("This team's attendance is not yours to see.")
        return team

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("team_attendance:index"), "label": self.page_title},
        ]


class TeamListView(AttendanceMixin, TemplateView):
    template_name = "attendance/team_index.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        return super().get_context_data(
            teams=[
                {
                    "team": team,
                    "month_url": reverse("team_attendance:month", args=[team.pk])
                    + f"?month={today:%Y-%m}",
                    "today_url": reverse(
                        "team_attendance:day", args=[team.pk, today.isoformat()]
                    ),
                }
                for team in teams_for(self.request.user)
            ],
            **kwargs,
        )


class MonthView(AttendanceMixin, TemplateView):
    template_name = "attendance/team_month.html"

    def get(self, request, *args, team_id, **kwargs):
        self.team_shown = self.team(team_id)
        try:
            first = datetime.datetime.strptime(
                request.GET.get("month", ""), "%Y-%m"
            ).date()
        except ValueError:
            first = timezone.localdate().replace(day=1)
        self.first = first
        self.last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        return super().get(request, *args, **kwargs)

    def get_page_subtitle(self):
        return f"{self.team_shown.name}, {self.first:%B %Y}"

    def get_context_data(self, **kwargs):
        found = attendance_for(
            viewer=self.request.user,
            team=self.team_shown,
            first=self.first,
            last=self.last,
        )
        days = [
            self.first + datetime.timedelta(days=n)
            for n in range((self.last - self.first).days + 1)
        ]
        rows = []
        for person in found.people:
            by_day = {d.day: d for d in person.days}
            totals = person.totals
            rows.append(
                {
                    "staff": person.staff,
                    "cells": [
                        _cell(self.team_shown, by_day.get(day), day) for day in days
                    ],
                    "adherence": share(totals.adherence),
                    "conformance": share(totals.conformance),
                    "late": totals.statuses.get(calc.LATE, 0),
                    "absent": totals.statuses.get(calc.ABSENT, 0),
                }
            )
        totals = found.totals
        previous = (self.first - datetime.timedelta(days=1)).replace(day=1)
        following = self.last + datetime.timedelta(days=1)
        return super().get_context_data(
            team=self.team_shown,
            days=days,
            rows=rows,
            adherence=share(totals.adherence),
            conformance=share(totals.conformance),
            previous_month=f"{previous:%Y-%m}",
            next_month=f"{following:%Y-%m}",
            legend=[
                (SHORT[s], label) for s, label in calc.STATUS_LABELS.items() if SHORT[s]
            ],
            **kwargs,
        )


def _cell(team, day, date) -> dict:
    if day is None:
        return {"text": "", "title": "Not in the team", "status": "", "url": ""}
    return {
        "text": SHORT[day.status] + ("*" if day.correction else ""),
        "title": day.status_label + (" (corrected)" if day.correction else ""),
        "status": day.status,
        "url": reverse("team_attendance:day", args=[team.pk, date.isoformat()]),
    }


class DayView(AttendanceMixin, TemplateView):
    template_name = "attendance/team_day.html"

    def dispatch(self, request, *args, team_id, day, **kwargs):
        try:
            self.day = datetime.date.fromisoformat(day)
        except ValueError:
            self.day = timezone.localdate()
        self.team_id = team_id
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.team_shown = self.team(self.team_id)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.team_shown = self.team(self.team_id)
        form = CorrectionForm(request.POST)
        if form.is_valid():
            staff = get_object_or_404(Staff, pk=form.cleaned_data["staff"])
            try:
                attendance_correct(
                    staff=staff,
                    day=self.day,
                    status=form.cleaned_data["status"],
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"{staff.full_name}'s day corrected.")
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(failed=form))

    def get_page_subtitle(self):
        return f"{self.team_shown.name}, {self.day:%a %d %b %Y}"

    def get_context_data(self, failed=None, **kwargs):
        found = attendance_for(
            viewer=self.request.user,
            team=self.team_shown,
            first=self.day,
            last=self.day,
        )
        may = correctable(
            viewer=self.request.user,
            staff_ids=[person.staff.pk for person in found.people],
            day=self.day,
        )
        rows = []
        for person in found.people:
            if not person.days:
                continue
            day = person.days[0]
            derived = day.derived
            rows.append(
                {
                    "staff": person.staff,
                    "day": day,
                    "derived_label": calc.STATUS_LABELS[derived.status],
                    "first_in": derived.first_in,
                    "last_out": derived.last_out,
                    "missing_clock_out": derived.missing_clock_out,
                    "adherence": share(derived.adherence),
                    "conformance": share(derived.conformance),
                    "may_correct": person.staff.pk in may,
                    "form": failed
                    if failed is not None
                    and failed.data.get("staff") == str(person.staff.pk)
                    else CorrectionForm(
                        initial={"staff": person.staff.pk, "status": day.status}
                    ),
                }
            )
        one_day = datetime.timedelta(days=1)
        return super().get_context_data(
            team=self.team_shown,
            day=self.day,
            rows=rows,
            month_url=reverse("team_attendance:month", args=[self.team_shown.pk])
            + f"?month={self.day:%Y-%m}",
            previous_url=reverse(
                "team_attendance:day",
                args=[self.team_shown.pk, (self.day - one_day).isoformat()],
            ),
            next_url=reverse(
                "team_attendance:day",
                args=[self.team_shown.pk, (self.day + one_day).isoformat()],
            ),
            **kwargs,
        )


class TeamAttendanceMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(SEE_ATTENDANCE)


class TeamAttendanceViewSet(ViewSet):
    name = "team_attendance"
    url_prefix = "workforce/team-attendance"
    icon = "time"
    menu_label = "Team attendance"
    menu_order = 5
    menu_item_class = TeamAttendanceMenuItem

    def get_urlpatterns(self):
        return [
            path("", TeamListView.as_view(), name="index"),
            path("<int:team_id>/", MonthView.as_view(), name="month"),
            path("<int:team_id>/<str:day>/", DayView.as_view(), name="day"),
        ]
