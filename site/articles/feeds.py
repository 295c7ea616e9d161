"""RSS 2.0 and Atom feeds of the Awareness section, all articles or one kind."""

import datetime
import mimetypes

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from wagtail.images import get_image_model

from deskbook.core.organisation import organisation_for

from .models import ArticleKind, ArticlePage

FEED_ITEMS = 20
# Articles carry a publication date; feeds need a moment: mid-morning, local.
PUBLISHED_AT = datetime.time(9, 0)
FEED_IMAGE_SPEC = "fill-1200x630"


class ArticleFeed(Feed):
    """The newest public articles of one Awareness section, as RSS 2.0."""

    feed_type = Rss201rev2Feed
    language = "en-GB"

    def __init__(self, index, kind: ArticleKind | None = None):
        super().__init__()
        self.index = index
        self.kind = kind

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def organisation_name(self) -> str:
        return organisation_for(self.request).name

    def title(self):
        section = self.kind.plural if self.kind else self.index.title
        return f"{section} · {self.organisation_name()}"

    # Links use the Wagtail site's root URL, as canonical links do, whatever
    # host the feed was fetched under.
    def link(self):
        if self.kind:
            return self.index.get_site().root_url + self.index.kind_url(self.kind.value)
        return self.index.full_url

    def description(self):
        if self.kind:
            return f"{self.kind.plural} from {self.organisation_name()}, newest first."
        return (
            "Scam alerts, guides and press releases from "
            f"{self.organisation_name()}, newest first."
        )

    def feed_url(self):
        return self.index.get_site().root_url + self.request.path

    def items(self):
        # Anonymous visitors' view: a feed is the same for everyone.
        articles = self.index.articles(AnonymousUser())
        if self.kind:
            articles = articles.filter(kind=self.kind)
        images = get_image_model().objects.prefetch_renditions(FEED_IMAGE_SPEC)
        return list(
            articles.prefetch_related(Prefetch("hero_image", queryset=images), "tags")[
                :FEED_ITEMS
            ]
        )

    def item_title(self, item: ArticlePage):
        return item.title

    def item_description(self, item: ArticlePage):
        return item.summary

    def item_link(self, item: ArticlePage):
        return item.full_url

    def item_guid(self, item: ArticlePage):
        return item.full_url

    item_guid_is_permalink = True

    def item_pubdate(self, item: ArticlePage):
        return timezone.make_aware(datetime.datetime.combine(item.date, PUBLISHED_AT))

    def item_updateddate(self, item: ArticlePage):
        return item.last_published_at or self.item_pubdate(item)

    def item_author_name(self, item: ArticlePage):
        return item.author

    def item_categories(self, item: ArticlePage):
        return [item.kind_label, *(tag.name for tag in item.tags.all())]

    def item_enclosures(self, item: ArticlePage):
        if item.hero_image is None:
            return []
        rendition = item.hero_image.get_rendition(FEED_IMAGE_SPEC)
        mime_type = mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg"
        return [
            Enclosure(
                self.index.get_site().root_url + rendition.url,
                str(rendition.file.size),
                mime_type,
            )
        ]


class ArticleAtomFeed(ArticleFeed):
    """The same items as Atom 1.0."""

    feed_type = Atom1Feed
    subtitle = ArticleFeed.description
