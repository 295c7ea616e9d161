"""Calibration: several analysts score the same calls on one scorecard version.
Their ratings are kept apart from the real evaluations: they never reach a
collector's score."""

from django.conf import settings
from django.db import models


class CalibrationSession(models.Model):
    title = models.CharField(max_length=120)
    held_on = models.DateField()
    version = models.ForeignKey(
        "qa.ScorecardVersion", on_delete=models.PROTECT, related_name="+"
    )
    analysts = models.ManyToManyField("workforce.Staff", related_name="+")
    calls = models.ManyToManyField("qa.Call", related_name="+", blank=True)
    threshold = models.FloatField(
        "agreement threshold",
        default=0.6,
        help_text="Items whose agreement falls below this are flagged ambiguous.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        permissions = [("run_calibration", "Can run calibration sessions")]

    def __str__(self):
        return f"{self.title} ({self.held_on})"


class CalibrationRating(models.Model):
    """One analyst's answer to one item of one call in a session."""

    session = models.ForeignKey(
        CalibrationSession, on_delete=models.CASCADE, related_name="ratings"
    )
    call = models.ForeignKey("qa.Call", on_delete=models.PROTECT, related_name="+")
    analyst = models.ForeignKey(
        "workforce.Staff", on_delete=models.PROTECT, related_name="+"
    )
    item = models.ForeignKey("qa.Item", on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(max_length=4)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "call", "analyst", "item"],
                name="qa_one_rating_per_item",
            )
        ]

    def __str__(self):
        return f"{self.analyst} on {self.item}: {self.answer}"
