import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from deskbook.articles.models import ArticleKind

from .factories import awareness, make_article, make_image, make_many

pytestmark = pytest.mark.django_db


def titles_in(html: str, *titles: str) -> list[str]:
    """The given titles in the order they appear in ``html``."""
    return sorted((t for t in titles if t in html), key=html.index)


def test_index_lists_newest_first_and_hides_drafts_and_restricted(site_tree, client):
    make_article("Older", date=datetime.date(2026, 1, 5))
    make_article("Newer", date=datetime.date(2026, 2, 5))
    make_article("Draft", publish=False)
    hidden = make_article("Staff note", date=datetime.date(2026, 3, 5))
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.LOGIN
    )

    html = client.get(awareness().url).content.decode()

    assert titles_in(html, "Older", "Newer") == ["Newer", "Older"]
    assert "Draft" not in html and "Staff note" not in html


def test_kind_archive_and_tag_archive_filter_and_combine(site_tree, client):
    make_article("Alert on SMS", tags=("sms",))
    make_article("Press on SMS", kind=ArticleKind.PRESS_RELEASE, tags=("sms",))
    make_article("Press on letters", kind=ArticleKind.PRESS_RELEASE, tags=("letters",))
    base = awareness().url

    press = client.get(base + "kind/press-release/").content.decode()
    sms = client.get(base + "tag/sms/").content.decode()
    both = client.get(base + "tag/sms/?kind=press-release").content.decode()

    assert "Press on SMS" in press and "Press on letters" in press
    assert "Alert on SMS" not in press
    assert "<h1>Press releases" in press
    assert "Alert on SMS" in sms and "Press on SMS" in sms
    assert "Press on letters" not in sms
    assert "Press on SMS" in both
    assert "Alert on SMS" not in both and "Press on letters" not in both


def test_unknown_kind_or_tag_archive_is_not_found(site_tree, client):
    make_article("Alert", tags=("sms",))
    base = awareness().url
    assert client.get(base + "kind/gossip/").status_code == 404
    assert client.get(base + "tag/nothing-here/").status_code == 404


def test_bad_filter_values_in_the_query_string_are_ignored(site_tree, client):
    make_article("Alert", tags=("sms",))
    response = client.get(
        awareness().url + "?kind=%00nonsense&tag=" + "x" * 500 + "&page=-3"
    )
    assert response.status_code == 200
    assert "Alert" in response.content.decode()


def test_index_pages_twelve_at_a_time_keeping_the_filters(site_tree, client):
    make_many(14, tags=("sms",))
    base = awareness().url

    first = client.get(base + "tag/sms/").content.decode()
    second = client.get(base + "tag/sms/?page=2").content.decode()

    assert first.count('class="card article-card"') == 12
    assert second.count('class="card article-card"') == 2
    assert "Page 1 of 2" in first


def test_filters_show_only_kinds_and_tags_that_have_articles(site_tree, client):
    make_article("Alert", tags=("sms",))
    html = client.get(awareness().url).content.decode()
    assert "/awareness/kind/scam-alert/" in html
    assert "/awareness/kind/insight/" not in html
    assert "/awareness/tag/sms/" in html


def test_home_page_features_latest_scam_alerts_and_press_releases(site_tree, client):
    for n in range(4):
        make_article(f"Alert {n}", date=datetime.date(2026, 1, 1 + n))
    make_article("Statement", kind=ArticleKind.PRESS_RELEASE)
    make_article("A guide", kind=ArticleKind.GUIDE)

    html = client.get("/").content.decode()

    assert titles_in(html, "Alert 3", "Alert 2", "Alert 1") == [
        "Alert 3",
        "Alert 2",
        "Alert 1",
    ]
    assert "Alert 0" not in html  # three alerts are featured
    assert "Statement" in html
    assert "A guide" not in html


def count_queries(client, url: str) -> int:
    """Queries for ``url`` once warm (renditions made, site root cached)."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


# 500 pages: not indexed for search, which these pages do not use (and which
# would leave the test process's search index that much bigger).
@pytest.mark.usefixtures("search_indexing_off")
def test_query_count_of_index_article_and_home_does_not_grow_with_articles(
    site_tree, client
):
    image = make_image(description="A phone")
    pictured = {"hero_image": image, "hero_alt": "A phone"}
    make_many(10, **pictured)
    article = make_article("Measured", tags=("phishing",), **pictured)
    urls = [awareness().url, awareness().url + "tag/phishing/", article.url, "/"]
    small = {url: count_queries(client, url) for url in urls}

    make_many(490, **pictured)
    large = {url: count_queries(client, url) for url in urls}

    assert large == small
