"""The knowledge base's pages: the index, categories and procedures (SOPs)."""

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page, PagePermissionTester
from wagtail.search import index

from deskbook.core.markdown import markdown_to_text, render_markdown
from deskbook.core.models import SectionIndexPage
from deskbook.core.vocabulary import (
    CollectionStageOrAny,
    DebtorSegmentOrAny,
    Department,
)

from ..admin_forms import SOPPageForm
from ..edit_panels import OpenProposalsPanel
from ..hooks import CITED_BY_HOOK
from .versions import SOPStatus

# SOPs waiting for the reader's acknowledgement listed on the index.
ACKNOWLEDGE_SHOWN = 5


class KnowledgeBaseIndexPage(SectionIndexPage):
    """The staff-only knowledge base: standard operating procedures by category."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["kb.SOPCategoryPage", "kb.SOPPage"]
    children_order = ("title",)

    def get_context(self, request, *args, **kwargs):
        # The selectors read these models: imported here, not at module level.
        from ..selectors import knowledge_base_shelves, outstanding_acknowledgements_for

        # Shelves replace the section's paginated list of children.
        context = Page.get_context(self, request, *args, **kwargs)
        context["shelves"] = knowledge_base_shelves(self, request.user)
        if request.user.is_authenticated:
            waiting = outstanding_acknowledgements_for(request.user)
            context["to_acknowledge"] = list(waiting[:ACKNOWLEDGE_SHOWN])
            context["to_acknowledge_count"] = (
                waiting.count()
                if len(context["to_acknowledge"]) == ACKNOWLEDGE_SHOWN
                else len(context["to_acknowledge"])
            )
        return context


class SOPCategoryPage(SectionIndexPage):
    """A shelf of the knowledge base, such as "Calls and contact"."""

    parent_page_types = ["kb.KnowledgeBaseIndexPage"]
    subpage_types = ["kb.SOPPage"]
    children_order = ("title",)

    class Meta:
        verbose_name = "SOP category"
        verbose_name_plural = "SOP categories"


class SOPPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "kb.SOPPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class SOPPermissionTester(PagePermissionTester):
    """An SOP's owner keeps it correct: they may open it in the admin, edit it and
    submit the change for approval, whatever their role. Publishing, moving and
    deleting stay with the roles that have them."""

    def can_edit(self):
        if super().can_edit():
            return True
        owner_id = self.page.procedure_owner_id
        return self.user.is_active and owner_id is not None and owner_id == self.user.pk


class SOPPage(RoutablePageMixin, Page):
    """A standard operating procedure, written in Markdown and read by staff."""

    summary = models.TextField(
        max_length=500, help_text="One or two sentences: what this is for, and when."
    )
    department = models.CharField(max_length=16, choices=Department.choices)
    stage = models.CharField(
        "collection stage",
        max_length=8,
        choices=CollectionStageOrAny.choices,
        default=CollectionStageOrAny.ANY,
    )
    segment = models.CharField(
        "debtor segment",
        max_length=20,
        choices=DebtorSegmentOrAny.choices,
        default=DebtorSegmentOrAny.ANY,
    )
    procedure_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="owner",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_sops",
        help_text="Keeps this procedure correct and reviews it when it falls due.",
    )
    review_interval_months = models.PositiveSmallIntegerField(
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
        help_text="How long a review holds before the next one is due.",
    )
    body = models.TextField(
        help_text=(
            "Markdown: ## for sections, 1. for numbered steps, | for tables, "
            "> for call scripts."
        )
    )
    tags = ClusterTaggableManager(through=SOPPageTag, blank=True)
    audience = ParentalManyToManyField(
        "auth.Group",
        blank=True,
        related_name="sops_to_acknowledge",
        verbose_name="must be acknowledged by",
        help_text="Everyone in these roles confirms each revision that asks for it.",
    )
    ack_requested = models.BooleanField(
        "requires acknowledgement",
        default=False,
        help_text=(
            "Tick for a change people must confirm they have read and understood. "
            "Leave unticked for minor edits: acknowledgements then stay as they are."
        ),
    )

    base_form_class = SOPPageForm
    parent_page_types = ["kb.KnowledgeBaseIndexPage", "kb.SOPCategoryPage"]
    subpage_types: list[str] = []

    content_panels = Page.content_panels + [
        OpenProposalsPanel(heading="Open proposals"),
        FieldPanel("summary"),
        FieldRowPanel(
            [FieldPanel("department"), FieldPanel("stage"), FieldPanel("segment")]
        ),
        FieldPanel("body", classname="deskbook-markdown"),
        FieldPanel("tags"),
        InlinePanel("related_links", heading="Related SOPs", label="Related SOP"),
        InlinePanel("attachments", heading="Attachments", label="Attachment"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("procedure_owner"),
                        FieldPanel("review_interval_months"),
                    ]
                ),
                FieldPanel("audience", widget=forms.CheckboxSelectMultiple),
                FieldPanel("ack_requested"),
            ],
            heading="Ownership and acknowledgement",
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=1.5),
        index.SearchField("body_text"),
        index.AutocompleteField("summary"),
        index.RelatedFields(
            "tags", [index.SearchField("name", boost=1.5), index.FilterField("slug")]
        ),
        index.FilterField("department"),
        index.FilterField("stage"),
        index.FilterField("segment"),
    ]

    class Meta:
        verbose_name = "SOP"
        verbose_name_plural = "SOPs"

    def body_text(self) -> str:
        return markdown_to_text(self.body)

    @cached_property
    def rendered_body(self):
        return render_markdown(self.body)

    # Page behaviour. Selectors and services import these models, hence the
    # imports inside the methods.

    def get_context(self, request, *args, **kwargs):
        from deskbook.core.visibility import viewable_by

        from ..selectors import reader_state

        context = super().get_context(request, *args, **kwargs)
        related = viewable_by(
            SOPPage.objects.live().filter(pk__in=self.related_links.values("sop_id")),
            request.user,
        ).order_by("title")
        status = SOPStatus.objects.filter(page=self).first()
        context.update(
            body=self.rendered_body,
            status=status,
            reader=reader_state(self, request.user),
            related_sops=related,
            attachments=self.attachments.select_related("document"),
            due_for_review=bool(status and status.is_due_for_review()),
            can_review=self.can_be_reviewed_by(request.user),
            cited_by=[
                lesson
                for lessons_citing in hooks.get_hooks(CITED_BY_HOOK)
                for lesson in lessons_citing(self, request.user)
            ],
        )
        return context

    def permissions_for_user(self, user):
        return SOPPermissionTester(user, self)

    def can_be_reviewed_by(self, user) -> bool:
        """The owner, and whoever may publish it, may confirm a review."""
        if not user.is_authenticated:
            return False
        if user.pk == self.procedure_owner_id:
            return True
        return self.permissions_for_user(user).can_publish()

    @path("")
    def read(self, request):
        return self.render(request)

    @path("acknowledge/")
    def acknowledge(self, request):
        from ..views import acknowledge_sop

        return acknowledge_sop(request, self)

    @path("review/")
    def review(self, request):
        from ..views import confirm_review

        return confirm_review(request, self)


class SOPRelatedLink(Orderable):
    page = ParentalKey(SOPPage, on_delete=models.CASCADE, related_name="related_links")
    sop = models.ForeignKey(
        SOPPage,
        verbose_name="SOP",
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("sop")]

    class Meta(Orderable.Meta):
        verbose_name = "related SOP"


class SOPAttachment(Orderable):
    """A form or template that goes with the procedure, such as a letter of demand."""

    page = ParentalKey(SOPPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+"
    )
    label = models.CharField(
        max_length=120, blank=True, help_text="Defaults to the document's title."
    )

    panels = [FieldPanel("document"), FieldPanel("label")]

    @property
    def display_label(self) -> str:
        return self.label or self.document.title
