"""The search page in a real browser: a very long query wraps instead of
widening the page."""

from urllib.parse import urlencode

import pytest

from deskbook.core.bootstrap import bootstrap_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# 500 characters pasted with no space (a reference, a link): nothing to wrap at.
PASTED = "x" * 500


@pytest.fixture
def site(transactional_db):
    bootstrap_site()


@pytest.mark.parametrize("width", [1280, 390])
def test_a_500_character_query_stays_within_the_viewport(
    live_server, page, site, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/search/?{urlencode({'q': PASTED})}")
    assert page.locator(".result-count").is_visible()
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert widths[0] <= widths[1], f"page {widths[0]} px wide in {widths[1]} px"
