from django.db import models
from django.db.models import F, Q


class PublicHolidayQuerySet(models.QuerySet):
    def between(self, first, last):
        return self.filter(date__gte=first, date__lte=last)


class PublicHoliday(models.Model):
    """A day off for everyone: a public holiday of the configured country
    (from the ``holidays`` package) or one of the agency's own."""

    class Source(models.TextChoices):
        PUBLIC = "public", "Public holiday"
        AGENCY = "agency", "Agency day"

    date = models.DateField()
    name = models.CharField(max_length=120)
    source = models.CharField(
        max_length=8, choices=Source.choices, default=Source.AGENCY
    )

    objects = PublicHolidayQuerySet.as_manager()

    class Meta:
        ordering = ["date", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["date", "source"],
                name="leave_holiday_one_per_day_and_source",
                violation_error_message="There is already a holiday of this kind "
                "on this day.",
            )
        ]

    def __str__(self):
        return f"{self.date:%d %b %Y} {self.name}"


class Blackout(models.Model):
    """Days a team needs everyone (a month-end push): leave over them is
    refused unless a manager overrides with a reason."""

    team = models.ForeignKey(
        "workforce.Team", on_delete=models.CASCADE, related_name="leave_blackouts"
    )
    first_day = models.DateField()
    last_day = models.DateField()
    reason = models.CharField(max_length=200)

    class Meta:
        ordering = ["first_day", "team"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gte=F("first_day")),
                name="leave_blackout_ends_after_it_starts",
                violation_error_message="The blackout ends before it starts.",
            )
        ]

    def __str__(self):
        return f"{self.team}: {self.first_day} – {self.last_day}"
