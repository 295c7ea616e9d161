from django.conf import settings
from django.db import models

from ..calculations import STATUS_LABELS


class AttendanceCorrection(models.Model):
    """A lead's correction of a person's day, with the reason: an audit trail.

    The latest correction of a day stands over what the clock events say;
    deriving attendance again never changes or removes one.
    """

    staff = models.ForeignKey(
        "workforce.Staff",
        on_delete=models.PROTECT,
        related_name="attendance_corrections",
    )
    day = models.DateField()
    status = models.CharField(max_length=20, choices=list(STATUS_LABELS.items()))
    reason = models.CharField(max_length=300)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    corrected_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["staff", "day", "-corrected_at", "-pk"]
        indexes = [models.Index(fields=["staff", "day"])]

    def __str__(self):
        return f"{self.staff} {self.day}: {self.get_status_display()}"
