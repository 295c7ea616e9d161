import datetime

from django.db import models
from django.utils import timezone


class ClockEventQuerySet(models.QuerySet):
    def between(self, start: datetime.datetime, end: datetime.datetime):
        """Events at or after ``start`` and before ``end`` (aware)."""
        return self.filter(at__gte=start, at__lt=end)


class ClockEvent(models.Model):
    """A person clocking in or out, or a dialer's "available" / "not ready".

    The same event twice is one event: a person has at most one event of a
    kind at a moment (the unique constraint), so a batch sent again, a file
    imported again or a double click changes nothing.
    """

    class Kind(models.TextChoices):
        CLOCK_IN = "clock_in", "Clock in"
        CLOCK_OUT = "clock_out", "Clock out"
        AVAILABLE = "available", "Available"
        NOT_READY = "not_ready", "Not ready"

    class Source(models.TextChoices):
        WEB = "web", "Web"
        API = "api", "API"
        IMPORT = "import", "Import"

    staff = models.ForeignKey(
        "workforce.Staff", on_delete=models.PROTECT, related_name="clock_events"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    at = models.DateTimeField(help_text="When it happened (stored in UTC).")
    source = models.CharField(max_length=10, choices=Source.choices)
    # The sender's own id for the event, kept to trace it back; the natural
    # key (person, kind, moment) is what makes an event unique.
    external_id = models.CharField(max_length=64, blank=True)
    received_at = models.DateTimeField(default=timezone.now)
    integration = models.ForeignKey(
        "attendance.Integration",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clock_events",
    )

    objects = ClockEventQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        # Events are written by the clock, the API and imports, never by hand:
        # importing is the one right to write them in the admin.
        permissions = [("import_clockevent", "Can import clock events")]
        indexes = [models.Index(fields=["staff", "at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "kind", "at"],
                name="attendance_clock_event_once",
                violation_error_message="This person already has this event "
                "at this moment.",
            ),
        ]

    def __str__(self):
        return f"{self.staff} {self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"
