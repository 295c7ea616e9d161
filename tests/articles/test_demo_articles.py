"""The demo articles: enough of every kind, real pictures, nothing personal.

Seeding takes several seconds, so the database tests are two, each seeding
once: what the articles are, and what a second seed makes.
"""

import pytest
from django.apps import apps
from django.core.cache import cache
from django.utils import timezone
from PIL import Image as PILImage
from taggit.models import Tag
from wagtail.images import get_image_model

from deskbook.articles.demo import (
    DEMO_COLLECTION,
    body_blocks,
    read_articles,
    rich_text,
    seed_articles,
)
from deskbook.articles.demo_images import HEIGHT, WIDTH, illustration_bytes
from deskbook.articles.models import ArticleKind, ArticlePage
from deskbook.personal_data.findings import page_findings

pytestmark = pytest.mark.usefixtures("search_indexing_off")

REQUIRED_TOPICS = {
    "how-to-recognise-a-fake-debt-collector": ArticleKind.GUIDE,
    "phishing-sms-asking-for-payment": ArticleKind.SCAM_ALERT,
    "why-we-never-ask-for-payment-to-a-personal-account": ArticleKind.GUIDE,
    "statement-on-the-featured-impersonation-case": ArticleKind.PRESS_RELEASE,
}


def quiet(line):
    pass


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count() for model in apps.get_models()
    }


def check_articles_of_every_kind_on_the_required_topics(seeded):
    kinds = [article.kind for article in seeded]
    assert len(seeded) >= 20
    assert set(kinds) == set(ArticleKind.values)
    assert kinds.count(ArticleKind.PRESS_RELEASE) >= 4
    by_slug = {article.slug: article for article in seeded}
    for slug, kind in REQUIRED_TOPICS.items():
        assert by_slug[slug].kind == kind, slug

    for article in seeded:
        # Published through a revision, dated on its publication date.
        assert article.live_revision is not None, article.slug
        assert timezone.localdate(article.first_published_at) == article.date
        # Headings, paragraphs and a callout in every one; quotes in press releases.
        types = {block.block_type for block in article.body}
        assert {"heading", "paragraph", "callout"} <= types, article.slug
        if article.kind == ArticleKind.PRESS_RELEASE:
            assert "quote" in types, article.slug
        assert 3 <= len(article.tags.all()) <= 5, article.slug
        words = len(article.reading_text().split())
        assert 300 <= words <= 900, (article.slug, words)
    assert sum(bool(article.related_articles.all()) for article in seeded) >= 10
    # Tags are shared, so tag archives list several articles.
    uses = [
        tag.articles_articlepagetag_items.count()
        for tag in Tag.objects.filter(
            articles_articlepagetag_items__isnull=False
        ).distinct()
    ]
    assert sum(count >= 3 for count in uses) >= 8


def check_real_pictures_with_alt_text(seeded):
    for article in seeded:
        image = article.hero_image
        assert image is not None, article.slug
        assert image.collection.name == DEMO_COLLECTION
        assert article.hero_alt.strip() and image.description.strip()
        assert (image.width, image.height) == (WIDTH, HEIGHT)
        with image.open_file() as file, PILImage.open(file) as picture:
            assert picture.format == "JPEG" and picture.size == (WIDTH, HEIGHT)
            picture.verify()

    figures = [
        block.value
        for article in seeded
        for block in article.body
        if block.block_type == "image"
    ]
    assert len(figures) >= 4
    for figure in figures:
        assert figure["image"].contextual_alt_text.strip()
        assert figure["caption"]


@pytest.mark.django_db
def test_seed_publishes_articles_of_every_kind_with_real_pictures_and_no_personal_data(
    site_tree,
):
    seed_articles(log=quiet)
    seeded = list(
        ArticlePage.objects.live()
        .select_related("hero_image__collection")
        .prefetch_related("tags", "related_articles")
    )
    check_articles_of_every_kind_on_the_required_topics(seeded)
    check_real_pictures_with_alt_text(seeded)
    findings = {
        article.slug: [str(finding) for finding in page_findings(article)]
        for article in seeded
    }
    assert {slug: found for slug, found in findings.items() if found} == {}


@pytest.mark.django_db
def test_seeding_again_adds_only_the_renditions_and_no_page_makes_one(
    site_tree, client, admin_client, django_capture_on_commit_callbacks
):
    # The first seed is never committed in a test, so it makes no renditions
    # (as when a queue backend's worker has not run yet); the second, committed,
    # finds every picture already there: it creates nothing new but the
    # renditions, all of them.
    seed_articles(log=quiet)
    first = row_counts()
    cache.clear()  # Wagtail caches renditions by image id, reused between tests
    with django_capture_on_commit_callbacks(execute=True):
        seed_articles(log=quiet)
    Image = get_image_model()
    Rendition = Image.get_rendition_model()
    made = Rendition.objects.count()
    assert made == 6 * Image.objects.count()
    assert first[Rendition._meta.label] == 0
    assert row_counts() == {**first, Rendition._meta.label: made}

    # After seeding, no page, feed or image listing makes a rendition.
    pages = ["/", "/awareness/", "/awareness/feed/rss/", "/awareness/feed/atom/"]
    pages += [article.url for article in ArticlePage.objects.live()]
    for url in pages:
        assert client.get(url).status_code == 200, url
    for url in ["/admin/images/", "/admin/images/chooser/"]:
        assert admin_client.get(url).status_code == 200, url
    assert Rendition.objects.count() == made


def test_pictures_are_the_same_on_every_run():
    first = illustration_bytes("sms", kind="scam-alert", seed="A title")
    assert first == illustration_bytes("sms", kind="scam-alert", seed="A title")
    assert first != illustration_bytes("sms", kind="guide", seed="A title")


def test_article_files_are_valid_and_dated_over_more_than_a_year():
    articles = read_articles()
    dates = sorted(article.date for article in articles)
    assert len(articles) >= 22
    assert (dates[-1] - dates[0]).days >= 365


def test_body_markdown_becomes_stream_blocks():
    body = "\n\n".join(
        [
            "Intro with **bold** and *italics*.",
            "- one\n- two",
            "## A heading",
            "> [!warning] Never pay a person\n> Only a company account.",
            "> [!quote] A. Spokesperson, Title\n> Words said\n> over two lines.",
            '![A phone](sms "A caption")',
        ]
    )

    class Picture:
        pk = 7

    blocks = body_blocks(body, lambda figure: Picture())
    assert [block["type"] for block in blocks] == [
        "paragraph",
        "heading",
        "callout",
        "quote",
        "image",
    ]
    assert blocks[0]["value"] == (
        "<p>Intro with <b>bold</b> and <i>italics</i>.</p>"
        "<ul><li>one</li><li>two</li></ul>"
    )
    assert blocks[2]["value"] == {
        "tone": "warning",
        "heading": "Never pay a person",
        "text": "<p>Only a company account.</p>",
    }
    assert blocks[3]["value"] == {
        "quote": "Words said over two lines.",
        "attribution": "A. Spokesperson, Title",
    }
    assert blocks[4]["value"] == {
        "image": {"image": 7, "alt_text": "A phone", "decorative": False},
        "caption": "A caption",
    }
    assert rich_text("plain") == "<p>plain</p>"
