"""What the revision history alone does not keep: numbered published versions,
the review schedule and the review log of each SOP.

These live outside the page so that publishing an old revision can never roll
them back (a page's own fields are restored from the revision it publishes).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class SOPVersion(models.Model):
    """The SOP as published for the n-th time: what people read and acknowledge."""

    page = models.ForeignKey(
        "kb.SOPPage", on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(max_length=255)
    # The Markdown as published, so "what changed" never depends on how long
    # page revisions are kept.
    body = models.TextField()
    published_at = models.DateTimeField(default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requires_acknowledgement = models.BooleanField(default=False)

    class Meta:
        ordering = ["page", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "number"], name="kb_sopversion_unique_number"
            )
        ]

    def __str__(self):
        return f"{self.title}, revision {self.number}"


class SOPStatus(models.Model):
    """An SOP's current and required versions, and its review dates."""

    page = models.OneToOneField(
        "kb.SOPPage", on_delete=models.CASCADE, primary_key=True, related_name="status"
    )
    current_version = models.ForeignKey(
        SOPVersion, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    required_version = models.ForeignKey(
        SOPVersion,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The latest version that asked for acknowledgement.",
    )
    last_reviewed_on = models.DateField(null=True, blank=True)
    review_by = models.DateField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name_plural = "SOP statuses"

    def __str__(self):
        return f"Status of {self.page_id}"

    def is_due_for_review(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.review_by is not None and self.review_by <= today


class SOPReview(models.Model):
    """One review of an SOP: confirmed unchanged, or revised by a publish."""

    class Outcome(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed, no change"
        REVISED = "revised", "Revised"

    page = models.ForeignKey(
        "kb.SOPPage", on_delete=models.CASCADE, related_name="reviews"
    )
    reviewed_at = models.DateTimeField(default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    version = models.ForeignKey(
        SOPVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    next_review_by = models.DateField()

    class Meta:
        ordering = ["-reviewed_at"]

    def __str__(self):
        return f"{self.get_outcome_display()} on {self.reviewed_at:%Y-%m-%d}"
