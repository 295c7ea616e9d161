"""Import an inbound call forecast (CSV or XLSX): every row checked first,
then all or nothing. A row for a team's interval already forecast replaces it."""

import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import BinaryIO

from django.db import transaction

from workforce.people.models import Team
from workforce.people.rosters import RosterUnreadable, roster_date
from workforce.people.staff_import import RowProblem

from ..models import InboundForecast
from .clock_import import header_problems, read_log

COLUMNS = {
    "team": ("team", "team_slug", "team_name"),
    "day": ("day", "date"),
    "interval_start": ("interval_start", "interval", "start", "time"),
    "calls": ("calls", "offered", "call_count"),
    "aht_seconds": ("aht_seconds", "aht", "handle_seconds"),
}
REQUIRED = tuple(COLUMNS)


class ForecastImportFailed(Exception):
    """Nothing was imported; ``problems`` lists everything to fix."""

    def __init__(self, problems: list[RowProblem]):
        super().__init__(f"{len(problems)} problem(s); nothing was imported")
        self.problems = problems


class ForecastImportReport:
    def __init__(self, new=0, replaced=0):
        self.new, self.replaced = new, replaced

    def __str__(self):
        return f"{self.new} new, {self.replaced} replaced"


def inbound_forecast_import(
    *, source: Path | BinaryIO, filename: str, dry_run: bool = False
) -> ForecastImportReport:
    """Write the forecast rows of a file with columns ``team`` (slug or name),
    ``day``, ``interval_start`` (agency time, on the half hour), ``calls`` and
    ``aht_seconds``. Any problem raises ``ForecastImportFailed`` and writes
    nothing."""
    try:
        columns, rows = read_log(source, filename, COLUMNS)
    except RosterUnreadable as error:
        raise ForecastImportFailed([RowProblem(str(error))]) from error
    problems = header_problems(columns, rows, REQUIRED)
    if problems:
        raise ForecastImportFailed(problems)
    teams = {}
    for team in Team.objects.all():
        teams[team.slug.lower()] = team
        teams[team.name.lower()] = team
    found: dict[tuple, InboundForecast] = {}
    for number, cells in rows:
        row = _row(number, cells, teams, problems)
        if row is None:
            continue
        key = (row.team_id, row.day, row.interval_start)
        if key in found:
            problems.append(
                RowProblem("the same team and interval twice", number, "interval_start")
            )
        found[key] = row
    if problems:
        raise ForecastImportFailed(problems)
    with transaction.atomic():
        report = _write(list(found.values()))
        if dry_run:
            transaction.set_rollback(True)
    return report


def _row(number, cells, teams, problems) -> InboundForecast | None:
    before = len(problems)
    team = teams.get(str(cells.get("team", "")).strip().lower())
    if team is None:
        problems.append(
            RowProblem(f"no team {cells.get('team', '')!r}", number, "team")
        )
    day_cell = cells.get("day", "")
    if isinstance(day_cell, datetime.datetime):
        day_cell = day_cell.date()
    try:
        day = roster_date(day_cell)
    except ValueError as error:
        problems.append(RowProblem(str(error), number, "day"))
    start = _time(cells.get("interval_start", ""))
    if start is None:
        problems.append(
            RowProblem(
                "not a half-hour start:"
                f" {cells.get('interval_start', '')!r} (e.g. 08:30)",
                number,
                "interval_start",
            )
        )
    calls = _number(cells.get("calls", ""))
    if calls is None or calls < 0 or calls >= Decimal("10000000"):
        problems.append(
            RowProblem(
                f"not a number of calls: {cells.get('calls', '')!r}", number, "calls"
            )
        )
    aht = _number(cells.get("aht_seconds", ""))
    if aht is None or aht < 1 or aht != aht.to_integral_value() or aht > 86400:
        problems.append(
            RowProblem(
                f"not a whole number of seconds: {cells.get('aht_seconds', '')!r}",
                number,
                "aht_seconds",
            )
        )
    if len(problems) > before:
        return None
    return InboundForecast(
        team=team,
        day=day,
        interval_start=start,
        calls=calls.quantize(Decimal("0.1")),
        aht_seconds=int(aht),
    )


def _time(value) -> datetime.time | None:
    if isinstance(value, datetime.datetime):
        value = value.time()
    if isinstance(value, datetime.time):
        found = value
    else:
        try:
            found = datetime.time.fromisoformat(str(value).strip())
        except ValueError:
            return None
    if found.minute not in (0, 30) or found.second or found.microsecond:
        return None
    return found.replace(tzinfo=None)


def _number(value) -> Decimal | None:
    try:
        found = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return found if found.is_finite() else None


def _write(rows: list[InboundForecast]) -> ForecastImportReport:
    report = ForecastImportReport()
    existing = {
        (f.team_id, f.day, f.interval_start): f
        for f in InboundForecast.objects.filter(
            team_id__in={r.team_id for r in rows}, day__in={r.day for r in rows}
        )
    }
    for row in rows:
        old = existing.get((row.team_id, row.day, row.interval_start))
        if old is not None:
            old.calls, old.aht_seconds = row.calls, row.aht_seconds
            old.full_clean()
            old.save(update_fields=["calls", "aht_seconds"])
            report.replaced += 1
        else:
            row.full_clean()
            row.save()
            report.new += 1
    return report
