from workforce.attendance.services import ForecastImportFailed, inbound_forecast_import
from workforce.people.import_command import SpreadsheetImportCommand


class Command(SpreadsheetImportCommand):
    help = (
        "Import an inbound call forecast, .csv or .xlsx (columns team: slug or "
        "name, day, interval_start: agency time on the half hour, calls, "
        "aht_seconds). Every row is checked first: any problem imports nothing. "
        "A team's interval already forecast is replaced."
    )
    failure = ForecastImportFailed

    def run_import(self, *, file, dry_run):
        return inbound_forecast_import(source=file, filename=file.name, dry_run=dry_run)
