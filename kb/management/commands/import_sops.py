from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kb.services.sop_import import (
    CREATED,
    MOVED,
    UNCHANGED,
    UPDATED,
    SOPImportFailed,
    sop_import,
)


class Command(BaseCommand):
    help = (
        "Create or update SOP pages from Markdown files with YAML front matter. "
        "All files are checked first: any problem imports nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the files and say what would change; write nothing.",
        )
        parser.add_argument(
            "--minor",
            action="store_true",
            help="Changed text does not ask the audience to acknowledge again.",
        )

    def handle(self, *args, folder, dry_run, minor, **options):
        try:
            report = sop_import(
                folder=folder, dry_run=dry_run, minor=minor, progress=self.progress
            )
        except SOPImportFailed as failure:
            for problem in failure.problems:
                self.stderr.write(f"  {problem}")
            raise CommandError(
                f"{len(failure.problems)} problem(s) found: nothing was imported."
            ) from failure
        verb = "would be" if dry_run else "were"
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.count(CREATED)} SOP(s) {verb} created, "
                f"{report.count(UPDATED)} updated, {report.count(MOVED)} moved, "
                f"{report.count(UNCHANGED)} unchanged."
            )
        )
        if dry_run:
            for outcome in (CREATED, UPDATED, MOVED):
                for slug in report.outcomes[outcome]:
                    self.stdout.write(f"  {outcome}: {slug}")

    def progress(self, done: int, total: int):
        if total >= 50 and (done % 25 == 0 or done == total):
            self.stdout.write(f"  published {done}/{total}")
