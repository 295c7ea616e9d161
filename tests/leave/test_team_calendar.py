"""*Team calendar*: a month of a team's leave, people down and days across,
for the team's leads and managers; everyone else is refused."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.leave.factories import BlackoutFactory, PublicHolidayFactory
from tests.workforce.factories import StaffFactory
from workforce.leave.services import leave_request_approve

D = datetime.date
URL = "/admin/workforce/leave-calendar/"


def cell(html: str, person, day: D, *, classes=False) -> str:
    """What a person's day shows (or, with ``classes``, the cell's classes)."""
    row = re.search(
        rf'<tr data-person="{person.employee_number}">(.*?)</tr>', html, re.S
    )
    assert row, person
    found = re.search(
        rf'<td class="([^"]*)" data-day="{day:%Y-%m-%d}">(.*?)</td>', row.group(1), re.S
    )
    assert found, day
    return found.group(1) if classes else found.group(2).strip()


def heading(html: str, day: D) -> str:
    found = re.search(
        rf'<th scope="col" class="([^"]*)" data-day="{day:%Y-%m-%d}"', html
    )
    assert found, day
    return found.group(1)


@pytest.fixture
def march(leave, ask):
    """Desk early in March 2026: Aisyah's annual leave Mon 9 – Fri 13
    approved, Wei's unpaid Tuesday 17 afternoon pending, Dewi (Desk late)
    off on Monday 9; Friday 20 an agency day; a month-end blackout from
    Monday 30."""
    approved = ask()
    leave_request_approve(request=approved, by=leave["lead"])
    ask(
        staff=leave["wei"],
        leave_type=leave["unpaid"],
        first_day=D(2026, 3, 17),
        last_day=D(2026, 3, 17),
        first_day_part="afternoon",
        last_day_part="afternoon",
        by=leave["wei_user"],
    )
    ask(
        staff=leave["dewi"],
        leave_type=leave["unpaid"],
        first_day=D(2026, 3, 9),
        last_day=D(2026, 3, 9),
        by=leave["dewi_user"],
    )
    PublicHolidayFactory(date=D(2026, 3, 20), name="Agency day")
    BlackoutFactory(
        team=leave["team"],
        first_day=D(2026, 3, 30),
        last_day=D(2026, 4, 2),
        reason="Month-end push",
    )
    return leave


def test_a_lead_sees_who_is_off_when(client, march):
    client.force_login(march["lead"])
    response = client.get(URL, {"month": "2026-03"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Desk early, March 2026" in html
    monday = cell(html, march["aisyah"], D(2026, 3, 9))
    assert 'data-leave="approved"' in monday and ">AL<" in monday
    assert 'data-leave="approved"' in cell(html, march["aisyah"], D(2026, 3, 13))
    assert cell(html, march["aisyah"], D(2026, 3, 16)) == ""
    tuesday = cell(html, march["wei"], D(2026, 3, 17))
    assert 'data-leave="pending"' in tuesday
    assert "½pm" in tuesday and "(pending)" in tuesday
    assert "holiday" in heading(html, D(2026, 3, 20))
    assert "blackout" in heading(html, D(2026, 3, 30))
    assert "blackout" not in heading(html, D(2026, 3, 27))
    assert "Public holidays: 20 Mar Agency day." in html
    assert "Blackouts: Month-end push." in html
    # Dewi is in Desk late: not on this team's calendar.
    assert march["dewi"].employee_number not in html
    # One team: no picker, and the month links keep it.
    assert 'name="team" value="desk-early"' in html
    assert (
        'href="/admin/workforce/leave-calendar/?team=desk-early&amp;month=2026-02"'
        in html
    )
    assert (
        'href="/admin/workforce/leave-calendar/?team=desk-early&amp;month=2026-04"'
        in html
    )


def test_someone_who_moves_team_shows_only_on_their_days_in_it(client, march, moved):
    client.force_login(march["lead"])

    html = client.get(URL, {"month": "2026-03"}).content.decode()

    # Aisyah moved to Desk late on Thursday 12: greyed from then on, and her
    # leave on those days is the other team's to show.
    assert 'data-leave="approved"' in cell(html, march["aisyah"], D(2026, 3, 11))
    assert cell(html, march["aisyah"], D(2026, 3, 12)) == ""
    assert "outside" in cell(html, march["aisyah"], D(2026, 3, 12), classes=True)
    assert "outside" not in cell(html, march["aisyah"], D(2026, 3, 11), classes=True)
    client.force_login(march["other_lead"])
    late = client.get(URL, {"month": "2026-03"}).content.decode()
    assert 'data-leave="approved"' in cell(late, march["aisyah"], D(2026, 3, 12))
    assert cell(late, march["aisyah"], D(2026, 3, 11)) == ""


def test_a_manager_picks_any_team(client, march):
    client.force_login(march["manager"])

    html = client.get(URL, {"team": "desk-late", "month": "2026-03"}).content.decode()

    assert '<option value="desk-early">Desk early</option>' in html
    assert '<option value="desk-late" selected>Desk late</option>' in html
    assert 'data-leave="pending"' in cell(html, march["dewi"], D(2026, 3, 9))


def test_a_lead_of_another_team_is_refused_it(client, march):
    client.force_login(march["other_lead"])

    response = client.get(URL, {"team": "desk-early", "month": "2026-03"})

    assert response.status_code == 403


@pytest.mark.parametrize("who", ["aisyah_user", "wei_user"])
def test_collectors_are_refused(client, march, who):
    client.force_login(march[who])

    assert client.get(URL).status_code == 403


def test_an_anonymous_visitor_is_sent_to_sign_in(client, march):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_month_that_is_not_one_shows_this_month(client, march):
    client.force_login(march["lead"])

    html = client.get(URL, {"month": "2026-13"}).content.decode()

    assert "Desk early, February 2026" in html


def test_the_grid_takes_the_same_number_of_queries_however_many_people(
    client, march, ask
):
    client.force_login(march["lead"])
    client.get(URL, {"month": "2026-03"})  # warm the caches
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"month": "2026-03"})
    for number in range(12):
        person = StaffFactory(team=march["team"], last_name=f"Extra {number:02d}")
        day = D(2026, 3, 23 + number % 5)
        ask(
            staff=person,
            leave_type=march["unpaid"],
            first_day=day,
            last_day=day,
            by=march["lead"],
        )
    with CaptureQueriesContext(connection) as many:
        html = client.get(URL, {"month": "2026-03"}).content.decode()

    assert html.count("<tr data-person=") == 15
    assert html.count('data-leave="pending"') == 13
    assert len(many) == len(few)
