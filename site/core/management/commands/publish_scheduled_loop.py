"""Run Wagtail's ``publish_scheduled`` every minute until stopped.

Pages and snippets with a go-live time are published, and those past their
expiry time unpublished, only when ``publish_scheduled`` runs. ``bin/run``
starts this beside the web server; a deployment runs it as one more process
(or calls ``publish_scheduled`` from cron every minute). Running it in several
places at once is safe: each run publishes what is due and nothing twice.
"""

import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Publish and expire scheduled pages every --interval seconds, until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=60, help="seconds")
        parser.add_argument(
            "--rounds", type=int, default=0, help="stop after this many (0: never)"
        )

    def handle(self, *args, interval: int, rounds: int, **options):
        done = 0
        while True:
            try:
                call_command("publish_scheduled")
            except Exception:  # keep the schedule running through a bad minute
                logger.exception("Scheduled publishing failed; trying again later")
            done += 1
            if rounds and done >= rounds:
                return
            # A long-running process: do not hold a connection the database
            # may have dropped while it sleeps.
            close_old_connections()
            time.sleep(max(1, interval))
