"""Coverage: a team's headcount per half hour against its minimum, the
selector, the admin page (who may see it, what it marks), in a fixed number
of queries however many people the team holds."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from deskbook.core.roles import COLLECTOR, EDITOR
from tests.scheduling.factories import PatternAssignmentFactory, ShiftPatternFactory
from tests.workforce.factories import StaffFactory, TeamFactory
from workforce.scheduling import calculations as calc
from workforce.scheduling.selectors import DayCoverage, team_coverage
from workforce.scheduling.services import plan_apply_patterns, plan_publish

D = datetime.date
MONDAY = D(2026, 3, 2)
SUNDAY = D(2026, 3, 8)


def coverage_url(team, week="2026-03-02"):
    return f"/admin/workforce/shift-coverage/{team.pk}/?week={week}"


def cells_by_row(html: str, key: str) -> dict[str, list[str]]:
    """The ``<td>`` cells of each ``<tr data-KEY="...">`` row, by that value."""
    rows = {}
    for row in re.finditer(rf'<tr data-{key}="([^"]+)">(.*?)</tr>', html, re.S):
        rows[row[1]] = [
            re.sub(r">\s+<", "><", cell.strip())
            for cell in re.findall(r"<td[^>]*>.*?</td>", row[2], re.S)
        ]
    return rows


def early_and_late_monday(desk):
    """Aisyah on an early (07:00-16:00) and Wei on a late (13:00-22:00), on
    Monday 2 March only; the team needs two at a time."""
    team = desk["team"]
    team.minimum_staffing = 2
    team.save()
    for person, kind in ((desk["aisyah"], desk["early"]), (desk["wei"], desk["late"])):
        pattern = ShiftPatternFactory(
            team=team, name=kind.name, cells=[kind] + [None] * 6
        )
        PatternAssignmentFactory(staff=person, pattern=pattern, starts_on=MONDAY)
    plan_apply_patterns(team=team, first_day=MONDAY, last_day=SUNDAY, by=desk["lead"])
    return team


def test_coverage_counts_each_half_hour_against_the_minimum(desk):
    team = early_and_late_monday(desk)

    [week] = team_coverage(viewer=desk["lead"], first=MONDAY, last=SUNDAY)

    assert week.team == team
    monday, tuesday = week.days[0], week.days[1]
    counts = {f"{i.start:%H:%M}": i.headcount for i in monday.intervals}
    assert (counts["06:30"], counts["07:00"], counts["12:30"]) == (0, 1, 1)
    assert (counts["13:00"], counts["15:30"], counts["16:00"]) == (2, 2, 1)
    assert (counts["21:30"], counts["22:00"]) == (1, 0)
    # Short from 07:00 to 13:00 and from 16:00 to 22:00: twelve hours.
    assert [f"{i.start:%H:%M}" for i in monday.short][:2] == ["07:00", "07:30"]
    assert monday.short_minutes == 720
    assert monday.fewest == 1
    assert tuesday.intervals and tuesday.short == []
    assert week.short_minutes == 720
    assert [day.day for day in week.short_days] == [MONDAY]


def test_a_lead_sees_only_the_teams_they_lead(desk):
    early_and_late_monday(desk)
    [theirs] = team_coverage(viewer=desk["other_lead"], first=MONDAY, last=SUNDAY)
    assert theirs.team == desk["other"]
    assert team_coverage(viewer=desk["aisyah_user"], first=MONDAY, last=SUNDAY) == []
    teams = team_coverage(viewer=desk["manager"], first=MONDAY, last=SUNDAY)
    assert [week.team.name for week in teams] == ["Desk early", "Desk late"]


def test_the_page_marks_short_half_hours_in_text_as_well_as_colour(client, desk):
    team = early_and_late_monday(desk)
    client.force_login(desk["lead"])

    response = client.get(coverage_url(team))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Coverage: Desk early" in html
    assert "minimum of\n        <strong>2</strong>" in html
    short = (
        '<td class="coverage-cell coverage-short" data-short>1 '
        '<span aria-hidden="true">⚠</span>'
        '<span class="w-sr-only"> short by 1</span></td>'
    )
    covered = '<td class="coverage-cell coverage-covered coverage-level-0">2</td>'
    closed = (
        '<td class="coverage-cell coverage-closed"><span aria-hidden="true">·</span>'
        '<span class="w-sr-only">closed</span></td>'
    )
    rows = cells_by_row(html, "time")
    # Monday, then Tuesday, when nobody works.
    assert rows["07:00"][:2] == [short, closed]
    assert rows["12:30"][:2] == [short, closed]
    assert rows["13:00"][:2] == [covered, closed]
    assert rows["16:00"][0] == short
    # Nobody works before 07:00 or from 22:00: those rows are left out.
    assert list(rows)[0] == "07:00" and list(rows)[-1] == "21:30"
    assert "The team is closed before 07:00 and from 22:00 all week" in html
    assert '<td data-day-short="2026-03-02">12 h from 07:00, as few as 1</td>' in html
    assert '<td data-day-short="2026-03-03">None</td>' in html


def test_a_week_is_read_from_any_of_its_days(client, desk):
    team = early_and_late_monday(desk)
    client.force_login(desk["lead"])
    html = client.get(coverage_url(team, week="2026-03-05")).content.decode()
    assert 'id="day-2026-03-02"' in html
    assert "?week=2026-02-23" in html and "?week=2026-03-09" in html


def test_a_week_that_is_not_a_date_is_said_and_this_week_shown(
    client, desk, frozen_time
):
    frozen_time("2026-03-04 10:00")
    team = early_and_late_monday(desk)
    client.force_login(desk["lead"])

    response = client.get(coverage_url(team, week="2026-02-31"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a valid date. Showing the week of 2 Mar 2026." in html
    assert 'id="day-2026-03-02"' in html


def test_the_index_lists_the_leads_teams_with_their_short_time(client, desk):
    early_and_late_monday(desk)
    client.force_login(desk["lead"])

    url = "/admin/workforce/shift-coverage/?week=2026-03-02"
    html = client.get(url).content.decode()

    assert cells_by_row(html, "team")["Desk early"] == [
        "<td>2</td>",
        "<td>1</td>",
        "<td><strong>12 h</strong></td>",
    ]
    assert "Desk late" not in html


def test_a_manager_sees_any_teams_coverage(client, desk):
    early_and_late_monday(desk)
    client.force_login(desk["manager"])
    assert client.get(coverage_url(desk["other"])).status_code == 200
    index = client.get("/admin/workforce/shift-coverage/").content.decode()
    assert '<tr data-team="Desk early">' in index
    assert '<tr data-team="Desk late">' in index


def test_a_lead_of_another_team_is_refused(client, desk):
    early_and_late_monday(desk)
    client.force_login(desk["other_lead"])
    response = client.get(coverage_url(desk["team"]))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Coverage is shown to the leads of a team and to managers." in html
    assert "Desk early" not in html and "data-time" not in html


@pytest.mark.parametrize("role", [COLLECTOR, EDITOR])
def test_other_roles_are_refused(client_as, desk, role):
    client = client_as(role)
    assert client.get(coverage_url(desk["team"])).status_code == 403
    assert client.get("/admin/workforce/shift-coverage/").status_code == 403


def test_a_collector_who_is_in_the_team_is_refused_too(client, desk):
    client.force_login(desk["aisyah_user"])
    assert client.get(coverage_url(desk["team"])).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, desk):
    response = client.get(coverage_url(desk["team"]))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")


def test_an_unknown_team_is_not_found(client, desk):
    client.force_login(desk["manager"])
    assert client.get("/admin/workforce/shift-coverage/999999/").status_code == 404


def test_the_page_runs_the_same_queries_for_five_people_or_thirty(client, desk):
    team = desk["team"]
    big = TeamFactory(name="Big desk", slug="big-desk", lead=desk["lead"])
    small = TeamFactory(name="Small desk", slug="small-desk", lead=desk["lead"])
    for squad, size in ((small, 5), (big, 30)):
        pattern = ShiftPatternFactory(
            team=squad, cells=[desk["early"]] * 5 + [desk["late"]] * 2
        )
        for n in range(size):
            PatternAssignmentFactory(
                staff=StaffFactory(team=squad),
                pattern=pattern,
                starts_on=MONDAY,
                rotation_offset_days=n % 7,
            )
        plan_apply_patterns(
            team=squad, first_day=MONDAY, last_day=SUNDAY, by=desk["lead"]
        )
        plan_publish(
            team=squad,
            first_day=MONDAY,
            last_day=SUNDAY,
            by=desk["lead"],
            override_reason="Test floor",
        )
    client.force_login(desk["lead"])
    client.get(coverage_url(team))  # warm the session and the site's caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(coverage_url(small)).status_code == 200
    with CaptureQueriesContext(connection) as many:
        assert client.get(coverage_url(big)).status_code == 200
    assert len(many) == len(few)


def test_a_wall_time_the_clocks_repeat_shows_the_one_that_is_short():
    # London, 25 October 2026: from 02:00 summer time the clocks go back to
    # 01:00, so 01:00 and 01:30 come twice. A night shift ends at 01:30 the
    # first time round.
    london = ZoneInfo("Europe/London")
    day = D(2026, 10, 25)
    night = calc.PlannedShift(
        "night",
        1,
        D(2026, 10, 24),
        datetime.datetime(2026, 10, 24, 22, tzinfo=london),
        datetime.datetime(2026, 10, 25, 1, 30, tzinfo=london),
    )
    intervals = calc.staffing([night], day=day, zone=london, minimum=2)
    assert len(intervals) == 50

    by_time = DayCoverage(day, intervals).by_time

    assert len(by_time) == 48
    # The first 01:00 is open with one person, short of two; the second is
    # closed: the short one stands for both.
    first_one = by_time["01:00"]
    assert (first_one.headcount, first_one.open, first_one.short) == (1, True, True)
    assert by_time["01:30"].open is False


def test_a_team_on_nights_is_not_short_between_them(desk):
    # Nights 22:00-07:00 Monday to Friday, one at a time, a minimum of one:
    # the team is open only through its nights, so nothing to override.
    team = desk["team"]
    pattern = ShiftPatternFactory(
        team=team, name="Nights", cells=[desk["night"]] * 5 + [None, None]
    )
    PatternAssignmentFactory(staff=desk["aisyah"], pattern=pattern, starts_on=MONDAY)
    plan_apply_patterns(team=team, first_day=MONDAY, last_day=SUNDAY, by=desk["lead"])

    publication = plan_publish(
        team=team, first_day=MONDAY, last_day=SUNDAY, by=desk["lead"]
    )

    assert publication.warnings == ""
    [week] = team_coverage(viewer=desk["lead"], first=MONDAY, last=SUNDAY)
    tuesday = week.days[1]
    assert [f"{i.start:%H:%M}" for i in tuesday.intervals if i.open] == [
        f"{h:02d}:{m:02d}" for h in range(7) for m in (0, 30)
    ] + ["22:00", "22:30", "23:00", "23:30"]
