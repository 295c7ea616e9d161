"""A month of a fifteen-person team on a 1280 px screen: the page itself never
scrolls sideways; the grid scrolls inside its own box, and the names stay in
view while it does."""

import datetime

import pytest

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
from workforce.scheduling.services import plan_apply_patterns, plan_publish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# March 2026 starts on a Sunday: 31 days and six weeks' hours, the widest month.
MARCH_FIRST = datetime.date(2026, 3, 1)
MARCH_LAST = datetime.date(2026, 3, 31)
NAMES = [
    ("Nur Aisyah Binti", "Abdul Rahman"),
    ("Wei Ming", "Tan"),
    ("Priya", "Ramasamy Subramaniam"),
    ("Muhammad Hafiz", "Bin Ismail"),
    ("Siti Nurhaliza", "Binti Othman"),
    ("Jun Jie", "Lim"),
    ("Kavitha", "Krishnan"),
    ("Ahmad Firdaus", "Bin Zulkifli"),
    ("Mei Ling", "Wong"),
    ("Rajesh", "Kumar Pillai"),
    ("Farah", "Nadia Binti Hassan"),
    ("Chee Keong", "Ng"),
    ("Deepa", "Chandrasekaran"),
    ("Amirul", "Hakim Bin Yusof"),
    ("Hui Min", "Chong"),
]


@pytest.fixture
def month_of_fifteen(transactional_db):
    """Desk early, led by ``lead``, fifteen people on staggered five-day
    weeks of earlies and lates, March 2026 drafted and published."""
    bootstrap_site()
    lead = UserFactory(username="lead", first_name="Lina", roles=[TEAM_LEAD])
    team = TeamFactory(
        name="Desk early", slug="desk-early", lead=lead, minimum_staffing=1
    )
    early = EarlyShiftTypeFactory(teams=[team])
    late = LateShiftTypeFactory(teams=[team])
    pattern = ShiftPatternFactory(
        team=team, name="Rotation", weeks=2, cells=[early] * 5 + [None] * 2 + [late] * 5
    )
    for index, (first, last) in enumerate(NAMES):
        person = StaffFactory(
            first_name=first,
            last_name=last,
            team=team,
            employee_number=f"EMP-{index:05d}",
        )
        PatternAssignmentFactory(
            staff=person,
            pattern=pattern,
            starts_on=datetime.date(2026, 2, 23),
            rotation_offset_days=index % 14,
        )
    plan_apply_patterns(team=team, first_day=MARCH_FIRST, last_day=MARCH_LAST, by=lead)
    plan_publish(
        team=team,
        first_day=MARCH_FIRST,
        last_day=MARCH_LAST,
        by=lead,
        override_reason="Fixture month",
    )
    return team


def test_a_month_grid_scrolls_inside_its_box_not_the_page(
    live_server, page, sign_in, month_of_fifteen
):
    page.set_viewport_size({"width": 1280, "height": 800})
    base = live_server.url
    sign_in(page, "lead")

    page.goto(
        f"{base}/admin/workforce/shift-plan/desk-early/?view=month&day=2026-03-01"
    )
    page.locator("table.plan-grid--month").wait_for()
    assert page.locator("table.plan-grid tbody tr").count() == 15

    # The page is no wider than the window, and nothing around the grid
    # scrolls sideways either...
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    wider_ancestors = page.evaluate(
        "(() => { const wider = [];"
        " for (let el = document.querySelector('.plan-scroll').parentElement;"
        " el; el = el.parentElement) {"
        " if (el.scrollWidth > el.clientWidth) wider.push(el.className); }"
        " return wider; })()"
    )
    assert wider_ancestors == []
    # ...because the grid, wider than its box, scrolls inside it.
    box = page.locator(".plan-scroll")
    widths = box.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert widths[0] > widths[1]
    page.screenshot(path="var/screenshots/plan-month-1280.png")

    # Scrolled to the month's end, the names stay at the box's left edge and
    # the last day comes into view.
    name = page.locator("table.plan-grid tbody th.plan-person").first
    left_before = name.bounding_box()["x"]
    box.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    assert name.bounding_box()["x"] == left_before
    assert name.is_visible()
    last_day = page.locator("table.plan-grid thead th.plan-day").last
    box_right = box.evaluate("el => el.getBoundingClientRect().right")
    day_box = last_day.bounding_box()
    assert day_box["x"] + day_box["width"] <= box_right
    # The sticky names cover what scrolls under them, not the other way round.
    assert page.evaluate(
        "(() => { const th = document.querySelector('tbody th.plan-person');"
        " const r = th.getBoundingClientRect();"
        " return document.elementFromPoint(r.left + 5, r.top + r.height / 2)"
        ".closest('th') === th; })()"
    )
    page.screenshot(path="var/screenshots/plan-month-1280-scrolled.png")

    # With the keyboard: to the first day, then End to the last; the grid
    # scrolls to the focused day, the page around it never moves.
    box.evaluate("el => { el.scrollLeft = 0; }")
    page.locator("[data-plan-cell][tabindex='0']").focus()
    page.keyboard.press("End")
    assert page.evaluate("document.activeElement.id").endswith("-20260331")
    assert box.evaluate("el => el.scrollLeft") > 0
    assert page.evaluate(
        "[...document.querySelectorAll('*')].filter(el => el.scrollLeft > 0)"
        ".map(el => el.className)"
    ) == ["plan-scroll"]
