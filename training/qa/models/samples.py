"""A period's drawn sample: the plan and seed it was drawn with, and each
sampled call with its inclusion probability and the analyst it went to."""

from django.conf import settings
from django.db import models


class SampleDraw(models.Model):
    """The sample of one period, reproducible from its stored seed and plan."""

    period_start = models.DateField(unique=True)
    period_end = models.DateField(help_text="The period's last day.")
    scorecard = models.ForeignKey(
        "qa.Scorecard", on_delete=models.PROTECT, related_name="draws"
    )
    seed = models.BigIntegerField()
    minimum_per_collector = models.PositiveSmallIntegerField()
    extra_calls = models.FloatField()
    risk_weights = models.JSONField(default=dict)
    frame_size = models.PositiveIntegerField(
        help_text="Right-party contacts not evaluated before."
    )
    collectors = models.PositiveIntegerField()
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    drawn_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_start"]
        permissions = [("draw_sample", "Can draw the period's QA sample")]

    def __str__(self):
        return f"Sample of {self.period_start:%B %Y}"


class SampledCall(models.Model):
    draw = models.ForeignKey(SampleDraw, on_delete=models.CASCADE, related_name="calls")
    # A call is sampled at most once: calls already evaluated leave the frame.
    call = models.OneToOneField(
        "qa.Call", on_delete=models.PROTECT, related_name="sampled"
    )
    collector = models.ForeignKey(
        "workforce.Staff", on_delete=models.PROTECT, related_name="+"
    )
    inclusion_probability = models.FloatField()
    minimum_probability = models.FloatField()
    risk_probability = models.FloatField()
    risk_weight = models.FloatField()
    risk_factors = models.JSONField(default=list, blank=True)
    analyst = models.ForeignKey(
        "workforce.Staff",
        on_delete=models.PROTECT,
        related_name="qa_queue",
        help_text="Never the collector themselves.",
    )

    class Meta:
        ordering = ["draw", "collector", "call"]
        indexes = [models.Index(fields=["analyst", "draw"], name="qa_sampled_queue")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(inclusion_probability__gt=0)
                & models.Q(inclusion_probability__lte=1),
                name="qa_sampled_probability_in_0_1",
            ),
            models.CheckConstraint(
                condition=~models.Q(analyst=models.F("collector")),
                name="qa_sampled_not_own_call",
            ),
        ]

    def __str__(self):
        return f"{self.call} (π={self.inclusion_probability:.3f})"
