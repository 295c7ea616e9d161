"""Fill a year's public holidays for the country of the leave settings."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from workforce.leave.services import public_holidays_fill


class Command(BaseCommand):
    help = (
        "Replace a year's public holidays with those of the configured country "
        "(Settings → Leave settings); the agency's own days stay."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--year", type=int, help="the year to fill (default: this year)"
        )

    def handle(self, *args, year, **options):
        year = year or timezone.localdate().year
        count = public_holidays_fill(year=year)
        self.stdout.write(f"{count} public holidays in {year}")
