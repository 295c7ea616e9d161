"""The dashboard's "Coverage gaps this week": a lead's own teams, a manager's
most understaffed teams, nobody else; in a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from deskbook.core.roles import COLLECTOR
from tests.scheduling.factories import PatternAssignmentFactory, ShiftPatternFactory
from tests.scheduling.test_coverage import early_and_late_monday
from tests.workforce.factories import StaffFactory
from tests.workforce.test_dashboard_panels import dashboard
from workforce.scheduling.dashboard_panels import CoverageGapsPanel
from workforce.scheduling.selectors import coverage_gaps
from workforce.scheduling.services import plan_apply_patterns

D = datetime.date
MONDAY = D(2026, 3, 2)
SUNDAY = D(2026, 3, 8)


@pytest.fixture
def week(desk, frozen_time):
    """Wednesday 4 March 2026. Desk early is short for twelve hours on
    Monday; Desk late, which needs two, has one person on Tuesday's early."""
    frozen_time("2026-03-04 09:00")
    early_and_late_monday(desk)
    late = desk["other"]
    late.minimum_staffing = 2
    late.save()
    pattern = ShiftPatternFactory(
        team=late, name="Tuesdays", cells=[None, desk["early"]] + [None] * 5
    )
    PatternAssignmentFactory(
        staff=StaffFactory(team=late, first_name="Kelvin"),
        pattern=pattern,
        starts_on=MONDAY,
    )
    plan_apply_patterns(
        team=late, first_day=MONDAY, last_day=SUNDAY, by=desk["other_lead"]
    )
    return desk


def gap(team, day_iso, label, summary):
    return (
        f'<li data-gap="{team.name} {day_iso}">'
        f'<a href="/admin/workforce/shift-coverage/{team.pk}/?week=2026-03-02'
        f'#day-{day_iso}">{label}</a>: short {summary}</li>'
    )


def test_a_lead_sees_each_short_day_of_their_team_linked_to_its_coverage(client, week):
    html = dashboard(client, week["lead"])

    assert "Coverage gaps this week" in html
    assert (
        gap(week["team"], "2026-03-02", "Mon 2 Mar", "12 h from 07:00, as few as 1")
        in html
    )
    assert "(minimum 2; 12 h short this week)" in html
    assert "Desk late" not in html


def test_a_manager_sees_the_most_understaffed_teams_shortest_first(client, week):
    html = dashboard(client, week["manager"])

    early = gap(week["team"], "2026-03-02", "Mon 2 Mar", "12 h from 07:00, as few as 1")
    late = gap(week["other"], "2026-03-03", "Tue 3 Mar", "9 h from 07:00, as few as 1")
    assert early in html and late in html
    assert html.index(early) < html.index(late)
    assert "The 5 teams furthest under their minimum staffing" in html


def test_a_managers_list_stops_at_the_most_understaffed(week):
    shortest = coverage_gaps(viewer=week["manager"], first=MONDAY, last=SUNDAY, most=1)
    assert [w.team.name for w in shortest] == ["Desk early"]


def test_a_lead_whose_team_meets_its_minimum_is_told_so(client, week):
    team = week["team"]
    team.minimum_staffing = 1
    team.save()
    html = dashboard(client, week["lead"])
    assert "No gaps: every half hour meets the minimum this week." in html


def test_a_collector_sees_no_coverage_panel(client, week, user_with_role):
    assert "Coverage gaps this week" not in dashboard(client, user_with_role(COLLECTOR))
    assert "Coverage gaps this week" not in dashboard(client, week["aisyah_user"])


def queries_to_render(user) -> int:
    request = RequestFactory().get("/admin/")
    request.user = user
    with CaptureQueriesContext(connection) as captured:
        CoverageGapsPanel(request).render_html({})
    return len(captured)


@pytest.mark.parametrize("viewer", ["lead", "manager"])
def test_the_panel_takes_as_many_queries_for_thirty_people_as_for_five(week, viewer):
    team, user = week["team"], week[viewer]
    pattern = ShiftPatternFactory(team=team, cells=[week["late"]] * 7)

    def add(count):
        for _ in range(count):
            PatternAssignmentFactory(
                staff=StaffFactory(team=team), pattern=pattern, starts_on=MONDAY
            )
        plan_apply_patterns(
            team=team, first_day=MONDAY, last_day=SUNDAY, by=week["manager"]
        )

    add(3)
    queries_to_render(user)  # the user's permissions, cached from then on
    with_5 = queries_to_render(user)
    add(25)
    with_30 = queries_to_render(user)

    assert with_30 == with_5
