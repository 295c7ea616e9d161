"""Clocking in end to end in the browser: a collector presses *Clock in* on
the dashboard, and her lead's *Team attendance* day and *Intraday board*
show her present."""

import datetime

import pytest
from django.utils import timezone

from deskbook.core.bootstrap import bootstrap_site
from deskbook.core.roles import COLLECTOR, TEAM_LEAD
from tests.factories import UserFactory
from tests.scheduling.factories import ShiftTypeFactory
from tests.workforce.factories import StaffFactory, TeamFactory
from workforce.scheduling.services import plan_publish, shift_set

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shift_now(transactional_db):
    """Aisyah (``aisyah``) of Desk early, led by ``lead``, has a published
    shift today starting this minute."""
    bootstrap_site()
    lead = UserFactory(username="lead", first_name="Lina", roles=[TEAM_LEAD])
    team = TeamFactory(name="Desk early", slug="desk-early", lead=lead)
    now = timezone.localtime()
    starts = now.time().replace(second=0, microsecond=0)
    ends = (now + datetime.timedelta(hours=8)).time().replace(second=0, microsecond=0)
    kind = ShiftTypeFactory(name="Now", code="NOW", starts_at=starts, ends_at=ends)
    kind.teams.add(team)
    aisyah = StaffFactory(
        first_name="Aisyah",
        last_name="Rahman",
        team=team,
        hired_on=datetime.date(2024, 1, 15),
        user=UserFactory(username="aisyah", roles=[COLLECTOR]),
    )
    today = now.date()
    shift_set(team=team, staff=aisyah, day=today, shift_type=kind, by=lead)
    plan_publish(
        team=team, first_day=today, last_day=today, by=lead, override_reason="Test"
    )
    return {"team": team, "today": today}


def test_a_collector_clocks_in_and_her_lead_sees_her_present(
    page, live_server, sign_in, shift_now
):
    sign_in(page, "aisyah")
    panel = page.locator('[data-panel="clock"]')
    assert panel.locator("[data-clock-state]").inner_text() == "Not clocked in."
    panel.get_by_role("button", name="Clock in").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    assert (
        panel.locator("[data-clock-state]").inner_text().startswith("Clocked in since")
    )

    sign_in(page, "lead")
    team, today = shift_now["team"], shift_now["today"]
    page.goto(f"{live_server.url}/admin/workforce/team-attendance/{team.pk}/{today}/")
    row = page.locator('[data-person="Aisyah Rahman"]')
    assert row.locator("[data-status]").inner_text() == "Present"


def test_a_collector_clocks_in_and_her_leads_intraday_board_shows_her_present(
    page, live_server, sign_in, shift_now
):
    sign_in(page, "aisyah")
    page.locator('[data-panel="clock"]').get_by_role("button", name="Clock in").click()
    page.wait_for_url(f"{live_server.url}/admin/")

    sign_in(page, "lead")
    page.goto(f"{live_server.url}/admin/workforce/intraday/")
    now = timezone.localtime()
    interval = now.replace(minute=now.minute - now.minute % 30)
    row = page.locator(f'[data-interval="{interval:%H:%M}"]')
    assert row.locator("[data-present]").inner_text() == "1"
    assert page.locator("svg[data-chart]").is_visible()
