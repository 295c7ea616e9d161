import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class ShiftQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Shift.Status.PUBLISHED)

    def standing(self):
        """Drafted or published: not cancelled."""
        return self.exclude(status=Shift.Status.CANCELLED)

    def between(self, first: datetime.date, last: datetime.date):
        """Shifts that start on a day from ``first`` to ``last``, both included."""
        return self.filter(day__gte=first, day__lte=last)

    def for_week(self, monday: datetime.date):
        return self.between(monday, monday + datetime.timedelta(days=6))


class Shift(models.Model):
    """One person's shift on one day, in one team's plan.

    A shift belongs to the day it starts. Drafted shifts are the planner's;
    publishing mirrors each as a django-scheduler ``Event`` on the team's
    calendar, which is what the person sees. A cancelled shift keeps its row
    (its calendar feed says ``STATUS:CANCELLED``) and loses its event.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        CANCELLED = "cancelled", "Cancelled"

    team = models.ForeignKey(
        "workforce.Team", on_delete=models.PROTECT, related_name="shifts"
    )
    staff = models.ForeignKey(
        "workforce.Staff", on_delete=models.PROTECT, related_name="shifts"
    )
    shift_type = models.ForeignKey(
        "scheduling.ShiftType", on_delete=models.PROTECT, related_name="shifts"
    )
    day = models.DateField(help_text="The day the shift starts.")
    start = models.DateTimeField()
    end = models.DateTimeField()
    break_minutes = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    event = models.OneToOneField(
        "schedule.Event",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="shift",
    )
    override_reason = models.CharField(
        max_length=300,
        blank=True,
        help_text=(
            "Why a warning (rest, weekly hours, minimum staffing) was overridden."
        ),
    )
    # The iCal feed's SEQUENCE: raised each time a published shift changes.
    sequence = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ShiftQuerySet.as_manager()

    class Meta:
        ordering = ["day", "start", "staff"]
        indexes = [
            models.Index(fields=["team", "day"]),
            models.Index(fields=["staff", "day"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="scheduling_shift_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return f"{self.staff} {self.day} {self.shift_type.code}"

    @property
    def paid_hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600 - self.break_minutes / 60


class ShiftChange(models.Model):
    """The log of changes to published shifts: who, what, when and why."""

    class Action(models.TextChoices):
        ADDED = "added", "Added"
        CHANGED = "changed", "Changed"
        CANCELLED = "cancelled", "Cancelled"
        SWAPPED = "swapped", "Swapped"

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="changes")
    action = models.CharField(max_length=10, choices=Action.choices)
    before = models.CharField(max_length=200, blank=True)
    after = models.CharField(max_length=200, blank=True)
    reason = models.CharField(max_length=300)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()} {self.shift} ({self.reason})"


class PlanPublication(models.Model):
    """A team's plan published for a period: from then on its shifts in the
    period are what people see, and changes to them are logged."""

    team = models.ForeignKey(
        "workforce.Team", on_delete=models.CASCADE, related_name="plan_publications"
    )
    first_day = models.DateField()
    last_day = models.DateField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(auto_now_add=True)
    override_reason = models.CharField(
        max_length=300,
        blank=True,
        help_text="Why the warnings found at publishing were overridden.",
    )
    warnings = models.TextField(
        blank=True, help_text="The warnings overridden, one a line."
    )

    class Meta:
        ordering = ["-first_day"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gte=F("first_day")),
                name="scheduling_publication_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return f"{self.team} {self.first_day} – {self.last_day}"
