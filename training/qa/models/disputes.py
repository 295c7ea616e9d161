"""A collector's dispute of items of a final evaluation, and its decision."""

from django.conf import settings
from django.db import models


class Dispute(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        UPHELD = "upheld", "Upheld"
        REJECTED = "rejected", "Rejected"

    evaluation = models.ForeignKey(
        "qa.Evaluation", on_delete=models.PROTECT, related_name="disputes"
    )
    items = models.ManyToManyField("qa.Item", related_name="+")
    reason = models.TextField()
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    raised_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=8, choices=Status.choices, default="open")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    revision = models.OneToOneField(
        "qa.Evaluation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="made_by_dispute",
        help_text="The evaluation's new revision, when upheld.",
    )
    # Calibration sessions pick these calls up (see calibration_add_disputed).
    for_calibration = models.BooleanField(
        default=False, help_text="Bring the call to the next calibration session."
    )

    class Meta:
        ordering = ["-raised_at", "-pk"]
        permissions = [
            ("decide_any_dispute", "Can decide any dispute (senior QA analyst)")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation"],
                condition=models.Q(status="open"),
                name="qa_one_open_dispute_per_evaluation",
            )
        ]

    def __str__(self):
        return f"Dispute of {self.evaluation}"
