import math

from django.core.exceptions import ValidationError
from django.db import models
from django.templatetags.static import static
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from deskbook.core.blocks import BodyBlock
from deskbook.core.organisation import organisation_for
from deskbook.core.visibility import viewable_by
from deskbook.personal_data.admin_forms import PersonalDataOverrideForm
from deskbook.personal_data.models import PersonalDataGuardedPage

from .kinds import ArticleKind

WORDS_PER_MINUTE = 200
HERO_LISTING_SPEC = "fill-640x360"
LOGO = "deskbook/favicon.svg"


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ArticlePage(PersonalDataGuardedPage, Page):
    """A public scam alert, awareness guide, press release or industry insight."""

    kind = models.CharField(
        max_length=20, choices=ArticleKind.choices, default=ArticleKind.SCAM_ALERT
    )
    date = models.DateField(
        "publication date",
        default=timezone.localdate,
        help_text="Shown on the article; listings and feeds are ordered by it.",
    )
    author = models.CharField(
        max_length=120,
        default="Marketing & Communications",
        help_text="The byline: a team, or a spokesperson who agreed to be named.",
    )
    summary = models.TextField(
        "standfirst",
        max_length=500,
        help_text=(
            "The opening sentence or two: shown under the title, in listings, "
            "feeds and link previews."
        ),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt = models.CharField(
        "hero image alt text",
        max_length=250,
        blank=True,
        help_text=(
            "What the image shows, for people who cannot see it. Required with an "
            "image; the image's own description is used when left empty."
        ),
    )
    body = StreamField(BodyBlock())
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True)
    related_articles = ParentalManyToManyField(
        "articles.ArticlePage",
        blank=True,
        symmetrical=False,
        help_text="Chosen articles come first; articles sharing a tag fill the rest.",
    )
    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)
    base_form_class = PersonalDataOverrideForm
    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types: list[str] = []

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date"), FieldPanel("author")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt")], heading="Hero image"
        ),
        FieldPanel("body"),
        FieldPanel("tags"),
        FieldPanel("related_articles"),
        PersonalDataGuardedPage.personal_data_panel(),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=1.5),
        index.SearchField("body"),
        index.AutocompleteField("summary"),
        index.FilterField("date"),
        index.FilterField("kind"),
        index.RelatedFields(
            "tags", [index.SearchField("name", boost=1.5), index.FilterField("slug")]
        ),
    ]

    class Meta:
        verbose_name = "article"

    def clean(self):
        super().clean()
        if self.hero_image_id and not self.hero_alt.strip():
            description = getattr(self.hero_image, "description", "").strip()
            if not description:
                raise ValidationError(
                    {
                        "hero_alt": "Describe the image for people who cannot see it "
                        "(for example: 'A phone showing a text message that asks "
                        "for payment')."
                    }
                )
            self.hero_alt = description
        self.reading_minutes = reading_minutes(self.reading_text())

    is_article = True

    def seo_image(self):
        return self.hero_image, self.hero_alt

    def structured_data(self, request) -> dict:
        """schema.org ``NewsArticle`` for search engines (JSON-LD)."""
        site = self.get_site()
        root_url = site.root_url if site else ""
        publisher = organisation_for(request, site).schema_org(
            root_url, logo_url=root_url + static(LOGO)
        )
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title[:110],
            "description": self.summary,
            "datePublished": self.date.isoformat(),
            "dateModified": (
                self.last_published_at or self.first_published_at or timezone.now()
            ).isoformat(),
            "author": {"@type": "Organization", "name": self.author},
            "publisher": publisher,
            "mainEntityOfPage": {"@type": "WebPage", "@id": self.full_url},
            "articleSection": self.kind_label,
            "keywords": [tag.name for tag in self.tag_list],
        }
        if self.hero_image:
            rendition = self.hero_image.get_rendition("fill-1200x630")
            data["image"] = [root_url + rendition.url]
        return data

    @property
    def kind_label(self) -> str:
        return ArticleKind(self.kind).label

    def reading_text(self) -> str:
        """The words a reader reads: standfirst and body, without markup."""
        parts = [self.summary]
        for block in self.body:
            if block.block_type == "embed":
                continue
            parts.extend(
                strip_tags(str(text))
                for text in block.block.get_searchable_content(block.value)
            )
        return " ".join(parts)

    @cached_property
    def tag_list(self) -> list:
        """The article's tags, read once per render (list, related, JSON-LD)."""
        return list(self.tags.all())

    @cached_property
    def index_page(self):
        return self.get_parent().specific

    def related(self, user, limit: int = 3) -> list["ArticlePage"]:
        """Chosen related articles the user may view, then the newest sharing a tag."""
        live = viewable_by(
            ArticlePage.objects.live().exclude(pk=self.pk), user
        ).select_related("hero_image")
        chosen = list(live.filter(pk__in=self.related_articles.all())[:limit])
        if len(chosen) < limit:
            tag_ids = [tag.pk for tag in self.tag_list]
            fill = (
                live.filter(tags__in=tag_ids)
                .exclude(pk__in=[a.pk for a in chosen])
                .distinct()
                .order_by("-date", "-pk")
            )
            chosen += list(fill[: limit - len(chosen)])
        return chosen

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_articles"] = self.related(request.user)
        context["feeds"] = self.index_page.feeds()
        return context


def reading_minutes(text: str) -> int:
    """Minutes to read ``text`` at an average adult pace, never less than one."""
    return max(1, math.ceil(len(text.split()) / WORDS_PER_MINUTE))
