"""A lead plans their team's week in the browser: applies the patterns, sets a
cell with the keyboard alone (overriding a rest warning with a reason), and
publishes; then looks at the month."""

import datetime

import pytest
from django.utils import timezone

from deskbook.core.bootstrap import bootstrap_site
from deskbook.core.roles import TEAM_LEAD
from tests.factories import UserFactory
from tests.scheduling.factories import (
    EarlyShiftTypeFactory,
    LateShiftTypeFactory,
    PatternAssignmentFactory,
    ShiftPatternFactory,
)
from tests.workforce.factories import StaffFactory, TeamFactory
from workforce.scheduling.calculations import week_start
from workforce.scheduling.models import PlanPublication, Shift

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def team_with_patterns(transactional_db):
    """Desk early, led by ``lead``: Aisyah on earlies and Wei on lates, Monday
    to Friday, from this week's Monday."""
    bootstrap_site()
    lead = UserFactory(username="lead", first_name="Lina", roles=[TEAM_LEAD])
    team = TeamFactory(name="Desk early", slug="desk-early", lead=lead)
    early = EarlyShiftTypeFactory(colour="#2e7d32", teams=[team])
    late = LateShiftTypeFactory(colour="#f9a825", teams=[team])
    monday = week_start(timezone.localdate())
    people = {}
    for first, last, kind in (("Aisyah", "Rahman", early), ("Wei Ming", "Tan", late)):
        person = StaffFactory(first_name=first, last_name=last, team=team)
        pattern = ShiftPatternFactory(
            team=team, name=kind.name, cells=[kind] * 5 + [None, None]
        )
        PatternAssignmentFactory(staff=person, pattern=pattern, starts_on=monday)
        people[first] = person
    return {"team": team, "monday": monday, **people}


def test_a_lead_plans_and_publishes_a_week_with_the_keyboard(
    live_server, page, sign_in, team_with_patterns
):
    base = live_server.url
    monday = team_with_patterns["monday"]
    tuesday = monday + datetime.timedelta(days=1)
    aisyah = team_with_patterns["Aisyah"]
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, "lead")

    page.goto(f"{base}/admin/workforce/shift-plan/")
    with page.expect_navigation():
        page.get_by_role("link", name="Desk early: this week").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Apply patterns").click()
    assert "Drafted 10 shifts" in page.get_by_role("status").inner_text()

    # The grid is one stop in the tab order; the arrow keys move inside it.
    first_cell = page.locator("[data-plan-cell][tabindex='0']")
    assert first_cell.get_attribute("id") == f"cell-{aisyah.pk}-{monday:%Y%m%d}"
    first_cell.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowRight")
    tuesday_cell = f"cell-{aisyah.pk}-{tuesday:%Y%m%d}"
    assert page.evaluate("document.activeElement.id") == tuesday_cell
    assert (
        page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        == "solid"
    )  # the focus shows
    page.keyboard.press("Enter")
    page.wait_for_url("**/cell/**")

    # The form opens on the shift's select: type to choose Late, tab to Save.
    shift = page.get_by_label("Shift", exact=True)
    assert page.evaluate("document.activeElement.name") == "shift_type"
    page.keyboard.type("L")
    assert shift.locator("option:checked").inner_text() == "L · Late 13:00–22:00"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Save"
    page.keyboard.press("Enter")
    # A late on Tuesday leaves nine hours before Wednesday's early.
    warning = page.get_by_role("alert")
    assert "9 h 00 of rest" in warning.inner_text()
    assert page.evaluate("document.activeElement.name") == "override_reason"
    page.keyboard.type("Aisyah asked for the late")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    # Back on the grid, the focus is on the cell just edited.
    page.wait_for_url(f"**#{tuesday_cell}")
    assert page.evaluate("document.activeElement.id") == tuesday_cell
    assert page.locator(f"#{tuesday_cell}").inner_text().strip() == "L"
    page.screenshot(path="var/screenshots/plan-week-draft.png", full_page=True)

    with page.expect_navigation():
        page.get_by_role("link", name="Publish…").click()
    assert "9 h 00 of rest" in page.content()
    page.get_by_label("Reason to override the warnings").fill(
        "Agreed with Aisyah; she starts late on Wednesday in practice"
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Publish with these warnings").click()
    assert "Published Desk early" in page.get_by_role("status").inner_text()
    assert "Published: every day of this week." in page.content()
    page.screenshot(path="var/screenshots/plan-week-published.png", full_page=True)

    page.get_by_role("link", name="Month", exact=True).click()
    page.wait_for_url("**view=month**")
    page.locator("table.plan-grid--month").wait_for()
    page.screenshot(path="var/screenshots/plan-month.png", full_page=True)

    assert errors == []
    publication = PlanPublication.objects.get()
    assert publication.override_reason.startswith("Agreed with Aisyah")
    tuesday_shift = Shift.objects.get(staff=aisyah, day=tuesday)
    assert (tuesday_shift.shift_type.code, tuesday_shift.status) == ("L", "published")
    assert tuesday_shift.event is not None
