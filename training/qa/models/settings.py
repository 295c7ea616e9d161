from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="check")
class QASettings(BaseGenericSetting):
    """The contact rules the call log is checked against, and when a promise
    counts as kept. The legal calling window is the attendance settings' one:
    the same hours size the outbound staffing."""

    max_attempts = models.PositiveSmallIntegerField(
        "attempts allowed per account",
        default=7,
        validators=[MinValueValidator(1)],
        help_text="Outbound calls to one account allowed in the rolling window.",
    )
    attempts_window_days = models.PositiveSmallIntegerField(
        "rolling window (days)",
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    promise_grace_days = models.PositiveSmallIntegerField(
        "promise grace (days)",
        default=3,
        validators=[MaxValueValidator(60)],
        help_text="A promise paid in full this many days after its date is kept.",
    )

    high_balance_threshold = models.DecimalField(
        "high balance from",
        max_digits=14,
        decimal_places=2,
        default=10000,
        validators=[MinValueValidator(0)],
        help_text="A call on an account owing at least this much carries the "
        "high-balance risk factor in the sample.",
    )
    high_balance_weight = models.DecimalField(
        "high-balance risk weight",
        max_digits=5,
        decimal_places=2,
        default=2,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text="How many times as likely the sample's risk phase is to draw "
        "such a call (1: no more likely).",
    )

    dispute_window_days = models.PositiveSmallIntegerField(
        "days to dispute an evaluation",
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text="A collector may dispute a final evaluation this many days after "
        "it was submitted.",
    )

    panels = [
        HelpPanel(
            content="The legal calling window (debtor's local time) is set in the "
            "attendance settings."
        ),
        FieldPanel("max_attempts"),
        FieldPanel("attempts_window_days"),
        FieldPanel("promise_grace_days"),
        FieldPanel("dispute_window_days"),
        FieldPanel("high_balance_threshold"),
        FieldPanel("high_balance_weight"),
    ]

    class Meta:
        verbose_name = verbose_name_plural = "QA settings"
