from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from workforce.people.staff_import import (
    CREATED,
    UPDATED,
    StaffImportFailed,
    staff_import,
)


class Command(BaseCommand):
    help = (
        "Create or update staff records from a roster (.csv or .xlsx), matched on "
        "employee number. Every row is checked first: any problem imports nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the roster and say what would change; write nothing.",
        )

    def handle(self, *args, file, dry_run, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            report = staff_import(source=file, filename=file.name, dry_run=dry_run)
        except StaffImportFailed as failure:
            for problem in failure.problems:
                self.stderr.write(f"  {problem}")
            raise CommandError(
                f"{len(failure.problems)} problem(s) found: nothing was imported."
            ) from failure
        suffix = " (dry run: nothing was written)" if dry_run else ""
        self.stdout.write(self.style.SUCCESS(f"{report}{suffix}"))
        if dry_run:
            for outcome in (CREATED, UPDATED):
                for number in report.outcomes[outcome]:
                    self.stdout.write(f"  {outcome}: {number}")
