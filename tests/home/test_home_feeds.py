"""The home page tells feed readers where the awareness feeds are."""

import pytest
from bs4 import BeautifulSoup

from tests.articles.factories import awareness

pytestmark = pytest.mark.django_db


def feed_links(client) -> list[tuple[str, str]]:
    response = client.get("/")
    assert response.status_code == 200
    head = BeautifulSoup(response.content, "html.parser").head
    return [
        (link["type"], link["href"]) for link in head.find_all("link", rel="alternate")
    ]


def test_home_page_announces_the_rss_and_atom_feeds(client, site_tree):
    assert feed_links(client) == [
        ("application/rss+xml", "/awareness/feed/rss/"),
        ("application/atom+xml", "/awareness/feed/atom/"),
    ]


def test_home_page_announces_no_feed_while_the_awareness_section_is_offline(
    client, site_tree
):
    awareness().unpublish()
    assert feed_links(client) == []
