from wagtail import hooks

from deskbook.core.hooks import (
    BOOTSTRAP,
    SEARCH_FACETS,
    SEARCH_KINDS,
    SEED_DEMO,
)
from deskbook.core.pagetree import ensure_section, grant_page_permissions
from deskbook.core.roles import EDITOR
from deskbook.core.tags import tag_choices_of

from .demo import seed_articles
from .models import ArticleIndexPage, ArticleKind, ArticlePageTag


@hooks.register(BOOTSTRAP, order=10)
def bootstrap_awareness_section():
    awareness = ensure_section(
        ArticleIndexPage,
        slug="awareness",
        title="Awareness",
        intro=(
            "<p>Scam alerts, guides and press releases from our Marketing &amp; "
            "Communications team. We will never ask you to pay into a personal "
            "account.</p>"
        ),
    )
    # Editors draft and submit for moderation; Managers publish.
    grant_page_permissions(awareness, EDITOR, ["add", "change"])


@hooks.register(SEARCH_KINDS)
def article_search_kinds():
    return [("article", "Articles", ["articles.ArticlePage"])]


@hooks.register(SEARCH_FACETS)
def article_search_facets():
    # "kind" is the search page's own page-type facet, hence "article_kind".
    return [
        (
            "article_kind",
            "Article type",
            "articles.ArticlePage",
            "kind",
            ArticleKind.choices,
        ),
        (
            "tag",
            "Tag",
            "articles.ArticlePage",
            "tags__slug",
            tag_choices_of(ArticlePageTag),
        ),
    ]


@hooks.register(SEED_DEMO, order=50)
def seed_articles_demo(*, size, log):
    seed_articles(size=size, log=log)
