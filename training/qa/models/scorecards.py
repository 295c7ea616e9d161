"""Scorecards, versioned: a scorecard has numbered versions, each with weighted
sections of weighted items. Once an evaluation has used a version it never
changes again (``used``): an edit makes the next version
(``scorecard_version_new``), so every evaluation keeps the questions it was
scored on."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable


def refuse_if_used(version) -> None:
    """A form's guard: a used version's sections and items never change (the
    services check the same, ``services.scorecards.check_editable``)."""
    versions = [version] if isinstance(version, int) else version
    if version and ScorecardVersion.objects.filter(pk__in=versions, used=True).exists():
        raise ValidationError(
            "This scorecard version has been used by an evaluation: it never "
            "changes. Make a new version to edit it."
        )


class Scorecard(models.Model):
    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def current_version(self):
        """The highest-numbered version: the one new evaluations use."""
        return self.versions.order_by("-number").first()


class ScorecardVersion(ClusterableModel):
    scorecard = models.ForeignKey(
        Scorecard, on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    # Set by the first evaluation (or calibration rating) that scores on it;
    # from then on its sections and items are frozen.
    used = models.BooleanField(default=False, editable=False)
    note = models.CharField(
        "what changed", max_length=200, blank=True, help_text="Shown in the history."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [FieldPanel("note"), InlinePanel("sections", label="Sections")]

    class Meta:
        ordering = ["scorecard__name", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["scorecard", "number"], name="qa_scorecard_version_unique"
            )
        ]

    def __str__(self):
        return f"{self.scorecard.name}, version {self.number}"


class Section(ClusterableModel, Orderable):
    version = ParentalKey(
        ScorecardVersion, on_delete=models.CASCADE, related_name="sections"
    )
    title = models.CharField(max_length=120)
    weight = models.DecimalField(
        max_digits=7, decimal_places=2, validators=[MinValueValidator(0)]
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("weight"),
        InlinePanel("items", label="Items"),
    ]

    class Meta(Orderable.Meta):
        pass

    def __str__(self):
        return f"{self.title} ({self.version})"

    def clean(self):
        refuse_if_used(self.version_id)


class ItemKind(models.TextChoices):
    YES_NO = "yes_no", "Yes / no"
    SCALE = "scale", "Scale 0 to N"


class Item(Orderable):
    section = ParentalKey(Section, on_delete=models.CASCADE, related_name="items")
    text = models.CharField(max_length=300)
    kind = models.CharField(max_length=8, choices=ItemKind.choices, default="yes_no")
    scale_max = models.PositiveSmallIntegerField(
        "scale maximum (N)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="Scale items only: answers run from 0 to N.",
    )
    allows_na = models.BooleanField(
        "may be N/A", default=True, help_text="N/A leaves the denominator."
    )
    weight = models.DecimalField(
        max_digits=7, decimal_places=2, validators=[MinValueValidator(0)]
    )
    critical = models.BooleanField(
        default=False,
        help_text="Answered no, it makes the evaluation score 0 (the item scores "
        "are kept).",
    )
    rule_reference = models.CharField(
        max_length=120,
        blank=True,
        help_text="The rule or code-of-conduct clause a critical item enforces.",
    )
    refresher_course = models.ForeignKey(
        "courses.Course",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A collector who fails this critical item is enrolled in its "
        "next session.",
    )

    panels = [
        FieldPanel("text"),
        FieldPanel("kind"),
        FieldPanel("scale_max"),
        FieldPanel("allows_na"),
        FieldPanel("weight"),
        FieldPanel("critical"),
        FieldPanel("rule_reference"),
        FieldPanel("refresher_course"),
    ]

    class Meta(Orderable.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="yes_no", scale_max__isnull=True)
                | Q(kind="scale", scale_max__gte=1),
                name="qa_item_scale_max_for_scales_only",
            ),
            models.CheckConstraint(
                condition=Q(critical=False) | Q(kind="yes_no"),
                name="qa_item_critical_is_yes_no",
            ),
        ]

    def __str__(self):
        return self.text

    def clean(self):
        if self.section_id:
            refuse_if_used(
                Section.objects.filter(pk=self.section_id).values("version_id")
            )

    @property
    def key(self) -> str:
        return str(self.pk)
