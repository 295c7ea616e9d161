import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import PageViewRestriction

from deskbook.articles.models import ArticleKind, reading_minutes
from deskbook.core.embeds import LocalVideoFinder

from .factories import awareness, make_article, make_image

pytestmark = pytest.mark.django_db


def test_article_shows_byline_date_kind_reading_time_and_tag_links(site_tree, client):
    article = make_article(
        "Fake collectors on WhatsApp",
        date=datetime.date(2026, 5, 4),
        author="Press office",
        tags=("whatsapp", "impersonation"),
        body="word " * 450,
    )

    html = client.get(article.url).content.decode()

    assert "By Press office" in html
    assert 'datetime="2026-05-04"' in html and "4 May 2026" in html
    assert "3 min read" in html
    assert "Scam alert" in html and "/awareness/kind/scam-alert/" in html
    assert (
        "/awareness/tag/whatsapp/" in html and "/awareness/tag/impersonation/" in html
    )


def test_reading_time_counts_standfirst_and_body_and_is_at_least_a_minute():
    assert reading_minutes("") == 1
    assert reading_minutes("word " * 200) == 1
    assert reading_minutes("word " * 201) == 2


def test_hero_image_needs_alt_text_unless_the_image_describes_itself(site_tree):
    bare = make_image("Blank", description="")
    article = make_article("No alt", publish=False, revision=False)
    article.hero_image = bare
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "hero_alt" in error.value.message_dict

    described = make_image("Described", description="A phone showing a text message")
    article.hero_image = described
    article.full_clean()
    assert article.hero_alt == "A phone showing a text message"


def test_hero_image_is_rendered_responsively_with_its_alt_text(site_tree, client):
    article = make_article(
        "With a picture",
        hero_image=make_image(),
        hero_alt="A phone showing a text message that asks for payment",
    )

    html = client.get(article.url).content.decode()

    assert 'alt="A phone showing a text message that asks for payment"' in html
    assert "srcset=" in html and "1200w" in html and "640w" in html


def test_body_image_without_alt_text_is_refused(site_tree):
    image = make_image()
    article = make_article("Body image", publish=False, revision=False)
    block = article.body.stream_block
    value = block.to_python(
        [
            {
                "type": "image",
                "value": {
                    "image": {"image": image.pk, "alt_text": "", "decorative": False},
                    "caption": "",
                },
            }
        ]
    )
    with pytest.raises(ValidationError):
        block.clean(value)


def test_related_articles_are_chosen_ones_then_same_tag_never_restricted(
    site_tree, client
):
    article = make_article("Main", tags=("sms",))
    chosen = make_article("Chosen", kind=ArticleKind.GUIDE)
    make_article("Same tag", tags=("sms",), date=datetime.date(2026, 4, 1))
    make_article("Other tag", tags=("email",))
    hidden = make_article("Hidden", tags=("sms",), date=datetime.date(2026, 6, 1))
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.LOGIN
    )
    article.related_articles.add(chosen)
    article.save_revision().publish()

    html = client.get(article.url).content.decode()
    related = html.split('id="related-heading"')[1]

    assert related.index("Chosen") < related.index("Same tag")
    assert "Other tag" not in related and "Hidden" not in related


def test_draft_articles_are_not_served(site_tree, client):
    draft = make_article("Not yet", publish=False)
    assert client.get(awareness().url + draft.slug + "/").status_code == 404


@pytest.mark.parametrize(
    "url, player",
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://youtu.be/dQw4w9WgXcQ?t=10", "youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "player.vimeo.com/video/76979871"),
    ],
)
def test_video_embeds_are_written_without_calling_the_provider(url, player):
    finder = LocalVideoFinder()
    assert finder.accept(url)
    embed = finder.find_embed(url)
    assert player in embed["html"] and 'title="' in embed["html"]


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/video",
        "javascript:alert(1)",
        "https://youtube.com/watch?v=short",
    ],
)
def test_other_embed_addresses_are_refused(url):
    assert not LocalVideoFinder().accept(url)
