"""Run the site's timed jobs until stopped.

- ``publish_scheduled`` every ``--interval`` seconds (a minute): pages and
  snippets with a go-live time are published, and those past their expiry time
  unpublished, only when it runs;
- ``searchpromotions_garbage_collect`` once a day: the search log forgets
  queries not searched for ``WAGTAILSEARCH_HITS_MAX_AGE`` days, and with them
  their search-gap entries;
- the jobs apps add through the ``deskbook_timed_jobs`` hook (people on notice
  whose last day has passed are marked as left, hourly).

``bin/run`` starts this beside the web server; a deployment runs it as one more
process (or calls each job from cron). Running it in several places at once is
safe: each job does what is due and nothing twice. Every job runs in the first
round.
"""

import io
import logging
import time
from dataclasses import dataclass

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from deskbook.core import hooks

logger = logging.getLogger(__name__)

DAY = 24 * 60 * 60


@dataclass
class Job:
    command: str
    every: float  # seconds
    due: float = 0.0  # monotonic time of the next run

    def run_if_due(self, now: float) -> None:
        if now < self.due:
            return
        self.due = now + self.every
        try:
            # Their progress lines ("Cleaning daily hits records…") are noise here.
            call_command(self.command, stdout=io.StringIO())
        except Exception:  # keep the schedule running through a bad round
            logger.exception("%s failed; trying again later", self.command)


class Command(BaseCommand):
    help = (
        "Run publish_scheduled every --interval seconds and daily jobs, until stopped."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=60, help="seconds")
        parser.add_argument(
            "--rounds", type=int, default=0, help="stop after this many (0: never)"
        )

    def handle(self, *args, interval: int, rounds: int, **options):
        interval = max(1, interval)
        jobs = [
            Job("publish_scheduled", every=interval),
            Job("searchpromotions_garbage_collect", every=DAY),
        ]
        jobs += [
            Job(command, every=every)
            for answer in hooks.run(hooks.TIMED_JOBS)
            for command, every in answer
        ]
        done = 0
        while True:
            now = time.monotonic()
            for job in jobs:
                job.run_if_due(now)
            done += 1
            if rounds and done >= rounds:
                return
            # A long-running process: do not hold a connection the database
            # may have dropped while it sleeps.
            close_old_connections()
            time.sleep(interval)
