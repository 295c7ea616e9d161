"""The organisation's name and contact details come from one site setting."""

import json

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.core import mail
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Site

from deskbook.core.demo import ensure_demo_organisation
from deskbook.core.organisation import OrganisationSettings
from deskbook.core.roles import EDITOR, MANAGER
from deskbook.enquiries.models import Enquiry, Topic
from deskbook.enquiries.notifications import enquiry_notify
from tests.articles.factories import awareness, make_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    """No page cached by an earlier test stands in for a fresh render."""
    for alias in django_settings.CACHES:
        caches[alias].clear()
    yield
    for alias in django_settings.CACHES:
        caches[alias].clear()


@pytest.fixture
def organisation(site_tree) -> OrganisationSettings:
    found = OrganisationSettings.objects.get(site__is_default_site=True)
    found.name = "Harbour Collections"
    found.address = "1 Pier Road, #02-03\nSingapore 049000"
    found.phone = "+65 6000 1234"
    found.email = "hello@harbour.example"
    found.save()
    return found


def soup(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_a_fresh_install_has_the_settings_stored_with_defaults(site_tree):
    stored = OrganisationSettings.objects.get(site__is_default_site=True)
    assert (stored.name, stored.address, stored.phone, stored.email) == (
        "Deskbook",
        "",
        "",
        "",
    )


def test_header_and_footer_show_the_organisation(client, organisation):
    page = soup(client, "/")

    brand = page.find("a", class_="brand")
    assert brand["aria-label"] == "Harbour Collections home"
    assert brand.find(class_="brand__name").get_text() == "Harbour Collections"
    assert brand.find(class_="brand__mark").get_text() == "H"
    footer = page.find("footer")
    assert footer.find(class_="site-footer__brand").get_text() == "Harbour Collections"
    contact = footer.find("address")
    assert contact.find("p").get_text("|") == "1 Pier Road, #02-03|Singapore 049000"
    assert contact.find("a", href="tel:+6560001234").get_text() == "+65 6000 1234"
    assert contact.find("a", href="mailto:hello@harbour.example")
    assert "© " in footer.get_text() and "Harbour Collections." in footer.get_text()
    assert "Deskbook" not in page.find("header").get_text()


def test_footer_leaves_out_contact_details_nobody_gave(client, site_tree):
    page = soup(client, "/awareness/")
    assert page.find("footer").find("address") is None
    assert page.find(class_="brand__name").get_text() == "Deskbook"


def test_page_titles_and_link_previews_carry_the_name(client, organisation):
    article = make_article("Fake collectors on WhatsApp")
    head = soup(client, article.url).head
    assert head.title.get_text() == "Fake collectors on WhatsApp · Harbour Collections"
    assert head.find("meta", property="og:site_name")["content"] == (
        "Harbour Collections"
    )
    assert soup(client, "/").head.title.get_text() == "Harbour Collections"


def test_feed_title_and_description_name_the_organisation(client, organisation):
    make_article("Fake settlement letters")
    feed = feedparser.parse(client.get(awareness().url + "feed/rss/").content)
    assert feed.bozo == 0
    assert feed.feed.title == "Awareness · Harbour Collections"
    assert feed.feed.description == (
        "Scam alerts, guides and press releases from Harbour Collections, newest first."
    )
    kind_feed = feedparser.parse(
        client.get(awareness().url + "kind/scam-alert/feed/atom/").content
    )
    assert kind_feed.feed.title == "Scam alerts · Harbour Collections"
    assert kind_feed.feed.subtitle == (
        "Scam alerts from Harbour Collections, newest first."
    )


def test_news_article_publisher_is_the_organisation(client, organisation):
    article = make_article("Fake collectors on WhatsApp")
    script = soup(client, article.url).head.find("script", type="application/ld+json")
    publisher = json.loads(script.string)["publisher"]
    assert publisher == {
        "@type": "Organization",
        "name": "Harbour Collections",
        "url": "http://localhost/",
        "logo": {
            "@type": "ImageObject",
            "url": "http://localhost/static/deskbook/favicon.svg",
        },
        "address": "1 Pier Road, #02-03, Singapore 049000",
        "telephone": "+65 6000 1234",
        "email": "hello@harbour.example",
    }


def test_enquiry_e_mail_names_the_organisation(organisation, settings):
    settings.DESKBOOK_ENQUIRIES_EMAIL = ["desk@agency.example"]
    enquiry = Enquiry.objects.create(
        name="Lim Bee Hoon",
        email="beehoon@example.com",
        topic=Topic.DEBT,
        message="Is this letter from you?",
    )

    assert enquiry_notify(enquiry=enquiry) is True

    (message,) = mail.outbox
    assert message.body.startswith(
        "A new enquiry has come in through the Harbour Collections contact page."
    )


def test_changing_the_setting_changes_cached_pages_at_once(organisation):
    anonymous = Client()
    anonymous.get("/")
    cached = anonymous.get("/")
    assert cached["X-Deskbook-Cache"] == "hit"
    assert "Harbour Collections" in cached.content.decode()

    organisation.name = "Harbour Recoveries"
    organisation.save()

    fresh = anonymous.get("/")
    assert fresh["X-Deskbook-Cache"] == "miss"
    html = fresh.content.decode()
    assert "Harbour Recoveries" in html and "Harbour Collections" not in html


def test_the_setting_is_read_once_a_request_however_often_it_is_used(
    client_as, organisation
):
    # Signed in: the page is rendered, never answered from the page cache.
    client = client_as(EDITOR)
    article = make_article("Fake collectors on WhatsApp")
    client.get(article.url)

    with CaptureQueriesContext(connection) as captured:
        html = client.get(article.url).content.decode()

    # Header, footer, title, Open Graph and JSON-LD all show it.
    assert html.count("Harbour Collections") >= 6
    reads = [q for q in captured if "core_organisationsettings" in q["sql"]]
    assert len(reads) == 1


def test_managers_edit_the_organisation_in_settings(client_as, site_tree):
    client = client_as(MANAGER)
    site = Site.objects.get(is_default_site=True)
    url = reverse(
        "wagtailsettings:edit", args=["core", "organisationsettings", site.pk]
    )
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        {
            "name": "Harbour Recoveries",
            "address": "1 Pier Road\nSingapore 049000",
            "phone": "+65 6000 1234",
            "email": "hello@harbour.example",
        },
    )

    assert response.status_code == 302
    stored = OrganisationSettings.objects.get(site=site)
    assert stored.name == "Harbour Recoveries"
    assert stored.address_lines == ["1 Pier Road", "Singapore 049000"]


