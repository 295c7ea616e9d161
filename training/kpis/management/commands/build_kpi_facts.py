"""Rebuild the KPI daily facts: a range of days, everything, or (with no
option, as the daily job runs it) yesterday and the days changed since."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from training.kpis.services import (
    facts_rebuild,
    facts_rebuild_all,
    facts_rebuild_changed,
)


class Command(BaseCommand):
    help = (
        "Rebuild the KPI daily facts: --from/--to a range, --all everything, "
        "or with neither yesterday and the days touched by new calls and payments."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="first", type=datetime.date.fromisoformat)
        parser.add_argument("--to", dest="last", type=datetime.date.fromisoformat)
        parser.add_argument("--all", action="store_true")

    def handle(self, *args, first, last, all, **options):
        if all and (first or last):
            raise CommandError("--all rebuilds every day: give it without --from/--to.")
        if all:
            build = facts_rebuild_all()
        elif first or last:
            if not (first and last):
                raise CommandError("Give both --from and --to (YYYY-MM-DD).")
            if last < first:
                raise CommandError(f"--to {last} is before --from {first}.")
            days = [
                first + datetime.timedelta(days=n)
                for n in range((last - first).days + 1)
            ]
            build = facts_rebuild(days=days)
        else:
            build = facts_rebuild_changed()
        self.stdout.write(
            f"KPI facts: {build.days} day(s) rebuilt, {build.rows} row(s)."
        )
