"""The plan grid: what it shows, its actions, editing a cell, and who may
open it; its queries do not grow with the team."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail import hooks

from deskbook.core.roles import COLLECTOR
from tests.scheduling.factories import (
    PatternAssignmentFactory,
    ShiftPatternFactory,
    local,
)
from tests.workforce.factories import StaffFactory
from workforce.people.services import staff_move
from workforce.scheduling.hooks import SCHEDULING_ABSENCES, Absence
from workforce.scheduling.models import Shift, ShiftChange
from workforce.scheduling.services import (
    plan_apply_patterns,
    plan_publish,
    shift_set,
)

D = datetime.date
MONDAY = D(2026, 3, 2)
SUNDAY = D(2026, 3, 8)
PLAN = "/admin/workforce/shift-plan/"
GRID = f"{PLAN}desk-early/"
WEEK = "?view=week&day=2026-03-02"


@pytest.fixture
def planned(desk, frozen_time):
    """Aisyah on earlies Monday to Friday, Wei on lates; both placed from
    2 March; the clock on Monday 2 March 2026, 09:00."""
    frozen_time("2026-03-02 09:00")
    for person, kind in ((desk["aisyah"], desk["early"]), (desk["wei"], desk["late"])):
        pattern = ShiftPatternFactory(
            team=desk["team"], name=kind.name, cells=[kind] * 5 + [None, None]
        )
        PatternAssignmentFactory(staff=person, pattern=pattern, starts_on=MONDAY)
    return desk


def draft_week(desk):
    plan_apply_patterns(
        team=desk["team"], first_day=MONDAY, last_day=SUNDAY, by=desk["lead"]
    )


def publish(desk, last_day=SUNDAY):
    plan_publish(
        team=desk["team"], first_day=MONDAY, last_day=last_day, by=desk["lead"]
    )


def set_day(desk, person, day, kind, **reasons):
    """Set ``desk[person]``'s shift on ``day`` to ``desk[kind]`` as the lead."""
    return shift_set(
        team=desk["team"],
        staff=desk[person],
        day=day,
        shift_type=desk[kind],
        by=desk["lead"],
        **reasons,
    )


def cell(html: str, staff, day: datetime.date) -> str:
    """The markup of one cell of the grid."""
    match = re.search(
        rf'<(a|span) id="cell-{staff.pk}-{day:%Y%m%d}".*?</(a|span)>\s*</td>',
        html,
        re.S,
    )
    assert match, f"no cell for {staff} on {day}"
    return match.group(0)


