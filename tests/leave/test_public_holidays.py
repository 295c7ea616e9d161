"""Public holidays come from the ``holidays`` package for the configured
country; the agency's own days stay beside them."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from tests.leave.factories import PublicHolidayFactory
from workforce.leave.models import LeaveSettings, PublicHoliday
from workforce.leave.selectors import holiday_dates
from workforce.leave.services import public_holidays_fill

pytestmark = pytest.mark.django_db

D = datetime.date


def configure(country: str, subdivision: str = "") -> None:
    settings = LeaveSettings.load()
    settings.country, settings.subdivision = country, subdivision
    settings.full_clean()
    settings.save()


def public_names(year: int) -> dict:
    return dict(
        PublicHoliday.objects.filter(
            source=PublicHoliday.Source.PUBLIC, date__year=year
        ).values_list("date", "name")
    )


@pytest.mark.parametrize(
    "country, day, name",
    [
        ("SG", D(2026, 8, 9), "National Day"),
        ("MY", D(2026, 8, 31), "National Day"),  # Hari Merdeka
        ("ID", D(2026, 8, 17), "Independence Day"),
    ],
)
def test_a_year_is_filled_with_the_configured_countrys_holidays(country, day, name):
    configure(country)

    public_holidays_fill(year=2026)

    assert public_names(2026)[day] == name


def test_singapore_is_the_default_with_its_observed_days():
    public_holidays_fill(year=2026)

    names = public_names(2026)
    # National Day falls on a Sunday in 2026: the Monday is off too.
    assert names[D(2026, 8, 10)] == "National Day (observed)"
    assert names[D(2026, 1, 1)] == "New Year's Day"
    assert len(names) == 14


def test_a_malaysian_state_adds_its_own_days():
    configure("MY", "KUL")

    public_holidays_fill(year=2026)

    assert "Federal Territory Day" in public_names(2026)[D(2026, 2, 1)]


def test_filling_again_replaces_the_public_days_and_keeps_the_agencys():
    PublicHolidayFactory(date=D(2026, 12, 24), name="Agency Christmas Eve")
    public_holidays_fill(year=2026)
    configure("ID")

    public_holidays_fill(year=2026)

    names = public_names(2026)
    assert D(2026, 8, 17) in names
    assert D(2026, 8, 9) not in names  # Singapore's National Day is gone
    agency = PublicHoliday.objects.get(source=PublicHoliday.Source.AGENCY)
    assert (agency.date, agency.name) == (D(2026, 12, 24), "Agency Christmas Eve")


def test_other_years_are_left_alone():
    public_holidays_fill(year=2026)

    public_holidays_fill(year=2027)

    assert D(2026, 8, 9) in public_names(2026)
    assert D(2027, 8, 9) in public_names(2027)


def test_holiday_dates_hold_public_and_agency_days_in_the_range():
    public_holidays_fill(year=2026)
    PublicHolidayFactory(date=D(2026, 8, 12), name="Agency day")

    assert holiday_dates(D(2026, 8, 8), D(2026, 8, 14)) == {
        D(2026, 8, 9),
        D(2026, 8, 10),
        D(2026, 8, 12),
    }


def test_the_command_fills_the_year_asked_for():
    out = StringIO()
    call_command("fill_public_holidays", year=2027, stdout=out)

    assert out.getvalue().strip() == "12 public holidays in 2027"
    assert public_names(2027)[D(2027, 8, 9)] == "National Day"
