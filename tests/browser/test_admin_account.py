import pytest

from deskbook.core.bootstrap import bootstrap_site
from deskbook.core.demo import DEMO_PASSWORD, ensure_demo_users

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(transactional_db):
    bootstrap_site()
    ensure_demo_users()


@pytest.mark.parametrize("username", ["collector", "admin"])
def test_account_page_loads_without_a_script_error(
    live_server, page, demo_site, username
):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: message.type == "error" and errors.append(message.text),
    )
    page.goto(f"{live_server.url}/admin/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/account/")
    page.wait_for_load_state("networkidle")

    assert errors == []
    # The page's script labelled every time-zone choice with the zone's name.
    options = page.locator("select[name='locale-current_time_zone'] option")
    labels = options.all_inner_texts()
    assert "Asia/Singapore: GMT+8 (Singapore Standard Time)" in labels
    assert [label for label in labels if ": " not in label] == []