def text(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def test_the_grid_shows_each_persons_shifts_as_drafts_with_code_and_colour(
    client, planned
):
    draft_week(planned)
    client.force_login(planned["lead"])
    html = client.get(GRID + WEEK).content.decode()
    monday = cell(html, planned["aisyah"], MONDAY)
    assert "shift-code--draft" in monday
    assert ">E</span>" in monday
    assert (
        'aria-label="Nur Aisyah binti Ahmad, Mon 02 Mar: Early 07:00–16:00 (draft)"'
        in html
    )
    assert text(cell(html, planned["aisyah"], D(2026, 3, 7))) == "off"
    assert "Not published yet." in html
    assert "10 draft shifts to publish." in html


def test_published_shifts_are_filled_in_their_colour_and_their_days_marked(
    client, planned
):
    draft_week(planned)
    publish(planned)
    client.force_login(planned["lead"])
    html = client.get(GRID + WEEK).content.decode()
    monday = cell(html, planned["aisyah"], MONDAY)
    assert "shift-code--draft" not in monday
    assert "background-color: #2e7d32; color: #ffffff" in monday
    assert html.count('<span class="w-sr-only">published</span>') == 7
    assert "Published: every day of this week." in html


def test_each_persons_weekly_paid_hours_and_each_days_headcount(client, planned):
    draft_week(planned)
    client.force_login(planned["lead"])
    html = client.get(GRID + WEEK).content.decode()
    # Five nine-hour shifts with an hour's unpaid break: 40 hours each.
    hours = re.findall(r'<td class="plan-hours">([\d.]+)</td>', html)
    assert hours == ["40", "40"]
    headcount = re.findall(r'<td class="plan-headcount[^"]*">(\d+)', html)
    assert headcount == ["2", "2", "2", "2", "2", "0", "0"]


def test_weekly_hours_over_the_maximum_are_marked(client, planned):
    draft_week(planned)
    for day in (D(2026, 3, 7), D(2026, 3, 8)):
        set_day(planned, "aisyah", day, "early", override_reason="Weekend push")
    client.force_login(planned["lead"])
    html = client.get(GRID + WEEK).content.decode()
    assert (
        '<td class="plan-hours plan-hours--over">56<span class="w-sr-only"> '
        "hours, over the maximum of 48</span></td>"
    ) in html


def test_a_month_shows_every_day_and_each_weeks_hours(client, planned):
    draft_week(planned)
    client.force_login(planned["lead"])
    html = client.get(GRID + "?view=month&day=2026-03-15").content.decode()
    assert "Desk early: March 2026" in html
    assert html.count('<th scope="col" class="plan-day') == 31
    # 1 March is a Sunday: the weeks of 23 Feb, 2, 9, 16, 23 and 30 March.
    assert html.count("> in the week of ") == 6
    assert "in the week of 2 Mar" in html
    hours = re.findall(r'<td class="plan-hours">([\d.]+)</td>', html)
    assert hours == ["0", "40", "0", "0", "0", "0"] * 2


def test_a_person_who_moves_out_is_blank_from_the_move(client, planned):
    staff_move(
        staff=planned["wei"],
        team=planned["other"],
        effective_on=D(2026, 3, 5),
        reason="Cover",
        by=planned["manager"],
    )
    draft_week(planned)
    client.force_login(planned["lead"])
    html = client.get(GRID + WEEK).content.decode()
    assert "plan-cell--outside" not in cell(html, planned["wei"], D(2026, 3, 4))
    thursday = cell(html, planned["wei"], D(2026, 3, 5))
    assert "plan-cell--outside" in thursday
    assert text(thursday) == "Wei Ming Tan, Thu 05 Mar: not in the team"
    # Someone who joins later in the month is in the month, not in the week.
    newcomer = StaffFactory(
        first_name="Farah", last_name="Iskandar", hired_on=D(2026, 3, 16)
    )
    staff_move(
        staff=newcomer,
        team=planned["team"],
        effective_on=D(2026, 3, 16),
        reason="New hire",
        by=planned["manager"],
    )
    assert "Farah Iskandar" not in client.get(GRID + WEEK).content.decode()
    assert (
        "Farah Iskandar"
        in client.get(GRID + "?view=month&day=2026-03-01").content.decode()
    )


def test_leave_and_training_from_the_absences_hook_show_in_their_cells(client, planned):
    aisyah = planned["aisyah"]

    def away(staff_ids, first, last):
        return [
            Absence(
                staff_id=aisyah.pk,
                start=local("2026-03-04 00:00"),
                end=local("2026-03-06 00:00"),
                kind="leave",
                label="annual leave",
            ),
            Absence(
                staff_id=aisyah.pk,
                start=local("2026-03-06 09:00"),
                end=local("2026-03-06 12:00"),
                kind="training",
                label="Refresher: disclosure",
                refuses=False,
            ),
        ]

    client.force_login(planned["lead"])
    with hooks.register_temporarily(SCHEDULING_ABSENCES, away):
        html = client.get(GRID + WEEK).content.decode()
    assert text(cell(html, aisyah, D(2026, 3, 4))) == "Leave"
    assert text(cell(html, aisyah, D(2026, 3, 5))) == "Leave"
    # Leave ends at midnight: Friday is not taken.
    assert text(cell(html, aisyah, D(2026, 3, 6))) == "Training"
    assert 'title="Refresher: disclosure"' in html
    assert text(cell(html, aisyah, D(2026, 3, 3))) == "off"


def test_the_grid_keeps_its_query_count_as_the_team_grows(client, planned):
    team = planned["team"]
    client.force_login(planned["lead"])

    def queries_for_grid(view):
        draft_week(planned)
        client.get(GRID + view)  # warm the caches (menus, settings)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(GRID + view)
        assert response.status_code == 200
        return len(captured)

    def grow_to(people):
        pattern = team.shift_patterns.get(name="Early")
        while team.memberships.count() < people:
            person = StaffFactory(team=team)
            PatternAssignmentFactory(staff=person, pattern=pattern, starts_on=MONDAY)

    grow_to(5)
    week_with_5 = queries_for_grid(WEEK)
    month_with_5 = queries_for_grid("?view=month&day=2026-03-01")
    grow_to(30)
    assert queries_for_grid(WEEK) == week_with_5
    assert Shift.objects.filter(team=team, day=MONDAY).count() == 30
    assert queries_for_grid("?view=month&day=2026-03-01") == month_with_5


def test_apply_patterns_drafts_the_period(client, planned):
    client.force_login(planned["lead"])
    response = client.post(f"{GRID}apply/{WEEK}")
    assert response["Location"] == GRID + "?view=week&day=2026-03-02"
    assert Shift.objects.filter(team=planned["team"], status="draft").count() == 10
    html = client.get(response["Location"]).content.decode()
    assert "Drafted 10 shifts from the patterns for 2–8 Mar 2026" in html


def test_copy_last_week_drafts_this_week_like_the_last(client, planned):
    draft_week(planned)
    publish(planned)
    set_day(planned, "aisyah", D(2026, 3, 6), "late", reason="Course in the morning")
    client.force_login(planned["lead"])
    response = client.post(f"{GRID}copy-week/?view=week&day=2026-03-09")
    assert response.status_code == 302
    copied = Shift.objects.filter(staff=planned["aisyah"], day__gte=D(2026, 3, 9))
    assert [(s.day.day, s.shift_type.code, s.status) for s in copied] == [
        (9, "E", "draft"),
        (10, "E", "draft"),
        (11, "E", "draft"),
        (12, "E", "draft"),
        (13, "L", "draft"),
    ]
    assert copied[0].start == local("2026-03-09 07:00")


def test_clear_asks_first_then_deletes_only_the_drafts(client, planned):
    draft_week(planned)
    publish(planned, last_day=D(2026, 3, 3))
    client.force_login(planned["lead"])
    page = client.get(f"{GRID}clear/{WEEK}").content.decode()
    assert "Delete the 6 draft shifts of Desk early" in page
    assert Shift.objects.filter(team=planned["team"]).count() == 10
    client.post(f"{GRID}clear/{WEEK}")
    assert set(Shift.objects.values_list("status", flat=True)) == {"published"}
    assert Shift.objects.count() == 4


def test_a_lead_edits_a_draft_cell(client, planned):
    draft_week(planned)
    client.force_login(planned["lead"])
    url = f"{GRID}cell/{planned['aisyah'].pk}/2026-03-06/{WEEK}"
    page = client.get(url).content.decode()
    assert "Nur Aisyah binti Ahmad, Fri 06 Mar 2026" in page
    assert "Early 07:00–16:00 (draft)" in page
    assert 'name="reason"' not in page  # not published: no reason needed
    response = client.post(url, {"shift_type": planned["late"].pk})
    assert response["Location"] == (
        f"{GRID}?view=week&day=2026-03-02#cell-{planned['aisyah'].pk}-20260306"
    )
    shift = Shift.objects.get(staff=planned["aisyah"], day=D(2026, 3, 6))
    assert (shift.shift_type, shift.status) == (planned["late"], "draft")
    client.post(url, {"shift_type": ""})
    assert not Shift.objects.filter(staff=planned["aisyah"], day=D(2026, 3, 6))


def test_a_published_cell_needs_a_reason_and_logs_the_change(client, planned):
    draft_week(planned)
    publish(planned)
    client.force_login(planned["lead"])
    url = f"{GRID}cell/{planned['aisyah'].pk}/2026-03-06/{WEEK}"
    response = client.post(url, {"shift_type": planned["late"].pk})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not ShiftChange.objects.exists()
    client.post(url, {"shift_type": planned["late"].pk, "reason": "Course at 9"})
    change = ShiftChange.objects.get()
    assert (change.reason, change.changed_by) == ("Course at 9", planned["lead"])
    assert change.after == "Fri 06 Mar Late 13:00–22:00"


def test_a_warning_shows_the_findings_and_needs_an_override_reason(client, planned):
    client.force_login(planned["lead"])
    set_day(planned, "wei", MONDAY, "late")
    url = f"{GRID}cell/{planned['wei'].pk}/2026-03-03/{WEEK}"
    response = client.post(url, {"shift_type": planned["early"].pk})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The rules warn:" in page
    assert (
        "9 h 00 of rest after the shift of Mon 02 Mar, under the 11 h minimum" in page
    )
    assert 'name="override_reason"' in page
    assert not Shift.objects.filter(staff=planned["wei"], day=D(2026, 3, 3))
    response = client.post(
        url,
        {"shift_type": planned["early"].pk, "override_reason": "He asked to swap"},
    )
    assert response.status_code == 302
    shift = Shift.objects.get(staff=planned["wei"], day=D(2026, 3, 3))
    assert shift.override_reason == "He asked to swap"


def test_a_refusal_shows_its_message_and_saves_nothing(client, planned):
    client.force_login(planned["lead"])
    set_day(planned, "wei", MONDAY, "night")
    url = f"{GRID}cell/{planned['wei'].pk}/2026-03-03/{WEEK}"
    # The night ends at 07:00 Tuesday; a 06:00 start would overlap it.
    dawn = planned["early"]
    dawn.starts_at = datetime.time(6)
    dawn.save()
    response = client.post(
        url, {"shift_type": dawn.pk, "override_reason": "Short-handed"}
    )
    page = response.content.decode()
    assert "Refused:" in page
    assert "overlaps the shift of Mon 02 Mar" in page
    assert not Shift.objects.filter(staff=planned["wei"], day=D(2026, 3, 3))


def test_a_cell_of_someone_never_in_the_team_is_not_found(client, planned):
    outsider = StaffFactory(team=planned["other"])
    client.force_login(planned["lead"])
    response = client.get(f"{GRID}cell/{outsider.pk}/2026-03-03/")
    assert response.status_code == 404
    response = client.get(f"{GRID}cell/{planned['wei'].pk}/2026-02-30/")
    assert response.status_code == 404


def test_the_export_has_a_row_a_person_and_a_column_a_day(client, planned):
    draft_week(planned)
    publish(planned)
    planned["wei"].first_name = "=HYPERLINK(1)"
    planned["wei"].save()
    client.force_login(planned["lead"])
    response = client.get(f"{GRID}export/{WEEK}&export=csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="plan-desk-early-2026-03-02-week.csv"'
    )
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == (
        "Name,Employee number,Mon 2026-03-02,Tue 2026-03-03,Wed 2026-03-04,"
        "Thu 2026-03-05,Fri 2026-03-06,Sat 2026-03-07,Sun 2026-03-08"
    )
    assert lines[1] == (
        f"Nur Aisyah binti Ahmad,{planned['aisyah'].employee_number},"
        + ",".join(["E 07:00–16:00"] * 5)
        + ",off,off"
    )
    # A name starting with "=" is text, not a formula.
    assert lines[2].startswith("'=HYPERLINK(1) Tan,")


def test_the_xlsx_export_opens_with_the_same_cells(client, planned):
    from io import BytesIO

    from openpyxl import load_workbook

    draft_week(planned)
    client.force_login(planned["lead"])
    response = client.get(f"{GRID}export/{WEEK}&export=xlsx")
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Name", "Employee number", "Mon 2026-03-02")
    assert rows[1][2] == "E 07:00–16:00 (draft)"
    assert rows[2][2] == "L 13:00–22:00 (draft)"


# Who may open the plan: a lead their own teams, a manager any; the rest get
# a 403, and anyone signed out goes to the sign-in.


def plan_pages(desk):
    cell_url = f"{GRID}cell/{desk['aisyah'].pk}/2026-03-03/"
    return [
        ("get", GRID),
        ("get", GRID + "?view=month"),
        ("post", f"{GRID}apply/"),
        ("post", f"{GRID}copy-week/"),
        ("get", f"{GRID}clear/"),
        ("post", f"{GRID}clear/"),
        ("get", f"{GRID}publish/"),
        ("post", f"{GRID}publish/"),
        ("get", f"{GRID}export/?export=csv"),
        ("get", cell_url),
        ("post", cell_url),
    ]


def test_a_lead_of_another_team_is_refused_every_page_of_the_plan(client, planned):
    draft_week(planned)
    client.force_login(planned["other_lead"])
    for method, url in plan_pages(planned):
        response = getattr(client, method)(
            url, {"shift_type": ""} if method == "post" else None
        )
        assert response.status_code == 403, (method, url)
    assert "This page is not open to you" in response.content.decode()
    assert Shift.objects.filter(status="draft").count() == 10


def test_a_collector_is_refused_every_page_of_the_plan(client, planned):
    client.force_login(planned["aisyah_user"])
    for method, url in [("get", PLAN), *plan_pages(planned)]:
        assert getattr(client, method)(url).status_code == 403, (method, url)


def test_signed_out_visitors_go_to_the_sign_in(client, planned):
    for method, url in [("get", PLAN), *plan_pages(planned)]:
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/?next="), url


def test_a_manager_plans_any_team(client, planned):
    client.force_login(planned["manager"])
    assert client.get(GRID).status_code == 200
    assert client.get(f"{PLAN}desk-late/").status_code == 200
    page = client.get(PLAN).content.decode()
    assert "Desk early" in page and "Desk late" in page


def test_the_plan_index_lists_only_the_leads_teams(client, planned):
    client.force_login(planned["lead"])
    page = client.get(PLAN).content.decode()
    assert f'href="{GRID}?view=week&amp;day=2026-03-02"' in page
    assert f'href="{GRID}?view=month&amp;day=2026-04-01"' in page
    assert "Desk late" not in page


def test_a_collector_does_not_see_the_shift_planning_menu(
    client, planned, user_with_role
):
    client.force_login(user_with_role(COLLECTOR))
    assert "Shift planning" not in client.get("/admin/").content.decode()
    client.force_login(planned["lead"])
    assert "Shift planning" in client.get("/admin/").content.decode()
