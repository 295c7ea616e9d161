"""Evaluations: an analyst's answers to a scorecard version for one sampled
call, and the score ``score_evaluation`` gave them. A final evaluation is
never changed: an upheld dispute makes the next revision and marks this one
superseded."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class EvaluationQuerySet(models.QuerySet):
    def standing(self):
        """The evaluations that count: final and not superseded."""
        return self.filter(status=Evaluation.Status.FINAL)


class Evaluation(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        FINAL = "final", "Final"
        SUPERSEDED = "superseded", "Superseded"

    sampled_call = models.ForeignKey(
        "qa.SampledCall", on_delete=models.PROTECT, related_name="evaluations"
    )
    call = models.ForeignKey("qa.Call", on_delete=models.PROTECT, related_name="+")
    collector = models.ForeignKey(
        "workforce.Staff", on_delete=models.PROTECT, related_name="qa_evaluations"
    )
    analyst = models.ForeignKey(
        "workforce.Staff", on_delete=models.PROTECT, related_name="qa_scored"
    )
    version = models.ForeignKey(
        "qa.ScorecardVersion", on_delete=models.PROTECT, related_name="evaluations"
    )
    revision = models.PositiveSmallIntegerField(default=1)
    supersedes = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default="draft")
    # Percentages, rounded once from the exact fractions; null: every item N/A.
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    would_be_score = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True
    )
    critical_failed = models.BooleanField(default=False)
    summary = models.TextField("overall comment", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        permissions = [
            ("score_call", "Can score the calls in their queue"),
            ("oversee_evaluations", "Can see every evaluation"),
        ]
        constraints = [
            # One live evaluation per sampled call; revisions replace it.
            models.UniqueConstraint(
                fields=["sampled_call"],
                condition=Q(status__in=["draft", "final"]),
                name="qa_one_live_evaluation_per_call",
            ),
            models.UniqueConstraint(
                fields=["sampled_call", "revision"], name="qa_evaluation_revision"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="qa_evaluation_submitted_has_moment",
            ),
            models.CheckConstraint(
                condition=~Q(analyst=models.F("collector")),
                name="qa_evaluation_not_own_call",
            ),
        ]

    def __str__(self):
        return f"Evaluation of {self.call_id and self.call} (rev. {self.revision})"

    @property
    def is_final(self) -> bool:
        return self.status != self.Status.DRAFT


class ItemAnswer(models.Model):
    """``answer``: "yes", "no", "na" or a scale value "0".."N"."""

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="answers"
    )
    item = models.ForeignKey("qa.Item", on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(max_length=4)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["evaluation", "item__section__sort_order", "item__sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "item"], name="qa_one_answer_per_item"
            )
        ]

    def __str__(self):
        return f"{self.item}: {self.answer}"
