from django.conf import settings
from django.db import models
from django.db.models import Q


class ShiftSwap(models.Model):
    """A collector offers a published shift: to any member of the team (who
    takes it), or as a direct swap for a named colleague's shift. The lead
    approves or declines; the rules are checked on the result first."""

    class Status(models.TextChoices):
        OFFERED = "offered", "Offered"
        TAKEN = "taken", "Awaiting approval"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    shift = models.ForeignKey(
        "scheduling.Shift", on_delete=models.CASCADE, related_name="swaps"
    )
    offered_by = models.ForeignKey(
        "workforce.Staff", on_delete=models.CASCADE, related_name="swaps_offered"
    )
    taken_by = models.ForeignKey(
        "workforce.Staff",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="swaps_taken",
    )
    in_return = models.ForeignKey(
        "scheduling.Shift",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="swaps_in_return",
        help_text="The colleague's shift given back, in a direct swap.",
    )
    note = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OFFERED
    )
    offered_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_comment = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-offered_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["shift"],
                condition=Q(status__in=["offered", "taken"]),
                name="scheduling_swap_one_open_per_shift",
                violation_error_message="This shift is already offered.",
            )
        ]

    def __str__(self):
        return f"{self.shift} offered by {self.offered_by.full_name}"
