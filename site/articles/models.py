from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from deskbook.core.blocks import BodyBlock
from deskbook.core.models import SectionIndexPage

from .forms import ArticlePageForm


class ArticleIndexPage(SectionIndexPage):
    """The public "Awareness" section: scam alerts, guides and press releases."""

    template = "core/section_index_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.ArticlePage"]


class ArticlePage(Page):
    """A public awareness article, scam alert or press release."""

    date = models.DateField(default=timezone.localdate)
    summary = models.TextField(
        max_length=500, help_text="One or two sentences shown in listings."
    )
    body = StreamField(BodyBlock(), use_json_field=True)
    personal_data_names = models.TextField(
        "names to keep out",
        blank=True,
        help_text=(
            "One per line: people this article must never name (for example the "
            "parties of the case it was written from). Never shown."
        ),
    )

    base_form_class = ArticlePageForm
    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types: list[str] = []

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("personal_data_names"), FieldPanel("pii_override_reason")],
            heading="Personal data guard",
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=1.5),
        index.SearchField("body"),
        index.AutocompleteField("summary"),
        index.FilterField("date"),
    ]

    class Meta:
        verbose_name = "article"
        permissions = [
            (
                "override_personal_data_guard",
                "Can publish a public page despite personal-data findings",
            )
        ]

    @property
    def guarded_names(self) -> list[str]:
        return [n.strip() for n in self.personal_data_names.splitlines() if n.strip()]
