from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from workforce.leave.services import AllocationImportFailed, import_allocations


class Command(BaseCommand):
    help = (
        "Create or update leave allocations from a .csv or .xlsx file (columns "
        "employee_number, leave_type, year, granted; optionally carried_over, "
        "carry_over_expires). Every row is checked first: any problem imports "
        "nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="check only; write nothing"
        )

    def handle(self, *args, file, dry_run, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            report = import_allocations(
                source=file, filename=file.name, dry_run=dry_run
            )
        except AllocationImportFailed as failure:
            for problem in failure.problems:
                self.stderr.write(f"  {problem}")
            raise CommandError(
                f"{len(failure.problems)} problem(s) found: nothing was imported."
            ) from failure
        suffix = " (dry run: nothing was written)" if dry_run else ""
        self.stdout.write(self.style.SUCCESS(f"{report}{suffix}"))
