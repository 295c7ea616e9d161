"""Reads of leave."""

import datetime

from .models import PublicHoliday


def holiday_dates(first: datetime.date, last: datetime.date) -> set[datetime.date]:
    """The public holidays and agency days from ``first`` to ``last``."""
    return set(
        PublicHoliday.objects.between(first, last).values_list("date", flat=True)
    )
