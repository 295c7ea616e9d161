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
