from django.db import models

from .allocations import days_field
from .requests import LeaveRequest


class LeaveDayQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(request__status=LeaveRequest.Status.APPROVED)


class LeaveDay(models.Model):
    """One day a request costs and how much of it (1, or 0.5 for a half day),
    as charged when the request was made: what reports count by month and
    by team. Kept because the cost cannot be worked out again later: the
    plan changes, and approving leave cancels the shifts it costs."""

    request = models.ForeignKey(
        LeaveRequest, on_delete=models.CASCADE, related_name="costed_days"
    )
    day = models.DateField()
    days = days_field()

    objects = LeaveDayQuerySet.as_manager()

    class Meta:
        ordering = ["day"]
        indexes = [models.Index(fields=["day"])]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "day"], name="leave_day_once_per_request"
            ),
            models.CheckConstraint(
                condition=models.Q(days__gt=0) & models.Q(days__lte=1),
                name="leave_day_at_most_one",
            ),
        ]

    def __str__(self):
        return f"{self.request_id} {self.day}: {self.days}"
