from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from deskbook.articles.models import ArticleIndexPage, ArticleKind
from deskbook.articles.selectors import article_latest
from deskbook.core.blocks import BodyBlock
from deskbook.core.visibility import viewable_by


class HomePage(Page):
    """The site's front page: a welcome, editable blocks and the sections."""

    hero_heading = models.CharField(max_length=120, blank=True)
    hero_text = models.TextField(blank=True)
    body = StreamField(BodyBlock(), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("hero_heading"),
        FieldPanel("hero_text"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("hero_text"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "articles.ArticleIndexPage",
        "kb.KnowledgeBaseIndexPage",
        "lessons.LessonIndexPage",
        "enquiries.EnquiryPage",
    ]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = viewable_by(
            self.get_children().live().in_menu().specific(), request.user
        )
        context["latest_alerts"] = article_latest(
            user=request.user, kind=ArticleKind.SCAM_ALERT
        )
        context["latest_press"] = article_latest(
            user=request.user, kind=ArticleKind.PRESS_RELEASE
        )
        # The public section's feeds, announced in the head for feed readers.
        awareness = ArticleIndexPage.objects.child_of(self).live().public().first()
        context["feeds"] = awareness.feeds() if awareness else []
        return context
