from django.conf import settings
from django.db import models

MONEY = {"max_digits": 14, "decimal_places": 2, "default": 0}
# QA sampling weights are inverse inclusion probabilities: kept to 6 places.
WEIGHT = {"max_digits": 18, "decimal_places": 6, "default": 0}


class CollectorDayQuerySet(models.QuerySet):
    def between(self, first, last):
        """Days from ``first`` to ``last``, both included."""
        return self.filter(day__gte=first, day__lte=last)


class CollectorDay(models.Model):
    """One collector's facts for one day, with the team they were in that day.

    Every column after ``team`` is a field of
    ``calculations.measures.FactTotals`` of the same name (a test holds them
    one to one); the rows are written only by ``services.facts_rebuild``.
    """

    collector = models.ForeignKey(
        "workforce.Staff", on_delete=models.CASCADE, related_name="kpi_days"
    )
    day = models.DateField()
    team = models.ForeignKey(
        "workforce.Team",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="kpi_days",
        help_text="The team the collector was in on this day.",
    )
    attempts = models.PositiveIntegerField(default=0)
    contacts = models.PositiveIntegerField(default=0)
    promises = models.PositiveIntegerField(default=0)
    promised_amount = models.DecimalField(**MONEY)
    kept = models.PositiveIntegerField(default=0)
    broken = models.PositiveIntegerField(default=0)
    collected = models.DecimalField(**MONEY)
    collection_target = models.DecimalField(**MONEY)
    handle_seconds = models.PositiveIntegerField(default=0)
    handled_calls = models.PositiveIntegerField(default=0)
    hours_worked = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    scheduled_minutes = models.PositiveIntegerField(default=0)
    adherent_minutes = models.PositiveIntegerField(default=0)
    days_scheduled = models.PositiveSmallIntegerField(default=0)
    days_present = models.PositiveSmallIntegerField(default=0)
    qa_weighted_points = models.DecimalField(**WEIGHT)
    qa_weight = models.DecimalField(**WEIGHT)
    qa_calls = models.PositiveIntegerField(default=0)
    qa_critical_fails = models.PositiveIntegerField(default=0)
    contact_rule_breaches = models.PositiveIntegerField(default=0)

    objects = CollectorDayQuerySet.as_manager()

    class Meta:
        ordering = ["day", "collector"]
        verbose_name = "collector day"
        permissions = [("oversee_kpis", "Can see every collector's KPIs")]
        constraints = [
            models.UniqueConstraint(
                fields=["collector", "day"], name="kpis_collectorday_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(days_present__lte=models.F("days_scheduled")),
                name="kpis_collectorday_present_only_when_scheduled",
            ),
            models.CheckConstraint(
                condition=models.Q(adherent_minutes__lte=models.F("scheduled_minutes")),
                name="kpis_collectorday_adherent_within_scheduled",
            ),
        ]
        indexes = [
            # A period's facts of a team (leaderboards, the daily report).
            models.Index(fields=["day", "team"], name="kpis_day_team"),
            models.Index(fields=["team", "day"], name="kpis_team_day"),
        ]

    def __str__(self):
        return f"{self.collector_id} on {self.day}"


class FactBuild(models.Model):
    """One run of the fact build: which days, how many rows, and how far into
    the call log, the payments and the changes re-imports made it had read
    (the high-water marks the daily job starts from)."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    first_day = models.DateField(null=True)
    last_day = models.DateField(null=True)
    days = models.PositiveIntegerField()
    rows = models.PositiveIntegerField()
    # Set by the builds that cover every change (all days, or the daily
    # job's changed days); null for a build of days named by hand.
    calls_through = models.BigIntegerField(null=True)
    payments_through = models.BigIntegerField(null=True)
    # And the highest key of QA's record of days that re-imports changed.
    changes_through = models.BigIntegerField(null=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-started_at", "-pk"]
        get_latest_by = "started_at"

    def __str__(self):
        return f"facts {self.first_day}–{self.last_day} at {self.finished_at}"


class DailyReportMail(models.Model):
    """The morning e-mail of a day's report sent to one lead: at most once."""

    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField()
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["lead", "day"], name="kpis_daily_report_mail_once"
            )
        ]

    def __str__(self):
        return f"{self.day} report to {self.lead_id}"