def test_a_bad_e_mail_address_is_refused_and_nothing_is_lost(client_as, organisation):
    client = client_as(MANAGER)
    url = reverse(
        "wagtailsettings:edit",
        args=["core", "organisationsettings", organisation.site_id],
    )

    response = client.post(
        url, {"name": "Harbour Recoveries", "email": "not an address"}
    )

    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.name == "Harbour Collections"


def test_editors_may_not_change_the_organisation(client_as, site_tree):
    client = client_as(EDITOR)
    site = Site.objects.get(is_default_site=True)
    url = reverse(
        "wagtailsettings:edit", args=["core", "organisationsettings", site.pk]
    )

    # Wagtail's admin answers a refusal with its dashboard and an error message.
    for response in (client.get(url), client.post(url, {"name": "Not ours"})):
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")
    assert OrganisationSettings.objects.get(site=site).name == "Deskbook"


def test_demo_seeding_names_the_demo_agency_but_keeps_a_name_already_set(
    site_tree,
):
    ensure_demo_organisation()
    seeded = OrganisationSettings.objects.get(site__is_default_site=True)
    assert (seeded.name, seeded.address, seeded.phone, seeded.email) == (
        "Meridian Recovery Services",
        "20 Anson Road, #11-01\nSingapore 079912",
        "+65 6555 0100",
        "enquiries@meridian-recovery.example",
    )

    seeded.name = "Harbour Collections"
    seeded.save()
    ensure_demo_organisation()
    seeded.refresh_from_db()
    assert seeded.name == "Harbour Collections"
