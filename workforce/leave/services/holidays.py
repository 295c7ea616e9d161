"""Public holidays: filled from the ``holidays`` package for the country of
*Settings → Leave settings*; the agency's own days are kept beside them."""

import datetime

from django.db import transaction

from ..models import LeaveSettings, PublicHoliday


def public_holidays_of(*, country: str, subdivision: str, year: int) -> dict:
    """The ``holidays`` package's days for one country (and subdivision) and
    year: date → name (two holidays on one day share it, joined by "; ")."""
    import holidays  # only when filling a year, not at every start-up

    return dict(
        holidays.country_holidays(country, subdiv=subdivision or None, years=year)
    )


def public_holidays_fill(*, year: int) -> int:
    """Replace the year's public holidays with those of the configured
    country; the agency's own days stay. Returns how many there are now."""
    settings = LeaveSettings.load()
    found = public_holidays_of(
        country=settings.country, subdivision=settings.subdivision, year=year
    )
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    with transaction.atomic():
        PublicHoliday.objects.between(first, last).filter(
            source=PublicHoliday.Source.PUBLIC
        ).delete()
        PublicHoliday.objects.bulk_create(
            PublicHoliday(date=day, name=name[:120], source=PublicHoliday.Source.PUBLIC)
            for day, name in sorted(found.items())
        )
    return len(found)
