"""People on notice whose last working day has passed are marked as left."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from workforce.people.services import leavers_mark


class Command(BaseCommand):
    help = "Mark people whose last working day has passed as left; end their sign-in."

    def handle(self, *args, **options):
        count = leavers_mark(today=timezone.localdate())
        self.stdout.write(f"{count} left")
