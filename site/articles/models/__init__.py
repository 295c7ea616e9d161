from .article import ArticlePage, ArticlePageTag, reading_minutes
from .index import ArticleIndexPage
from .kinds import ArticleKind

__all__ = [
    "ArticleIndexPage",
    "ArticleKind",
    "ArticlePage",
    "ArticlePageTag",
    "reading_minutes",
]
