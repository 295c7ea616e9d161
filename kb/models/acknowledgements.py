"""Read-and-understood acknowledgements of SOP versions, and who is asked for one."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class AcknowledgementRequest(models.Model):
    """Someone in an SOP's audience was asked to acknowledge this version."""

    version = models.ForeignKey(
        "kb.SOPVersion", on_delete=models.CASCADE, related_name="requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sop_acknowledgement_requests",
    )
    requested_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["version", "user"], name="kb_ackrequest_unique_version_user"
            )
        ]
        permissions = [
            (
                "view_all_outstanding_acknowledgements",
                "Can see everyone's outstanding acknowledgements",
            )
        ]

    def __str__(self):
        return f"{self.user} asked to acknowledge {self.version}"

    @property
    def requested_on(self):
        return timezone.localdate(self.requested_at)


class AcknowledgementWriteOnce(Exception):
    """An acknowledgement is an audit record: it is written once, never changed."""


class Acknowledgement(models.Model):
    """ "I have read and understood revision N": who, which version, when."""

    version = models.ForeignKey(
        "kb.SOPVersion", on_delete=models.CASCADE, related_name="acknowledgements"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="sop_acknowledgements",
    )
    # Kept so the record still says who it was if the account is ever deleted.
    user_name = models.CharField(max_length=150)
    acknowledged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-acknowledged_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "user"], name="kb_ack_unique_version_user"
            )
        ]

    def __str__(self):
        return f"{self.user_name} acknowledged {self.version}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AcknowledgementWriteOnce("Acknowledgements cannot be changed.")
        super().save(*args, **kwargs)
