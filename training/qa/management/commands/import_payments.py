from training.qa.services import LogImportFailed, import_payments
from workforce.people.import_command import SpreadsheetImportCommand

from ._progress import LogImportCommand


class Command(LogImportCommand, SpreadsheetImportCommand):
    help = (
        "Record payments from the core collection system, .csv or .xlsx (columns "
        "payment_id, account_reference, amount, date). Every row is checked "
        "first: any problem imports nothing. A payment already recorded is "
        "updated where the file changed it."
    )
    failure = LogImportFailed
    noun = "payments"

    def run_import(self, *, file, dry_run):
        return import_payments(
            source=file, filename=file.name, dry_run=dry_run, progress=self.progress
        )
