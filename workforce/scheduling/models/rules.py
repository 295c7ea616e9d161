from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="time")
class ShiftRules(BaseGenericSetting):
    """The planning rules a plan is checked against before it is published;
    breaking them is a warning a planner may override with a reason."""

    minimum_rest_hours = models.DecimalField(
        max_digits=4,
        decimal_places=2,
        default=11,
        validators=[MinValueValidator(0), MaxValueValidator(24)],
        help_text="The shortest rest between two shifts of one person.",
    )
    maximum_weekly_hours = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=48,
        validators=[MinValueValidator(1), MaxValueValidator(168)],
        help_text="The most paid hours one person may work Monday to Sunday.",
    )

    panels = [FieldPanel("minimum_rest_hours"), FieldPanel("maximum_weekly_hours")]

    class Meta:
        verbose_name = verbose_name_plural = "shift rules"
