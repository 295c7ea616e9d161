"""The inputs of the staffing requirement: the outbound portfolio by DPD
bucket and the inbound call forecast, both per team."""

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models


def validate_time_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            f"{value!r} is not a time zone; use a name like Asia/Jakarta."
        ) from None


class PortfolioBucket(models.Model):
    """Accounts of one DPD bucket, whose debtors live in one time zone,
    worked by one team.

    One time zone per row keeps the model flat: a bucket spread over three
    zones is three rows with the same label and strategy. The team is the
    one that works the bucket; its board carries the bucket's outbound work.
    """

    team = models.ForeignKey(
        "workforce.Team", on_delete=models.CASCADE, related_name="portfolio_buckets"
    )
    bucket = models.CharField(
        "DPD bucket", max_length=40, help_text="For example 1–30 DPD or 31–60 DPD."
    )
    debtor_time_zone = models.CharField(
        max_length=64,
        default="Asia/Jakarta",
        validators=[validate_time_zone],
        help_text="Where these debtors live: they are called on their own clock.",
    )
    accounts = models.PositiveIntegerField()
    attempts_per_account_per_day = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text="Contact attempts a day, from the bucket's strategy.",
    )
    handle_seconds = models.PositiveIntegerField(
        "handle seconds per attempt",
        validators=[MinValueValidator(1)],
        help_text="Dialling, talk and wrap-up of one attempt.",
    )

    class Meta:
        ordering = ["team__name", "bucket", "debtor_time_zone"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "bucket", "debtor_time_zone"],
                name="attendance_one_bucket_row_per_team_and_zone",
            )
        ]

    def __str__(self):
        return f"{self.bucket} ({self.debtor_time_zone}), {self.team}"


class InboundForecast(models.Model):
    """Calls expected into a team in one 30-minute interval of a day, and
    their average handle time."""

    team = models.ForeignKey(
        "workforce.Team", on_delete=models.CASCADE, related_name="inbound_forecasts"
    )
    day = models.DateField()
    interval_start = models.TimeField(help_text="Agency time, on the half hour.")
    calls = models.DecimalField(
        max_digits=8, decimal_places=1, validators=[MinValueValidator(0)]
    )
    aht_seconds = models.PositiveIntegerField(
        "AHT seconds",
        validators=[MinValueValidator(1)],
        help_text="Average handle time: talk, hold and wrap-up.",
    )

    class Meta:
        ordering = ["team__name", "day", "interval_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "day", "interval_start"],
                name="attendance_one_forecast_per_team_interval",
            )
        ]

    def __str__(self):
        when = datetime.datetime.combine(self.day, self.interval_start)
        return f"{self.team} {when:%Y-%m-%d %H:%M}: {self.calls} calls"

    def clean(self):
        start = self.interval_start
        if start is not None and (
            start.minute not in (0, 30) or start.second or start.microsecond
        ):
            raise ValidationError(
                {"interval_start": "An interval starts on the hour or half hour."}
            )
