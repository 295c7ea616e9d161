import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="date")
class LeaveSettings(BaseGenericSetting):
    """Whose public holidays the agency keeps, and how unused days carry over
    into the next year."""

    country = models.CharField(
        max_length=3,
        default="SG",
        help_text="ISO code of the country whose public holidays are kept: SG, MY, ID…",
    )
    subdivision = models.CharField(
        max_length=10,
        blank=True,
        help_text="A state or province with holidays of its own, e.g. 14 "
        "(Kuala Lumpur) for MY; empty for the national holidays only.",
    )
    carry_over_cap_days = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        default=5,
        validators=[MinValueValidator(0)],
        help_text="The most unused days carried into the next year.",
    )
    carry_over_expiry_month = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    carry_over_expiry_day = models.PositiveSmallIntegerField(
        default=31,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text="Carried-over days are usable up to this day of the new year.",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("country"), FieldPanel("subdivision")], "Public holidays"
        ),
        MultiFieldPanel(
            [
                FieldPanel("carry_over_cap_days"),
                FieldPanel("carry_over_expiry_month"),
                FieldPanel("carry_over_expiry_day"),
            ],
            "Carry-over",
        ),
    ]

    class Meta:
        verbose_name = verbose_name_plural = "leave settings"

    def carry_over_expiry(self, year: int) -> datetime.date:
        return datetime.date(
            year, self.carry_over_expiry_month, self.carry_over_expiry_day
        )

    def clean(self):
        import holidays

        self.country = self.country.strip().upper()
        self.subdivision = self.subdivision.strip().upper()
        try:
            holidays.country_holidays(self.country, subdiv=self.subdivision or None)
        except NotImplementedError as error:
            field = "subdivision" if self.subdivision else "country"
            raise ValidationError({field: str(error)}) from None
        try:
            # A year that is not a leap year: 29 February would lapse in most.
            self.carry_over_expiry(2001)
        except ValueError:
            raise ValidationError(
                {
                    "carry_over_expiry_day": "Not a day of that month (29 February "
                    "is not in every year)."
                }
            ) from None
