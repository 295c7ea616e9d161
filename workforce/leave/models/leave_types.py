from django.core.validators import RegexValidator
from django.db import models


class LeaveTypeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class LeaveType(models.Model):
    """A kind of leave (annual, sick, unpaid…) and its rules."""

    name = models.CharField(max_length=60, unique=True)
    code = models.CharField(
        max_length=6, unique=True, help_text="Short label for calendars, e.g. AL."
    )
    paid = models.BooleanField(default=True)
    needs_balance = models.BooleanField(
        default=True,
        help_text="Taken from a yearly allocation; refused when none is left.",
    )
    carries_over = models.BooleanField(
        default=True,
        help_text=(
            "Unused days move to next year, up to the cap of Leave settings. "
            "Off for leave that starts afresh each year, such as sick leave."
        ),
    )
    needs_document = models.BooleanField(
        default=False, help_text="A document (e.g. a medical certificate) is uploaded."
    )
    notice_days = models.PositiveSmallIntegerField(
        default=0, help_text="How many days ahead it must be asked for."
    )
    colour = models.CharField(
        max_length=7,
        default="#1565c0",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", "A colour like #1565c0.")],
    )
    active = models.BooleanField(
        default=True, help_text="Inactive types stay on past requests only."
    )

    objects = LeaveTypeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
