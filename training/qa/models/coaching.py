"""A lead's coaching of a collector from their evaluations."""

from django.conf import settings
from django.db import models


class CoachingRecord(models.Model):
    collector = models.ForeignKey(
        "workforce.Staff", on_delete=models.PROTECT, related_name="qa_coaching"
    )
    coach = models.ForeignKey(
        "workforce.Staff", on_delete=models.PROTECT, related_name="qa_coached"
    )
    evaluations = models.ManyToManyField("qa.Evaluation", related_name="coaching")
    focus_items = models.ManyToManyField("qa.Item", blank=True, related_name="+")
    agreed_actions = models.TextField()
    follow_up_on = models.DateField("follow-up date")
    followed_up_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["follow_up_on", "pk"]
        indexes = [
            models.Index(fields=["coach", "follow_up_on"], name="qa_coaching_due")
        ]

    def __str__(self):
        return f"Coaching of {self.collector} (follow up {self.follow_up_on})"
