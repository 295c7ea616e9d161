"""The site's public address (DESKBOOK_PUBLIC_URL) reaches the Wagtail Site and
every absolute link: canonical, sitemap, feeds."""

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from django.conf import settings as django_settings
from django.core.cache import caches
from wagtail.models import Site

from deskbook.core.bootstrap import bootstrap_site
from deskbook.settings.environment import public_url
from tests.articles.factories import awareness, make_article

pytestmark = pytest.mark.django_db
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def served_at(settings, site_tree):
    """Set DESKBOOK_PUBLIC_URL and bootstrap, as a deployment would."""

    def serve(address: str) -> Site:
        settings.DESKBOOK_PUBLIC_URL = address
        bootstrap_site()
        return Site.objects.get(is_default_site=True)

    yield serve
    # The database rolls back, Wagtail's cached site root paths would not.
    for alias in django_settings.CACHES:
        caches[alias].clear()


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("https://deskbook.example", "https://deskbook.example"),
        ("https://Deskbook.Example:443/", "https://deskbook.example"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("http://intranet:80", "http://intranet"),
    ],
)
def test_public_url_is_written_the_one_way_wagtail_gives_it_back(raw, expected):
    assert public_url("DESKBOOK_PUBLIC_URL", raw) == expected


@pytest.mark.parametrize(
    "raw, reason",
    [
        ("deskbook.example", "must start with http:// or https://"),
        ("ftp://deskbook.example", "must start with http:// or https://"),
        ("https://", "names no host"),
        ("https://deskbook.example/public/", "without a path or query"),
        ("https://deskbook.example/?a=1", "without a path or query"),
        ("https://user:pw@deskbook.example", "user name or password"),
        ("https://deskbook.example:8443", "https is served on port 443 only"),
        ("http://deskbook.example:443", "port 443 is for https"),
        ("http://deskbook.example:eighty", "port is not a number"),
    ],
)
def test_public_url_refuses_an_address_with_a_clear_reason(raw, reason):
    with pytest.raises(ValueError, match="DESKBOOK_PUBLIC_URL must be") as error:
        public_url("DESKBOOK_PUBLIC_URL", raw)
    assert reason in str(error.value)


def test_bootstrap_writes_the_public_address_to_the_site_and_a_rerun_updates_it(
    served_at,
):
    site = served_at("https://deskbook.example")
    assert (site.hostname, site.port) == ("deskbook.example", 443)
    assert site.root_url == "https://deskbook.example"

    site = served_at("http://127.0.0.1:8000")
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)
    assert site.root_url == "http://127.0.0.1:8000"
    assert Site.objects.count() == 1


def test_sitemap_feed_and_canonical_link_carry_the_public_address(client, served_at):
    served_at("https://deskbook.example")
    article = make_article("Fake settlement letters")
    article_url = "https://deskbook.example/awareness/fake-settlement-letters/"

    sitemap = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locations = {loc.text for loc in sitemap.findall("s:url/s:loc", SITEMAP_NS)}
    assert {"https://deskbook.example/", article_url} <= locations

    feed = client.get(awareness().url + "feed/rss/").content.decode()
    assert f"<link>{article_url}</link>" in feed
    assert "http://localhost" not in feed

    head = BeautifulSoup(client.get(article.url).content, "html.parser").head
    assert head.find("link", rel="canonical")["href"] == article_url
    assert head.find("meta", property="og:url")["content"] == article_url
