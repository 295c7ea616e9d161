from workforce.attendance.services import ClockImportFailed, import_clock_events
from workforce.people.import_command import SpreadsheetImportCommand


class Command(SpreadsheetImportCommand):
    help = (
        "Record clock events from a dialer or badge log, .csv or .xlsx (columns "
        "staff_id: employee number or dialer agent id, kind: clock_in, clock_out, "
        "available or not_ready, timestamp: with a time zone or in local time; "
        "optionally external_id). Every row is checked first: any problem, an "
        "unknown person among them, imports nothing. Events already recorded "
        "are counted, not written again."
    )
    failure = ClockImportFailed

    def run_import(self, *, file, dry_run):
        return import_clock_events(
            source=file, filename=file.name, dry_run=dry_run, progress=self.progress
        )

    def progress(self, done: int, total: int) -> None:
        self.stdout.write(f"\r  {done} of {total} events", ending="")
        if done == total:
            self.stdout.write("")

    def report_failure(self, failure):
        super().report_failure(failure)
        if failure.unknown_staff:
            self.stderr.write(f"Unknown staff ids: {', '.join(failure.unknown_staff)}")
