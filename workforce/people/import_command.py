"""The shape every spreadsheet import command shares: a file, ``--dry-run``,
every problem on stderr and nothing imported, or the report."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class SpreadsheetImportCommand(BaseCommand):
    """Subclasses name the ``failure`` their service raises (with
    ``problems``) and run the service in ``run_import``."""

    failure: type[Exception]

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="check only; write nothing"
        )

    def run_import(self, *, file: Path, dry_run: bool):
        raise NotImplementedError

    def report_failure(self, failure) -> None:
        for problem in failure.problems:
            self.stderr.write(f"  {problem}")

    def handle(self, *args, file, dry_run, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            report = self.run_import(file=file, dry_run=dry_run)
        except self.failure as failure:
            self.report_failure(failure)
            raise CommandError(
                f"{len(failure.problems)} problem(s) found: nothing was imported."
            ) from failure
        suffix = " (dry run: nothing was written)" if dry_run else ""
        self.stdout.write(self.style.SUCCESS(f"{report}{suffix}"))
