from workforce.leave.services import AllocationImportFailed, import_allocations
from workforce.people.import_command import SpreadsheetImportCommand


class Command(SpreadsheetImportCommand):
    help = (
        "Create or update leave allocations from a .csv or .xlsx file (columns "
        "employee_number, leave_type, year, granted; optionally carried_over, "
        "carry_over_expires). Every row is checked first: any problem imports "
        "nothing."
    )
    failure = AllocationImportFailed

    def run_import(self, *, file, dry_run):
        return import_allocations(source=file, filename=file.name, dry_run=dry_run)
