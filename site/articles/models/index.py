from django.db.models import Count, Prefetch
from django.http import Http404
from taggit.models import Tag
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.images import get_image_model

from deskbook.core.models import SectionIndexPage
from deskbook.core.visibility import viewable_by

from .article import HERO_LISTING_SPEC, ArticlePage
from .kinds import ArticleKind

TAG_CLOUD_SIZE = 15


class ArticleIndexPage(RoutablePageMixin, SectionIndexPage):
    """The public "Awareness" section: newest first, by kind and by tag.

    ``/awareness/`` lists every article; ``kind/<kind>/`` and ``tag/<slug>/``
    are the archives (each also takes the other filter as ``?tag=`` or
    ``?kind=``); ``?page=`` pages through any of them. ``feed/rss/`` and
    ``feed/atom/`` (also under ``kind/<kind>/``) are the feeds.
    """

    template = "articles/article_index_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.ArticlePage"]
    children_per_page = 12

    @path("")
    def all_articles(self, request):
        return self.render(
            request,
            kind=_known_kind(request.GET.get("kind")),
            tag=_tag_or_none(request.GET.get("tag")),
        )

    @path("kind/<slug:kind>/")
    def kind_archive(self, request, kind):
        if _known_kind(kind) is None:
            raise Http404("No such kind of article.")
        return self.render(
            request, kind=ArticleKind(kind), tag=_tag_or_none(request.GET.get("tag"))
        )

    @path("tag/<slug:tag>/")
    def tag_archive(self, request, tag):
        found = _tag_or_none(tag)
        if found is None:
            raise Http404("No articles carry this tag.")
        return self.render(
            request, kind=_known_kind(request.GET.get("kind")), tag=found
        )

    @path("feed/rss/", name="feed_rss")
    @path("feed/atom/", name="feed_atom")
    @path("kind/<slug:kind>/feed/rss/", name="kind_feed_rss")
    @path("kind/<slug:kind>/feed/atom/", name="kind_feed_atom")
    def feed(self, request, kind=None):
        from ..feeds import ArticleAtomFeed, ArticleFeed  # the feeds import models

        if kind is not None and _known_kind(kind) is None:
            raise Http404("No such kind of article.")
        feed_class = ArticleAtomFeed if request.path.endswith("/atom/") else ArticleFeed
        return feed_class(self, _known_kind(kind))(request)

    def feed_url(self, kind: str | None = None, atom: bool = False) -> str:
        name = ("kind_" if kind else "") + ("feed_atom" if atom else "feed_rss")
        return self.url + self.reverse_subpage(
            name, kwargs={"kind": kind} if kind else {}
        )

    def articles(self, user):
        """Live articles of this section that ``user`` may view, newest first."""
        return viewable_by(ArticlePage.objects.child_of(self).live(), user).order_by(
            "-date", "-first_published_at", "-pk"
        )

    def listed_children(self, request, kind=None, tag=None, **kwargs):
        articles = self.articles(request.user)
        if kind:
            articles = articles.filter(kind=kind)
        if tag:
            articles = articles.filter(tags=tag)
        images = get_image_model().objects.prefetch_renditions(HERO_LISTING_SPEC)
        return articles.select_related(None).prefetch_related(
            Prefetch("hero_image", queryset=images), "tags"
        )

    def get_context(self, request, *args, kind=None, tag=None, **kwargs):
        context = super().get_context(request, *args, kind=kind, tag=tag, **kwargs)
        visible = self.articles(request.user)
        context.update(
            kind=kind,
            tag=tag,
            kinds=_kind_counts(visible),
            tag_cloud=_tag_cloud(visible),
            base_query=_base_query(request),
            feeds=self.feeds(kind),
        )
        return context

    def feeds(self, kind: ArticleKind | None = None) -> list[dict]:
        """The feeds to announce: this kind's when there is one, then all articles."""
        feeds = []
        for feed_kind in [kind, None] if kind else [None]:
            title = feed_kind.plural if feed_kind else f"All of {self.title}"
            slug = feed_kind.value if feed_kind else None
            feeds += [
                {
                    "title": title,
                    "format": "RSS",
                    "url": self.feed_url(slug),
                    "type": "application/rss+xml",
                },
                {
                    "title": title,
                    "format": "Atom",
                    "url": self.feed_url(slug, atom=True),
                    "type": "application/atom+xml",
                },
            ]
        return feeds

    def kind_url(self, kind: str) -> str:
        return self.url + self.reverse_subpage("kind_archive", args=[kind])

    def tag_url(self, slug: str) -> str:
        return self.url + self.reverse_subpage("tag_archive", args=[slug])


def _known_kind(value):
    return ArticleKind(value) if value in ArticleKind.values else None


def _tag_or_none(slug):
    if not slug:
        return None
    return Tag.objects.filter(
        slug=slug[:100], articles_articlepagetag_items__isnull=False
    ).first()


def _kind_counts(articles) -> list[tuple[ArticleKind, int]]:
    counts = dict(
        articles.order_by()
        .values_list("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    return [
        (kind, counts[kind.value]) for kind in ArticleKind if counts.get(kind.value)
    ]


def _tag_cloud(articles) -> list[Tag]:
    return list(
        Tag.objects.filter(
            articles_articlepagetag_items__content_object__in=articles.values("pk")
        )
        .annotate(uses=Count("articles_articlepagetag_items"))
        .order_by("-uses", "name")[:TAG_CLOUD_SIZE]
    )


def _base_query(request) -> str:
    """The query string minus ``page``, ready to have ``page=`` appended."""
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return f"{encoded}&" if encoded else ""
