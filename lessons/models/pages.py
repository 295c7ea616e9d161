"""Case lessons-learned: structured pages in the staff-only Lessons section."""

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.models import Page
from wagtail.search import index

from deskbook.core.markdown import markdown_to_text, render_markdown
from deskbook.core.models import SectionIndexPage
from deskbook.core.vocabulary import CollectionStageOrAny, DebtorSegment, Department

from ..admin_forms import LessonPageForm
from .choices import AmountBand, Outcome, Sensitivity

MARKDOWN_HELP = "Markdown: blank lines between paragraphs, - for lists, 1. for steps."

# (field, heading) of the lesson's written sections, in reading order.
SECTIONS = (
    ("driving_event", "Driving event"),
    ("went_right", "What went right"),
    ("went_wrong", "What went wrong"),
    ("could_be_better", "What could be better"),
    ("was_unique", "What was unique"),
    ("recommendations", "Recommendations"),
)


class LessonIndexPage(SectionIndexPage):
    """The staff-only section of case lessons-learned."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["lessons.LessonPage"]

    def get_context(self, request, *args, **kwargs):
        from ..listing import lesson_listing

        context = Page.get_context(self, request, *args, **kwargs)
        context["listing"] = lesson_listing(request)
        return context


class LessonPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "lessons.LessonPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


def _markdown_field(verbose_name: str, **kwargs):
    return models.TextField(verbose_name, help_text=MARKDOWN_HELP, **kwargs)


class LessonPage(Page):
    """What happened on one case, what we learned, and what should change."""

    case_reference = models.CharField(
        max_length=40, help_text="Our internal case number. Never shown publicly."
    )
    event_date = models.DateField("date of the event")
    stage = models.CharField(
        "collection stage",
        max_length=8,
        choices=CollectionStageOrAny.choices,
        default=CollectionStageOrAny.ANY,
    )
    segment = models.CharField(
        "debtor segment", max_length=20, choices=DebtorSegment.choices
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    amount_band = models.CharField(max_length=12, choices=AmountBand.choices)
    sensitivity = models.CharField(
        max_length=12,
        choices=Sensitivity.choices,
        default=Sensitivity.INTERNAL,
        help_text="Confidential lessons are open to team leads and managers only.",
    )
    parties = models.TextField(
        "names of the case's parties",
        blank=True,
        help_text=(
            "One per line. Never shown: the personal-data guard looks for them "
            "before anything from this lesson is published."
        ),
    )
    summary = models.TextField(max_length=800)
    driving_event = _markdown_field("driving event")
    went_right = _markdown_field("what went right", blank=True)
    went_wrong = _markdown_field("what went wrong", blank=True)
    could_be_better = _markdown_field("what could be better", blank=True)
    was_unique = _markdown_field("what was unique", blank=True)
    recommendations = _markdown_field("recommendations", blank=True)
    tags = ClusterTaggableManager(through=LessonPageTag, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who wrote the lesson (defaults to whoever creates it).",
    )

    base_form_class = LessonPageForm
    parent_page_types = ["lessons.LessonIndexPage"]
    subpage_types: list[str] = []

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("case_reference"), FieldPanel("event_date")]),
        FieldPanel("departments"),
        FieldRowPanel([FieldPanel("stage"), FieldPanel("segment")]),
        FieldRowPanel([FieldPanel("outcome"), FieldPanel("amount_band")]),
        FieldPanel("summary"),
        *[FieldPanel(name) for name, _ in SECTIONS],
        InlinePanel("citations", heading="Cited SOPs", label="Cited SOP"),
        FieldPanel("tags"),
        MultiFieldPanel(
            [FieldPanel("sensitivity"), FieldPanel("parties"), FieldPanel("author")],
            heading="Sensitivity and personal data",
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=1.5),
        index.SearchField("lesson_text"),
        index.AutocompleteField("summary"),
        index.RelatedFields(
            "tags", [index.SearchField("name", boost=1.5), index.FilterField("slug")]
        ),
        index.RelatedFields("department_links", [index.FilterField("department")]),
        index.FilterField("stage"),
        index.FilterField("segment"),
        index.FilterField("outcome"),
        index.FilterField("event_date"),
        index.FilterField("sensitivity"),
    ]

    class Meta:
        verbose_name = "lesson"
        permissions = [
            ("promote_lesson", "Can promote a lesson to a public awareness draft")
        ]

    def lesson_text(self) -> str:
        return " ".join(
            markdown_to_text(getattr(self, name)) for name, _ in SECTIONS
        ).strip()

    @cached_property
    def rendered_sections(self) -> list[tuple[str, str, str]]:
        """(field, heading, sanitised HTML) of each section that has text."""
        return [
            (name, heading, render_markdown(getattr(self, name)).html)
            for name, heading in SECTIONS
            if getattr(self, name).strip()
        ]

    @property
    def department_values(self) -> list[str]:
        return [link.department for link in self.department_links.all()]

    @property
    def department_labels(self) -> list[str]:
        return [Department(value).label for value in self.department_values]

    @property
    def party_names(self) -> list[str]:
        return [line.strip() for line in self.parties.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        from ..selectors import cited_sops_for, proposals_of, related_lessons

        context = super().get_context(request, *args, **kwargs)
        context.update(
            cited_sops=cited_sops_for(self, request.user),
            related_lessons=related_lessons(self, request.user),
            proposals=proposals_of(self),
            can_promote=request.user.has_perm("lessons.promote_lesson"),
        )
        return context


class LessonDepartment(models.Model):
    """One department a lesson concerns (a lesson may concern several)."""

    page = ParentalKey(
        LessonPage, on_delete=models.CASCADE, related_name="department_links"
    )
    department = models.CharField(max_length=16, choices=Department.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["page", "department"], name="lessons_department_once"
            )
        ]

    def __str__(self):
        return self.get_department_display()


class LessonCitation(models.Model):
    """A lesson cites an SOP: the SOP page lists the lessons that cite it."""

    page = ParentalKey(LessonPage, on_delete=models.CASCADE, related_name="citations")
    sop = models.ForeignKey(
        "kb.SOPPage",
        verbose_name="SOP",
        on_delete=models.CASCADE,
        related_name="lesson_citations",
    )

    panels = [FieldPanel("sop")]

    def __str__(self):
        return str(self.sop)
