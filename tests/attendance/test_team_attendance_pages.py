"""*Team attendance*: the month grid and the day with corrections."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.attendance.test_team_attendance import clock
from tests.workforce.factories import StaffFactory
from workforce.attendance.models import AttendanceCorrection

INDEX = "/admin/workforce/team-attendance/"


def month_url(team):
    return f"{INDEX}{team.pk}/?month=2026-03"


def day_url(team, day="2026-03-02"):
    return f"{INDEX}{team.pk}/{day}/"


def row(html, name):
    found = re.search(rf'data-person="{name}">(.*?)</tr>', html, re.S)
    assert found, name
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1))).strip()


@pytest.fixture
def clocked(week, frozen_time):
    clock(
        week["aisyah"],
        ("clock_in", "2026-03-02 07:09"),
        ("clock_out", "2026-03-02 16:00"),
    )
    clock(week["wei"], ("clock_in", "2026-03-02 06:55"))
    frozen_time("2026-03-09 09:00")
    return week


def test_a_lead_sees_the_month_of_their_team(client, clocked):
    client.force_login(clocked["lead"])
    response = client.get(month_url(clocked["team"]))
    assert response.status_code == 200
    # Monday 2: late (07:09); Tuesday to Friday absent; the weekend off.
    # 531 of 5 × 540 minutes: 20%; no time outside the shift: the same.
    cells = " ".join(["L", "A", "A", "A", "A"])
    assert f"Nur Aisyah binti Ahmad {cells} 1 4 20% 20%" == row(
        response.text, "Nur Aisyah binti Ahmad"
    )


def test_a_lead_corrects_a_day_and_the_correction_stands(client, clocked):
    client.force_login(clocked["lead"])
    wei = clocked["wei"]
    assert "No clock-out" in row(
        client.get(day_url(clocked["team"])).text, "Wei Ming Tan"
    )
    response = client.post(
        day_url(clocked["team"]),
        {
            "staff": wei.pk,
            "status": "present",
            "reason": "Left at 16:00, seen on camera",
        },
    )
    assert response.status_code == 302
    correction = AttendanceCorrection.objects.get()
    assert (correction.staff, correction.status, correction.corrected_by) == (
        wei,
        "present",
        clocked["lead"],
    )
    page = client.get(day_url(clocked["team"])).text
    assert "Present (from the clock: present)" in row(page, "Wei Ming Tan")
    assert "Left at 16:00, seen on camera" in row(page, "Wei Ming Tan")
    month = client.get(month_url(clocked["team"])).text
    assert row(month, "Wei Ming Tan").startswith("Wei Ming Tan P* A A A A")


def test_a_correction_without_a_reason_is_a_form_error(client, clocked):
    client.force_login(clocked["lead"])
    response = client.post(
        day_url(clocked["team"]), {"staff": clocked["wei"].pk, "status": "present"}
    )
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert not AttendanceCorrection.objects.exists()


def test_a_lead_may_not_correct_someone_outside_their_team(client, clocked):
    client.force_login(clocked["lead"])
    response = client.post(
        day_url(clocked["team"]),
        {"staff": clocked["dewi"].pk, "status": "present", "reason": "x"},
    )
    assert response.status_code == 403
    assert "corrected by the person" in response.text
    assert not AttendanceCorrection.objects.exists()


def test_a_manager_sees_every_team(client, clocked):
    client.force_login(clocked["manager"])
    index = client.get(INDEX).text
    assert "Desk early" in index and "Desk late" in index
    assert client.get(month_url(clocked["other"])).status_code == 200


@pytest.mark.parametrize("who", ["other_lead", "aisyah_user"])
def test_others_are_refused(client, clocked, who):
    client.force_login(clocked[who])
    assert client.get(month_url(clocked["team"])).status_code == 403
    assert client.get(day_url(clocked["team"])).status_code == 403
    response = client.post(
        day_url(clocked["team"]),
        {"staff": clocked["wei"].pk, "status": "present", "reason": "x"},
    )
    assert response.status_code == 403
    assert not AttendanceCorrection.objects.exists()


def test_a_collector_is_refused_the_index(client, clocked):
    client.force_login(clocked["aisyah_user"])
    assert client.get(INDEX).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get(INDEX)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", [month_url, day_url])
def test_the_pages_keep_their_query_count_as_people_grow(
    client, clocked, page, publish
):
    client.force_login(clocked["lead"])
    url = page(clocked["team"])
    few = queries(client, url)
    newcomers = [StaffFactory(team=clocked["team"]) for _ in range(5)]
    publish([(p, datetime.date(2026, 3, 2), clocked["early"]) for p in newcomers])
    for person in newcomers:
        clock(
            person, ("clock_in", "2026-03-02 07:00"), ("clock_out", "2026-03-02 16:00")
        )
    assert queries(client, url) == few
