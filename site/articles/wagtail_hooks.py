from wagtail import hooks

from deskbook.core.hooks import (
    BOOTSTRAP,
    SEARCH_FACETS,
    SEARCH_KINDS,
    SEED_DEMO,
)
from deskbook.core.tags import tag_choices_of

from .bootstrap import bootstrap_awareness_section
from .demo import seed_articles
from .models import ArticleKind, ArticlePageTag

hooks.register(BOOTSTRAP, fn=bootstrap_awareness_section, order=10)


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
