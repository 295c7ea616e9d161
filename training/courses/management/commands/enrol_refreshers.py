"""Enrol the people due a refresher on the next session with a place."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from training.courses.selectors.refreshers import REFRESHER_WINDOW_DAYS
from training.courses.services import refreshers_enrol


class Command(BaseCommand):
    help = (
        "Enrol everyone whose certificate expires within --within days on the "
        "next session of the renewing course with a place left; count those "
        "with no place as demand. Does nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--within", type=int, default=REFRESHER_WINDOW_DAYS)

    def handle(self, *args, within, **options):
        run = refreshers_enrol(today=timezone.localdate(), within_days=within)
        self.stdout.write(
            f"Enrolled {len(run.enrolled)}; no place for "
            f"{sum(run.demand.values())}; refused {len(run.refused)}."
        )
        for line in run.refused:
            self.stdout.write(f"  {line}")
