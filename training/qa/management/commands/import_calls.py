from training.qa.services import LogImportFailed, import_calls
from workforce.people.import_command import SpreadsheetImportCommand

from ._progress import LogImportCommand


class Command(LogImportCommand, SpreadsheetImportCommand):
    help = (
        "Record the calls of a dialer export, .csv or .xlsx (columns call_id, "
        "collector: dialer agent id or employee number, account_reference, "
        "dpd_bucket, debtor_time_zone, start, duration_seconds, direction, "
        "outcome, promised_amount, promised_date, recording_reference). Every "
        "row is checked first: any problem, an unknown collector among them, "
        "imports nothing. A call already recorded is updated where the file "
        "changed it."
    )
    failure = LogImportFailed
    noun = "calls"

    def run_import(self, *, file, dry_run):
        return import_calls(
            source=file, filename=file.name, dry_run=dry_run, progress=self.progress
        )
