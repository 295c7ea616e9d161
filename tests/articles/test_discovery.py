"""Head tags, structured data, sitemap and robots.txt of the public site."""

import datetime
import json
import re

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from wagtail.models import PageViewRestriction

from deskbook.core.roles import COLLECTOR
from kb.models import SOPPage
from tests.search.pages import add_page

from .factories import awareness, make_article, make_image

pytestmark = pytest.mark.django_db
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def article(site_tree):
    return make_article(
        "Fake collectors on WhatsApp",
        date=datetime.date(2026, 5, 4),
        summary="Scammers copy our logo on WhatsApp. Here is how to check.",
        tags=("whatsapp",),
        hero_image=make_image(description="A phone"),
        hero_alt="A phone showing a WhatsApp chat with a fake logo",
    )


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").head


def meta(head, key):
    tag = head.find("meta", attrs={"property": key}) or head.find(
        "meta", attrs={"name": key}
    )
    return tag["content"] if tag else None


def test_article_has_canonical_description_open_graph_and_twitter_tags(client, article):
    head = head_of(client, article.url)
    assert head.find("link", rel="canonical")["href"] == article.full_url
    assert meta(head, "description").startswith("Scammers copy our logo")
    assert meta(head, "og:type") == "article"
    assert meta(head, "og:title") == "Fake collectors on WhatsApp"
    assert meta(head, "og:url") == article.full_url
    assert re.match(r"^http://localhost/.+\.png$", meta(head, "og:image"))
    assert (meta(head, "og:image:width"), meta(head, "og:image:height")) == (
        "1200",
        "630",
    )
    assert meta(head, "og:image:alt").startswith("A phone showing")
    assert meta(head, "article:published_time") == "2026-05-04"
    assert meta(head, "twitter:card") == "summary_large_image"
    assert meta(head, "robots") is None


@pytest.mark.parametrize("path", ["/", "/awareness/", "/contact/", "/search/?q=scam"])
def test_every_public_page_has_the_basic_head_tags(client, article, path):
    head = head_of(client, path)
    assert head.find("link", rel="canonical")["href"].startswith("http://localhost/")
    for key in ("description", "og:title", "og:description", "og:url", "twitter:card"):
        assert meta(head, key), key
    assert meta(head, "og:type") == "website"


def test_paginated_listing_is_its_own_canonical_page(client, article):
    head = head_of(client, "/awareness/tag/whatsapp/?page=1&utm_source=x")
    assert head.find("link", rel="canonical")["href"] == (
        "http://localhost/awareness/tag/whatsapp/"
    )


def test_staff_only_pages_ask_not_to_be_indexed(client_as, site_tree):
    sop = add_page("knowledge-base", "Promise to pay", "Record every promise.")
    head = head_of(client_as(COLLECTOR), sop.url)
    assert meta(head, "robots") == "noindex"
    assert SOPPage.objects.filter(pk=sop.pk).exists()


def test_article_describes_itself_as_a_news_article(client, article):
    head = head_of(client, article.url)
    (script,) = head.find_all("script", type="application/ld+json")
    data = json.loads(script.string)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Fake collectors on WhatsApp"
    assert data["datePublished"] == "2026-05-04"
    assert data["mainEntityOfPage"]["@id"] == article.full_url
    assert data["publisher"]["@type"] == "Organization"
    assert data["image"][0].startswith("http://localhost/")
    assert data["keywords"] == ["whatsapp"]


def test_structured_data_cannot_break_out_of_its_script(client, site_tree):
    article = make_article("Beware </script><script>alert(1)</script> & co")
    html = client.get(article.url).content.decode()
    assert "<script>alert(1)" not in html
    head = BeautifulSoup(html, "html.parser").head
    (script,) = head.find_all("script", type="application/ld+json")
    assert json.loads(script.string)["headline"].startswith("Beware </script>")


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = ElementTree.fromstring(response.content)
    return {loc.text for loc in tree.findall("s:url/s:loc", SITEMAP_NS)}


def test_sitemap_lists_live_public_pages_only(client, article):
    add_page("knowledge-base", "Promise to pay", "Record every promise.")
    draft = make_article("Not yet", publish=False)
    hidden = make_article("Hidden")
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.LOGIN
    )

    locations = sitemap_locations(client)

    assert {"http://localhost/", "http://localhost/awareness/", article.full_url} <= (
        locations
    )
    assert "http://localhost/contact/" in locations
    assert not [loc for loc in locations if "/knowledge-base/" in loc]
    assert not [loc for loc in locations if "/lessons/" in loc]
    assert draft.full_url not in locations and hidden.full_url not in locations


def test_robots_txt_keeps_crawlers_out_of_staff_sections(client, site_tree):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    for path in ("/admin/", "/accounts/", "/search/", "/knowledge-base/", "/lessons/"):
        assert f"Disallow: {path}" in lines
    assert "Sitemap: http://localhost/sitemap.xml" in lines
    assert "Disallow: /" not in lines and "Disallow: /awareness/" not in lines


def test_robots_txt_names_no_restricted_page_below_a_section(client, site_tree):
    withheld = make_article("Withheld case write-up")
    PageViewRestriction.objects.create(
        page=withheld, restriction_type=PageViewRestriction.LOGIN
    )
    lesson = add_page("lessons", "Confidential settlement with Mr Tan", "Private.")
    PageViewRestriction.objects.create(
        page=lesson, restriction_type=PageViewRestriction.LOGIN
    )
    text = client.get("/robots.txt").content.decode()
    assert "withheld" not in text and "confidential" not in text
    assert "Disallow: /lessons/" in text.splitlines()


def test_section_intro_description_is_escaped_once(client, site_tree):
    index = awareness()
    index.intro = "<p>Alerts &amp; guides <b>from us</b></p>"
    index.save_revision().publish()
    head = head_of(client, index.url)
    assert meta(head, "description") == "Alerts & guides from us"
    assert meta(head, "og:description") == "Alerts & guides from us"


@pytest.mark.parametrize(
    "path, title",
    [("/search/?q=scam", "Search"), ("/accounts/login/", "Staff sign in")],
)
def test_views_that_are_not_pages_name_themselves_and_are_not_indexed(
    client, site_tree, path, title
):
    head = head_of(client, path)
    assert meta(head, "og:title") == title
    assert meta(head, "robots") == "noindex"


def test_not_found_page_asks_not_to_be_indexed(client, site_tree):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    head = BeautifulSoup(response.content, "html.parser").head
    assert meta(head, "robots") == "noindex"
    assert head.find("link", rel="canonical") is None
