"""The dashboard's clock: a panel for everyone with a staff record."""

import re

import pytest

from tests.attendance.conftest import local
from workforce.attendance.models import ClockEvent

HOME = "/admin/"
CLOCK = "/admin/attendance/clock/"


def panel(html: str) -> str:
    found = re.search(r'data-panel="clock">(.*?)</section>', html, re.S)
    if not found:
        return ""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1))).strip()


def test_a_collector_clocks_in_and_out_from_the_dashboard(client, floor, frozen_time):
    client.force_login(floor["aisyah_user"])
    assert panel(client.get(HOME).text) == "Clock Not clocked in. Clock in"

    frozen_time("2026-02-27 07:02")
    response = client.post(CLOCK, {"action": "clock_in"}, follow=True)
    assert "Clocked in at 07:02." in response.text
    assert panel(response.text) == (
        "Clock Clocked in since 07:02. Clock out Today: 07:02 clock in"
    )

    frozen_time("2026-02-27 16:01")
    response = client.post(CLOCK, {"action": "clock_out"}, follow=True)
    assert panel(response.text) == (
        "Clock Not clocked in. Clock in Today: 07:02 clock in 16:01 clock out"
    )
    assert list(ClockEvent.objects.values_list("kind", "at", "source")) == [
        ("clock_in", local("2026-02-27 07:02"), "web"),
        ("clock_out", local("2026-02-27 16:01"), "web"),
    ]


def test_a_second_clock_in_says_so_and_records_nothing(client, floor, frozen_time):
    frozen_time("2026-02-27 07:02")
    client.force_login(floor["aisyah_user"])
    client.post(CLOCK, {"action": "clock_in"})
    response = client.post(CLOCK, {"action": "clock_in"}, follow=True)
    assert "You are already clocked in." in response.text
    assert ClockEvent.objects.count() == 1


def test_yesterdays_events_are_not_today(client, floor, frozen_time):
    client.force_login(floor["aisyah_user"])
    frozen_time("2026-02-26 23:00")
    client.post(CLOCK, {"action": "clock_in"})
    client.post(CLOCK, {"action": "clock_out"})
    frozen_time("2026-02-27 00:00")
    assert panel(client.get(HOME).text) == "Clock Not clocked in. Clock in"


def test_without_a_staff_record_there_is_no_clock_and_posting_is_403(
    client, user_with_role
):
    client.force_login(user_with_role("Manager"))
    assert panel(client.get(HOME).text) == ""
    response = client.post(CLOCK, {"action": "clock_in"})
    assert response.status_code == 403
    assert "needs a staff record" in response.text
    assert not ClockEvent.objects.exists()


@pytest.mark.parametrize("action", ["", "lunch"])
def test_another_action_is_403(client, floor, action):
    client.force_login(floor["aisyah_user"])
    assert client.post(CLOCK, {"action": action}).status_code == 403


def test_the_clock_takes_only_posts(client, floor):
    client.force_login(floor["aisyah_user"])
    assert client.get(CLOCK).status_code == 405


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.post(CLOCK, {"action": "clock_in"})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_clock_needs_the_csrf_token_the_panel_gives(floor):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(floor["aisyah_user"])
    assert client.post(CLOCK, {"action": "clock_in"}).status_code == 403
    assert not ClockEvent.objects.exists()

    html = client.get(HOME).text
    form = re.search(r'data-panel="clock">.*?</section>', html, re.S).group(0)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    response = client.post(CLOCK, {"action": "clock_in", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert ClockEvent.objects.count() == 1
