"""An import of a call log or payments run in the background, and its progress."""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models


def private_storage():
    """Uploaded logs name accounts and collectors: kept outside public media."""
    return storages["private"]


class ImportJob(models.Model):
    class Kind(models.TextChoices):
        CALLS = "calls", "Calls"
        PAYMENTS = "payments", "Payments"

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        CHECKING = "checking", "Checking"
        WRITING = "writing", "Writing"
        DONE = "done", "Done"
        FAILED = "failed", "Failed: nothing imported"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    file = models.FileField(upload_to="qa-imports/", storage=private_storage)
    filename = models.CharField(max_length=255)
    dry_run = models.BooleanField(default=False)
    state = models.CharField(max_length=10, choices=State.choices, default="queued")
    rows = models.PositiveIntegerField(default=0)
    written = models.PositiveIntegerField(default=0)
    new = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    duplicate = models.PositiveIntegerField(default=0)
    # Every problem found: [{"row": 12, "column": "start", "message": "…"}].
    problems = models.JSONField(default=list, blank=True)
    problem_count = models.PositiveIntegerField(default=0)
    unknown_collectors = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} from {self.filename}"

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)
