"""A direct shift swap end to end in the browser: a collector proposes to
swap her early for a colleague's late, the colleague accepts, the team's lead
approves, and each person's *My shifts* shows the other's shift."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from deskbook.core.bootstrap import bootstrap_site
from deskbook.core.roles import COLLECTOR, TEAM_LEAD
from tests.factories import UserFactory
from tests.scheduling.factories import EarlyShiftTypeFactory, LateShiftTypeFactory
from tests.workforce.factories import StaffFactory, TeamFactory
from workforce.scheduling.calculations import week_start
from workforce.scheduling.models import Shift, ShiftChange, ShiftSwap
from workforce.scheduling.services import plan_publish, shift_set

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published_week(transactional_db):
    """Desk early, led by ``lead``: next week Aisyah (``aisyah``) works an
    early on Tuesday and Wei Ming (``wei``) a late on Thursday, published."""
    bootstrap_site()
    lead = UserFactory(username="lead", first_name="Lina", roles=[TEAM_LEAD])
    team = TeamFactory(
        name="Desk early", slug="desk-early", lead=lead, minimum_staffing=1
    )
    early = EarlyShiftTypeFactory(colour="#2e7d32", teams=[team])
    late = LateShiftTypeFactory(colour="#f9a825", teams=[team])
    aisyah = StaffFactory(
        first_name="Aisyah",
        last_name="Rahman",
        team=team,
        user=UserFactory(username="aisyah", roles=[COLLECTOR]),
    )
    wei = StaffFactory(
        first_name="Wei Ming",
        last_name="Tan",
        team=team,
        user=UserFactory(username="wei", roles=[COLLECTOR]),
    )
    monday = week_start(timezone.localdate()) + datetime.timedelta(days=7)
    tuesday = monday + datetime.timedelta(days=1)
    thursday = monday + datetime.timedelta(days=3)
    for person, day, kind in ((aisyah, tuesday, early), (wei, thursday, late)):
        shift_set(team=team, staff=person, day=day, shift_type=kind, by=lead)
    plan_publish(
        team=team,
        first_day=monday,
        last_day=monday + datetime.timedelta(days=6),
        by=lead,
        override_reason="A quiet week: one at a time is enough",
    )
    return {"aisyah": aisyah, "wei": wei, "tuesday": tuesday, "thursday": thursday}


def shifts_shown(page, base, day: datetime.date) -> dict[str, str]:
    """*My shifts* for the month of ``day``: each day with a shift, and what
    it shows (``"Early 07:00–16:00"``)."""
    page.goto(f"{base}/admin/my-shifts/?month={day:%Y-%m}")
    return page.evaluate(
        """() => Object.fromEntries(
            [...document.querySelectorAll('[data-my-shifts] [data-shift]')].map(
                (shift) => [
                    shift.closest('td').dataset.day,
                    shift.querySelector('.shift-what').textContent.trim()
                        .replace(/\\s+/g, ' '),
                ]
            )
        )"""
    )


def test_a_direct_swap_offered_accepted_and_approved(
    live_server, page, sign_in, published_week
):
    base = live_server.url
    tuesday, thursday = published_week["tuesday"], published_week["thursday"]
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    early_text, late_text = "Early 07:00–16:00", "Late 13:00–22:00"

    # Aisyah proposes her early on Tuesday for Wei Ming's late on Thursday.
    sign_in(page, "aisyah")
    assert shifts_shown(page, base, tuesday) == {f"{tuesday}": early_text}
    cell = page.locator(f"td[data-day='{tuesday}']")
    with page.expect_navigation():
        cell.get_by_role("link", name="Offer or swap").click()
    page.get_by_label("Swap it for a colleague's shift").check()
    page.get_by_label("Colleague (for a direct swap)").select_option(
        label="Wei Ming Tan"
    )
    page.get_by_label("Note (optional)").fill("School run on Tuesday morning")
    # The day is picked in the date picker, which closes on the pick.
    page.get_by_label("Day of their shift (for a direct swap)").click()
    picker = page.locator(".xdsoft_datetimepicker:visible")
    day_cell = picker.locator(
        f"td[data-date='{thursday.day}'][data-month='{thursday.month - 1}']"
    )
    if day_cell.count() == 0:  # the week runs into next month
        picker.locator(".xdsoft_next").first.click()
    day_cell.click()
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)
    expect(page.get_by_label("Day of their shift (for a direct swap)")).to_have_value(
        thursday.isoformat()
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Offer").click()
    assert "Swap proposed to Wei Ming Tan" in page.get_by_role("status").inner_text()
    state = page.locator(f"td[data-day='{tuesday}'] [data-swap-state]")
    assert state.inner_text() == "Swap proposed to Wei Ming Tan"

    # Wei Ming accepts it from the shifts offered to him.
    sign_in(page, "wei")
    page.goto(f"{base}/admin/my-shifts/?month={thursday:%Y-%m}")
    offer = page.locator("[data-offers] li")
    assert "Aisyah Rahman asks to swap" in offer.inner_text()
    with page.expect_navigation():
        offer.get_by_role("button", name="Accept the swap").click()
    assert "a lead of the team approves" in page.get_by_role("status").inner_text()

    # The lead reviews it: no rule is broken; approves.
    sign_in(page, "lead")
    page.goto(f"{base}/admin/workforce/shift-swaps/")
    with page.expect_navigation():
        page.get_by_role("link", name=f"{tuesday:%a %d %b} Early").click()
    assert page.locator("[data-status]").inner_text() == "Awaiting approval"
    assert page.locator("[data-no-findings]").is_visible()
    page.get_by_label("Comment").fill("Fine by me")
    with page.expect_navigation():
        page.get_by_role("button", name="Approve").click()
    assert "the shifts have changed hands" in page.get_by_role("status").inner_text()

    # Each now sees the other's shift in My shifts.
    sign_in(page, "aisyah")
    assert shifts_shown(page, base, tuesday) == {f"{thursday}": late_text}
    sign_in(page, "wei")
    assert shifts_shown(page, base, thursday) == {f"{tuesday}": early_text}
    assert errors == []

    swap = ShiftSwap.objects.get()
    assert (swap.status, swap.decision_comment) == ("approved", "Fine by me")
    assert swap.decided_by.username == "lead"
    tuesday_shift = Shift.objects.get(day=tuesday)
    assert tuesday_shift.staff == published_week["wei"]
    assert tuesday_shift.sequence == 1
    assert Shift.objects.get(day=thursday).staff == published_week["aisyah"]
    assert ShiftChange.objects.filter(action="swapped").count() == 2
