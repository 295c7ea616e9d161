import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="time")
class AttendanceSettings(BaseGenericSetting):
    """How strictly a day's attendance is read from the clock."""

    grace_minutes = models.PositiveSmallIntegerField(
        default=5,
        validators=[MaxValueValidator(120)],
        help_text="A clock-in this many minutes after the start is still on time.",
    )
    early_leave_tolerance_minutes = models.PositiveSmallIntegerField(
        default=5,
        validators=[MaxValueValidator(120)],
        help_text="A clock-out this many minutes before the end is not leaving early.",
    )

    # The staffing requirement of the intraday board.
    service_level_percent = models.PositiveSmallIntegerField(
        "service level target (%)",
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(99)],
        help_text="Share of inbound calls to answer within the seconds below.",
    )
    answer_within_seconds = models.PositiveSmallIntegerField(default=20)
    max_occupancy_percent = models.PositiveSmallIntegerField(
        "maximum occupancy (%)",
        default=85,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    shrinkage_percent = models.PositiveSmallIntegerField(
        "shrinkage (%)",
        default=30,
        validators=[MaxValueValidator(90)],
        help_text="Paid time off the phones: breaks, training, meetings, absence.",
    )
    calling_window_opens = models.TimeField(
        default=datetime.time(8), help_text="Debtor local time."
    )
    calling_window_closes = models.TimeField(
        default=datetime.time(21), help_text="Debtor local time."
    )

    panels = [
        FieldPanel("grace_minutes"),
        FieldPanel("early_leave_tolerance_minutes"),
        FieldPanel("service_level_percent"),
        FieldPanel("answer_within_seconds"),
        FieldPanel("max_occupancy_percent"),
        FieldPanel("shrinkage_percent"),
        FieldPanel("calling_window_opens"),
        FieldPanel("calling_window_closes"),
    ]

    def clean(self):
        if self.calling_window_closes <= self.calling_window_opens:
            raise ValidationError(
                {"calling_window_closes": "The window closes after it opens."}
            )

    class Meta:
        verbose_name = verbose_name_plural = "attendance settings"
