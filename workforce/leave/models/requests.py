from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import F, Q

from .allocations import ZERO, days_field


def private_storage():
    """Certificates are kept outside the public media folder: only a view
    that checks who asks may hand one out."""
    return storages["private"]


class DayPart(models.TextChoices):
    WHOLE = "whole", "Whole day"
    MORNING = "morning", "Morning"
    AFTERNOON = "afternoon", "Afternoon"


class LeaveRequestQuerySet(models.QuerySet):
    def standing(self):
        """Pending or approved: what holds days and blocks overlaps."""
        return self.filter(
            status__in=[LeaveRequest.Status.PENDING, LeaveRequest.Status.APPROVED]
        )

    def approved(self):
        return self.filter(status=LeaveRequest.Status.APPROVED)

    def overlapping(self, first, last):
        """Requests with a day from ``first`` to ``last``, both included."""
        return self.filter(first_day__lte=last, last_day__gte=first)


class LeaveRequest(models.Model):
    """A person's leave from ``first_day`` to ``last_day`` (both included).

    The first day may start in the afternoon and the last end at midday; a
    one-day request is a whole day, a morning or an afternoon (both parts
    the same). A morning or an afternoon is the first or second half of the
    person's shift that day, so a half day of a night shift is half of the
    shift that starts that evening. ``days`` is what it costs: the days the
    person is scheduled to work, public holidays left out, half days at 0.5.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        CANCELLED = "cancelled", "Cancelled"

    staff = models.ForeignKey(
        "workforce.Staff", on_delete=models.PROTECT, related_name="leave_requests"
    )
    leave_type = models.ForeignKey(
        "leave.LeaveType", on_delete=models.PROTECT, related_name="requests"
    )
    first_day = models.DateField()
    last_day = models.DateField()
    first_day_part = models.CharField(
        max_length=10, choices=DayPart.choices, default=DayPart.WHOLE
    )
    last_day_part = models.CharField(
        max_length=10, choices=DayPart.choices, default=DayPart.WHOLE
    )
    reason = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    days = days_field(default=ZERO, help_text="Working days the leave costs.")
    certificate = models.FileField(
        storage=private_storage,
        upload_to="leave/certificates/%Y/%m/",
        blank=True,
        help_text="A medical certificate or other document, where the type needs one.",
    )
    override_reason = models.CharField(
        max_length=300,
        blank=True,
        help_text="Why a manager allowed it over a blackout or the notice period.",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.CharField(
        max_length=300, blank=True, help_text="The approver's comment."
    )
    staffing_confirmed = models.TextField(
        blank=True,
        help_text="The half hours under the team minimum the approver confirmed.",
    )
    shifts_cancelled = models.ManyToManyField(
        "scheduling.Shift",
        blank=True,
        related_name="+",
        help_text="The published shifts approving the leave cancelled, to be "
        "published again if the leave is cancelled.",
    )
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = LeaveRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-first_day", "-pk"]
        indexes = [
            models.Index(fields=["staff", "first_day"]),
            models.Index(fields=["status", "first_day"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gte=F("first_day")),
                name="leave_request_ends_after_it_starts",
                violation_error_message="The leave ends before it starts.",
            ),
            models.CheckConstraint(
                condition=Q(days__gte=0), name="leave_request_days_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.staff.full_name}: {self.leave_type} {self.period}"

    @property
    def period(self) -> str:
        if self.first_day == self.last_day:
            return f"{self.first_day:%d %b %Y}"
        return f"{self.first_day:%d %b} – {self.last_day:%d %b %Y}"
