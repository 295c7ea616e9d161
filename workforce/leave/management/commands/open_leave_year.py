"""Open this year's leave: allocations with the carry-over, and holidays."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from workforce.leave.services import allocation_open_year


class Command(BaseCommand):
    help = (
        "Open a leave year (default: this one): allocations from last year's, "
        "unused days carried over up to the cap, and the public holidays. "
        "Does nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="default: this year")

    def handle(self, *args, year, **options):
        opened = allocation_open_year(year=year or timezone.localdate().year)
        self.stdout.write(str(opened))
