"""The clock events listing and the log upload in the admin."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.attendance.conftest import local
from tests.attendance.factories import ClockEventFactory
from tests.workforce.factories import StaffFactory
from workforce.attendance.models import ClockEvent
from workforce.people.services import staff_move

D = datetime.date

EVENTS = "/admin/workforce/clock-events/"
UPLOAD = "/admin/workforce/clock-events/import/"


def listing(response) -> str:
    html = response.content.decode()
    if '<table class="listing' not in html:
        return ""
    return html.split('<table class="listing', 1)[1].split("</tbody>", 1)[0]


@pytest.fixture
def clocked(floor):
    ClockEventFactory(staff=floor["aisyah"], at=local("2026-02-26 07:00"))
    ClockEventFactory(staff=floor["dewi"], at=local("2026-02-26 07:01"))
    return floor


def test_a_lead_sees_the_events_of_their_team_only(client, clocked):
    client.force_login(clocked["lead"])
    response = client.get(EVENTS)
    assert response.status_code == 200
    rows = listing(response)
    assert "binti Ahmad" in rows
    assert "Santoso" not in rows
    assert 'href="/admin/workforce/clock-events/import/"' not in response.text


def test_a_lead_sees_an_event_by_the_team_of_its_day(client, clocked):
    """Dewi joins the lead's team on 27 February: her event of the 26th, from
    her old team, stays out of the lead's listing; the one of the 27th shows.
    Aisyah moves out on the 27th: her event of the 26th stays in."""
    desk, other = clocked["team"], clocked["dewi"].memberships.get().team
    ClockEventFactory(staff=clocked["dewi"], at=local("2026-02-27 07:02"))
    ClockEventFactory(staff=clocked["aisyah"], at=local("2026-02-27 07:03"))
    by = clocked["manager"]
    staff_move(
        staff=clocked["dewi"],
        team=desk,
        effective_on=D(2026, 2, 27),
        reason="Cover",
        by=by,
    )
    staff_move(
        staff=clocked["aisyah"],
        team=other,
        effective_on=D(2026, 2, 27),
        reason="Swap",
        by=by,
    )
    client.force_login(clocked["lead"])
    rows = listing(client.get(EVENTS)).split("<tr")[2:]
    seen = [
        (name, day)
        for row in rows
        for name in ("Santoso", "binti Ahmad")
        for day in ("26 Feb", "27 Feb")
        if name in row and day in row
    ]
    assert seen == [("Santoso", "27 Feb"), ("binti Ahmad", "26 Feb")]


def test_a_manager_sees_every_event_and_the_import(client, clocked):
    client.force_login(clocked["manager"])
    response = client.get(EVENTS)
    rows = listing(response)
    assert "binti Ahmad" in rows and "Santoso" in rows
    assert 'href="/admin/workforce/clock-events/import/"' in response.text


@pytest.mark.parametrize("url", [EVENTS, UPLOAD])
def test_a_collector_is_refused(client, clocked, url):
    client.force_login(clocked["aisyah_user"])
    assert client.get(url).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, clocked):
    response = client.get(EVENTS)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_nobody_adds_an_event_by_hand(admin_client, clocked):
    assert admin_client.get(EVENTS).status_code == 200
    assert admin_client.get(EVENTS + "new/").status_code == 404


def test_a_lead_may_not_import(client, clocked):
    client.force_login(clocked["lead"])
    assert client.get(UPLOAD).status_code == 403


def upload(client, text, **fields):
    spreadsheet = SimpleUploadedFile("log.csv", text.encode(), "text/csv")
    return client.post(UPLOAD, {"spreadsheet": spreadsheet, **fields})


def test_a_manager_imports_a_log(client, clocked):
    clocked["wei"].employee_number = "E200"
    clocked["wei"].save()
    client.force_login(clocked["manager"])
    assert client.get(UPLOAD).status_code == 200
    response = upload(
        client, "staff_id,kind,timestamp\nE200,clock_in,2026-02-26 07:03\n"
    )
    assert response.status_code == 302
    assert ClockEvent.objects.filter(staff=clocked["wei"]).count() == 1


def test_a_bad_log_shows_every_problem_and_imports_nothing(client, clocked):
    client.force_login(clocked["manager"])
    response = upload(
        client, "staff_id,kind,timestamp\nX9,clock_in,2026-02-26 07:03\nX8,in,soon\n"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing was imported" in html
    assert "row 2, column staff_id: nobody has the id &#x27;X9&#x27;" in html
    assert "row 3, column timestamp: not a date and time" in html
    assert ClockEvent.objects.count() == 2


def test_a_check_only_upload_writes_nothing(client, clocked):
    clocked["wei"].employee_number = "E200"
    clocked["wei"].save()
    client.force_login(clocked["manager"])
    response = upload(
        client,
        "staff_id,kind,timestamp\nE200,clock_in,2026-02-26 07:03\n",
        dry_run="on",
    )
    assert "1 new, 0 already recorded" in response.content.decode()
    assert ClockEvent.objects.count() == 2


def queries(client) -> int:
    client.get(EVENTS)  # warm the caches (menus, settings)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(EVENTS).status_code == 200
    return len(captured)


@pytest.mark.parametrize("viewer", ["lead", "manager"])
def test_the_listing_keeps_its_query_count_as_events_grow(client, clocked, viewer):
    client.force_login(clocked[viewer])
    few = queries(client)
    for n in range(10):
        person = StaffFactory(team=clocked["team"])
        ClockEventFactory(staff=person, at=local(f"2026-02-26 08:{n:02d}"))
    assert queries(client) == few
