"""The intraday board: today, per 30-minute interval, a team's requirement
against the people scheduled and present. Leads see their teams, managers
every team (with a picker). It reloads itself every minute without
JavaScript; ``?wall=1`` sets it in large type for a screen on the wall."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from deskbook.core.refusals import RefusedWith403
from workforce.people.models import Team

from ..intraday import Board, intraday_board
from .team_attendance import SEE_ATTENDANCE, TeamAttendanceMenuItem, teams_for

REFRESH_SECONDS = 60
# The chart's drawing box, in SVG user units; the SVG scales to its width.
STEP, HEIGHT, MARGIN = 16, 160, 24


def chart(board: Board) -> dict:
    """Coordinates of a bar per interval for the required headcount and a
    line each for scheduled and present (present only where started)."""
    intervals = board.intervals
    top = max(
        [1]
        + [i.required for i in intervals]
        + [i.scheduled for i in intervals]
        + [i.present or 0 for i in intervals]
    )

    def y(value: int) -> float:
        return round(MARGIN + HEIGHT - value * HEIGHT / top, 1)

    bars, scheduled, present, labels = [], [], [], []
    for index, interval in enumerate(intervals):
        x = MARGIN + index * STEP
        bars.append(
            {
                "x": x + 1,
                "y": y(interval.required),
                "height": round(interval.required * HEIGHT / top, 1),
                "short": interval.shortfall > 0,
                "title": f"{interval.start:%H:%M} required {interval.required}",
            }
        )
        middle = x + STEP / 2
        scheduled.append(f"{middle},{y(interval.scheduled)}")
        if interval.present is not None:
            present.append(f"{middle},{y(interval.present)}")
        if interval.start.minute == 0 and interval.start.hour % 3 == 0:
            labels.append({"x": x, "text": f"{interval.start:%H:%M}"})
    return {
        "width": 2 * MARGIN + len(intervals) * STEP,
        "height": HEIGHT + 2 * MARGIN,
        "bar_width": STEP - 2,
        "baseline": MARGIN + HEIGHT,
        "top": top,
        "top_y": MARGIN,
        "bars": bars,
        "scheduled": " ".join(scheduled),
        "present": " ".join(present),
        "labels": labels,
        "label_y": MARGIN + HEIGHT + 16,
    }


class IntradayView(RefusedWith403, WagtailAdminTemplateMixin, TemplateView):
    template_name = "attendance/intraday.html"
    page_title = "Intraday board"
    header_icon = "time"

    def check_allowed(self):
        if not self.request.user.has_perm(SEE_ATTENDANCE):
            raise PermissionDenied("The intraday board is for leads and managers.")

    def get(self, request, *args, **kwargs):
        self.teams = list(teams_for(request.user))
        chosen = request.GET.get("team", "")
        if chosen.isdigit():
            team = next((t for t in self.teams if t.pk == int(chosen)), None)
            if team is None:
                get_object_or_404(Team, pk=int(chosen))
                raise PermissionDenied("This team's board is not yours to see.")
            self.team = team
        else:
            self.team = self.teams[0] if self.teams else None
        self.wall = request.GET.get("wall") == "1"
        if self.wall:
            self.template_name = "attendance/intraday_wall.html"
        return super().get(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.team.name if self.team else ""

    def get_breadcrumbs_items(self):
        # Without it the header names the dashboard ("Home"), not the board.
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        board = (
            intraday_board(viewer=self.request.user, team=self.team)
            if self.team
            else None
        )
        here = reverse("attendance_intraday:index")
        query = f"?team={self.team.pk}" if self.team else "?"
        return super().get_context_data(
            board=board,
            chart=chart(board) if board else None,
            teams=self.teams,
            team=self.team,
            wall=self.wall,
            refresh_seconds=REFRESH_SECONDS,
            wall_url=f"{here}{query}&wall=1",
            desk_url=f"{here}{query}",
            **kwargs,
        )


class IntradayViewSet(ViewSet):
    name = "attendance_intraday"
    url_prefix = "workforce/intraday"
    icon = "time"
    menu_label = "Intraday board"
    menu_order = 1
    menu_item_class = TeamAttendanceMenuItem

    def get_urlpatterns(self):
        return [path("", IntradayView.as_view(), name="index")]
