import datetime

import feedparser
import pytest
from wagtail.models import PageViewRestriction

from deskbook.articles.models import ArticleKind

from .factories import awareness, make_article, make_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(site_tree):
    make_article(
        "Older alert",
        date=datetime.date(2026, 1, 5),
        tags=("sms",),
        hero_image=make_image(description="A phone"),
    )
    make_article("Newer alert", date=datetime.date(2026, 2, 5), tags=("sms",))
    make_article(
        "Statement & update <b>",
        kind=ArticleKind.PRESS_RELEASE,
        date=datetime.date(2026, 3, 5),
        author="Press office",
    )
    make_article("Draft alert", publish=False)
    hidden = make_article("Staff-only note", date=datetime.date(2026, 4, 5))
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.LOGIN
    )


def parse(client, path):
    response = client.get(awareness().url + path)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return response, feed


@pytest.mark.parametrize(
    "path, version", [("feed/rss/", "rss20"), ("feed/atom/", "atom10")]
)
def test_feeds_parse_cleanly_newest_first_without_drafts_or_restricted(
    client, articles, path, version
):
    response, feed = parse(client, path)
    assert feed.version == version
    assert [entry.title for entry in feed.entries] == [
        "Statement & update <b>",
        "Newer alert",
        "Older alert",
    ]
    assert feed.feed.language == "en-GB" or version == "atom10"
    first = feed.entries[0]
    assert first.link == "http://localhost/awareness/statement-update-b/"
    assert first.published_parsed[:3] == (2026, 3, 5)
    assert first.author == "Press office"
    assert {tag.term for tag in first.tags} == {"Press release"}


def test_rss_items_carry_the_hero_image_as_an_enclosure(client, articles):
    _, feed = parse(client, "feed/rss/")
    older = next(e for e in feed.entries if e.title == "Older alert")
    (enclosure,) = older.enclosures
    assert enclosure.type == "image/png" and int(enclosure.length) > 0
    assert enclosure.href.startswith("http://localhost/")


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_kind_feeds_hold_only_that_kind(client, articles, fmt):
    _, feed = parse(client, f"kind/press-release/feed/{fmt}/")
    assert [entry.title for entry in feed.entries] == ["Statement & update <b>"]
    assert "Press releases" in feed.feed.title


def test_unknown_kind_feed_is_not_found(client, articles):
    assert client.get(awareness().url + "kind/gossip/feed/rss/").status_code == 404


def test_index_and_article_pages_announce_their_feeds(client, articles):
    html = client.get(awareness().url + "kind/scam-alert/").content.decode()
    assert 'type="application/rss+xml"' in html and "/awareness/feed/rss/" in html
    assert "/awareness/kind/scam-alert/feed/atom/" in html
