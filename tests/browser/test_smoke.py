import pytest

from deskbook.core.bootstrap import bootstrap_site
from deskbook.core.demo import DEMO_PASSWORD, ensure_demo_users

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(transactional_db):
    bootstrap_site()
    ensure_demo_users()


def test_demo_collector_signs_in_and_sees_the_admin_dashboard(
    live_server, page, demo_site
):
    page.goto(f"{live_server.url}/admin/")
    page.fill("input[name=username]", "collector")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.screenshot(path="var/screenshots/admin-dashboard.png", full_page=True)
    assert page.title().startswith("Dashboard")
    assert page.get_by_role("heading", name="Welcome, Nur Aisyah").is_visible()
    assert "Collector" in page.locator("#deskbook-welcome-heading + p").inner_text()


def test_anonymous_visitor_is_sent_to_staff_sign_in_then_reaches_the_kb(
    live_server, page, demo_site
):
    page.goto(f"{live_server.url}/knowledge-base/")
    assert "/accounts/login/" in page.url
    page.fill("input[name=username]", "collector")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/knowledge-base/")
    assert page.get_by_role("heading", level=1).inner_text() == "Knowledge base"


def test_menu_collapses_behind_a_toggle_on_a_phone(live_server, browser, demo_site):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    phone = context.new_page()
    phone.goto(f"{live_server.url}/")
    awareness = phone.locator('#site-nav a[href="/awareness/"]')
    assert not awareness.is_visible()
    phone.get_by_role("button", name="Menu").click()
    assert awareness.is_visible()
    context.close()


# Nav links that wrapped onto a second line, and the header's measures.
HEADER_LAYOUT = """() => {
  const header = document.querySelector(".site-header__inner");
  const links = [...document.querySelectorAll(".site-nav__list a")];
  const lineHeight = parseFloat(getComputedStyle(links[0]).lineHeight);
  return {
    wrappedLinks: links
      .filter((a) => a.getBoundingClientRect().height > 2.5 * lineHeight)
      .map((a) => a.textContent.trim()),
    headerHeight: header.getBoundingClientRect().height,
    searchHeight:
      document.querySelector(".header-search").getBoundingClientRect().height,
  };
}"""


@pytest.mark.parametrize(
    ("width", "one_row"), [(1440, True), (1280, True), (1024, False), (800, False)]
)
def test_header_fits_signed_in_without_squeezing_the_menu(
    live_server, browser, demo_site, width, one_row
):
    context = browser.new_context(viewport={"width": width, "height": 900})
    screen = context.new_page()
    screen.goto(f"{live_server.url}/admin/")
    screen.fill("input[name=username]", "manager")
    screen.fill("input[name=password]", DEMO_PASSWORD)
    screen.click("button[type=submit]")
    screen.wait_for_url(f"{live_server.url}/admin/")
    screen.goto(f"{live_server.url}/")
    assert screen.locator(".site-nav__who").is_visible()
    layout = screen.evaluate(HEADER_LAYOUT)
    assert layout["wrappedLinks"] == []
    assert layout["searchHeight"] < 60
    # One row is 4rem high (plus padding); two rows never more than ~7rem.
    assert (layout["headerHeight"] < 90) is one_row, layout
    assert layout["headerHeight"] < 130, layout
    context.close()
