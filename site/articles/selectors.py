"""Reads of public articles used outside the Awareness section."""

from django.db.models import Prefetch
from wagtail.images import get_image_model

from deskbook.core.visibility import viewable_by

from .models import ArticleIndexPage, ArticleKind, ArticlePage
from .models.article import HERO_LISTING_SPEC


def awareness_section() -> ArticleIndexPage | None:
    """The public Awareness section that articles live in, if the site has one."""
    return ArticleIndexPage.objects.first()


def article_latest(*, user, kind: ArticleKind, limit: int = 3) -> list[ArticlePage]:
    """The newest live articles of ``kind`` that ``user`` may view."""
    images = get_image_model().objects.prefetch_renditions(HERO_LISTING_SPEC)
    articles = viewable_by(ArticlePage.objects.live().filter(kind=kind), user)
    return list(
        articles.order_by("-date", "-first_published_at", "-pk").prefetch_related(
            Prefetch("hero_image", queryset=images)
        )[:limit]
    )
