from django.core.validators import MaxValueValidator
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

    panels = [FieldPanel("grace_minutes"), FieldPanel("early_leave_tolerance_minutes")]

    class Meta:
        verbose_name = verbose_name_plural = "attendance settings"
