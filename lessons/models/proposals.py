"""A lesson's proposal to change an SOP, and what the SOP's owner decided."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ProposalQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=SOPRevisionProposal.Status.OPEN)

    def for_owner(self, user):
        return self.filter(sop__procedure_owner=user)


class SOPRevisionProposal(models.Model):
    """Kept outside the lesson's revisions, so republishing a lesson never
    reopens a proposal its SOP's owner has already resolved."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    lesson = models.ForeignKey(
        "lessons.LessonPage", on_delete=models.CASCADE, related_name="proposals"
    )
    sop = models.ForeignKey(
        "kb.SOPPage",
        verbose_name="SOP",
        on_delete=models.CASCADE,
        related_name="revision_proposals",
    )
    change = models.TextField("what should change")
    reason = models.TextField("why")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    implemented_in = models.ForeignKey(
        "kb.SOPVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The SOP revision that made the change.",
    )
    rejection_reason = models.TextField(blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_at"]
        verbose_name = "SOP revision proposal"

    def __str__(self):
        return f"Change to “{self.sop.title}” from “{self.lesson.title}”"

    @property
    def age_days(self) -> int:
        end = self.resolved_at or timezone.now()
        return (end - self.proposed_at).days
