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

    panels = [
        HelpPanel(
            content="The legal calling window (debtor's local time) is set in the "
            "attendance settings."
        ),
        FieldPanel("max_attempts"),
        FieldPanel("attempts_window_days"),
        FieldPanel("promise_grace_days"),
    ]

    class Meta:
        verbose_name = verbose_name_plural = "QA settings"
