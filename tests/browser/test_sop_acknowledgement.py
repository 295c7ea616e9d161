import pytest

from deskbook.core.bootstrap import bootstrap_site
from deskbook.core.demo import DEMO_PASSWORD, ensure_demo_users
from tests.kb.factories import make_sop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_sops(transactional_db):
    bootstrap_site()
    ensure_demo_users()
    make_sop(
        "Letter of demand",
        body="## Procedure\n\n1. Check the warrant to act.\n2. Send the letter.\n",
    )
    make_sop("Proof of debt")


def outstanding_on_dashboard(page, base_url) -> int:
    page.goto(f"{base_url}/admin/")
    panel = page.locator("[data-outstanding-acknowledgements]")
    return int(panel.get_attribute("data-outstanding-acknowledgements"))


def test_collector_searches_opens_and_acknowledges_an_sop(live_server, page, two_sops):
    base = live_server.url
    page.goto(f"{base}/admin/")
    page.fill("input[name=username]", "collector")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")
    assert outstanding_on_dashboard(page, base) == 2

    page.goto(f"{base}/")
    page.fill("#site-search", "letter of demand")
    page.press("#site-search", "Enter")
    page.wait_for_url(f"{base}/search/?q=letter+of+demand")
    page.get_by_role("link", name="Letter of demand").first.click()
    page.wait_for_url(f"{base}/knowledge-base/letter-of-demand/")
    assert page.get_by_role("heading", level=1).inner_text() == "Letter of demand"
    assert page.get_by_role("navigation", name="Contents").is_visible()

    page.get_by_role("link", name="Read what changed and acknowledge").click()
    page.get_by_role("button", name="I have read and understood revision 1").click()
    page.wait_for_url(f"{base}/knowledge-base/letter-of-demand/")
    page.screenshot(path="var/screenshots/sop-acknowledged.png", full_page=True)
    assert page.get_by_role("status").inner_text().startswith("Thank you")
    assert "You acknowledged revision 1" in page.content()

    assert outstanding_on_dashboard(page, base) == 1
