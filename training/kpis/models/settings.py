import datetime
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="doc-full-inverse")
class KpiSettings(BaseGenericSetting):
    """The composite's critical-fail cap and when the daily report goes out."""

    critical_fail_cap = models.DecimalField(
        "critical QA fail cap",
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        default=Decimal(60),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1000))],
        help_text="A collector with a critical QA fail in the period scores at "
        "most this. Blank: no cap.",
    )
    daily_report_time = models.TimeField(
        "daily report e-mail time",
        default=datetime.time(7, 0),
        help_text="Local time after which each lead is e-mailed yesterday's report.",
    )

    panels = [FieldPanel("critical_fail_cap"), FieldPanel("daily_report_time")]

    class Meta:
        verbose_name = verbose_name_plural = "KPI settings"
