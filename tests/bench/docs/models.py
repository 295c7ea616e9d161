from django.db import models
from wagtail.search import index


class BenchDocument(index.Indexed, models.Model):
    """An SOP-, lesson- or article-like document, indexed like the real pages."""

    kind = models.CharField(max_length=10)
    title = models.CharField(max_length=200)
    summary = models.TextField()
    body = models.TextField()
    department = models.CharField(max_length=40)
    stage = models.CharField(max_length=20)

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.AutocompleteField("title"),
        index.FilterField("kind"),
        index.FilterField("department"),
        index.FilterField("stage"),
    ]

    def __str__(self):
        return self.title
