"""Import clock events from a dialer or badge log (CSV or XLSX): every row
checked first, then all or nothing."""

import datetime
import io
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from django.db import transaction
from django.utils import timezone

from workforce.people.rosters import EXTENSIONS, RosterUnreadable, column_key
from workforce.people.staff_import import RowProblem

from ..models import ClockEvent
from .clock_events import (
    ClockEventIn,
    ClockEventsReport,
    clock_events_record,
    staff_by_key,
)

# Each column and the headings that name it in the logs met so far.
COLUMNS = {
    "staff_id": ("staff_id", "employee_number", "agent_id", "dialer_agent_id"),
    "kind": ("kind", "event", "state"),
    "timestamp": ("timestamp", "at", "time"),
    "external_id": ("external_id", "event_id"),
}
REQUIRED = ("staff_id", "kind", "timestamp")
KINDS = {
    **{kind: kind for kind in ClockEvent.Kind.values},
    **{column_key(label): kind for kind, label in ClockEvent.Kind.choices},
    "in": ClockEvent.Kind.CLOCK_IN,
    "out": ClockEvent.Kind.CLOCK_OUT,
    "ready": ClockEvent.Kind.AVAILABLE,
    "notready": ClockEvent.Kind.NOT_READY,
}
LOCAL_FORMATS = ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S")
BATCH = 5000


class ClockImportFailed(Exception):
    """Nothing was imported; ``problems`` lists everything to fix."""

    def __init__(self, problems: list[RowProblem], unknown_staff=()):
        super().__init__(f"{len(problems)} problem(s); nothing was imported")
        self.problems = problems
        self.unknown_staff = sorted(unknown_staff)


def import_clock_events(
    *,
    source: Path | BinaryIO,
    filename: str,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ClockEventsReport:
    """Record the events of a log with columns ``staff_id`` (employee number
    or dialer agent id), ``kind`` and ``timestamp`` (with a time zone, or in
    the agency's local time), optionally ``external_id``.

    Every row is checked first; any problem (an unknown person among them)
    raises ``ClockImportFailed`` and writes nothing. Events already recorded
    are counted, not written again. ``progress(done, total)`` follows the
    writing.
    """
    try:
        rows = read_log(source, filename)
    except RosterUnreadable as error:
        raise ClockImportFailed([RowProblem(str(error))]) from error
    columns, rows = rows
    problems = header_problems(columns, rows, REQUIRED)
    if problems:
        raise ClockImportFailed(problems)
    people = staff_by_key(str(cells.get("staff_id", "")) for _, cells in rows)
    events: list[ClockEventIn] = []
    unknown = set()
    zone = timezone.get_default_timezone()
    for number, cells in rows:
        before = len(problems)
        key = str(cells.get("staff_id", "")).strip()
        if not key:
            problems.append(RowProblem("empty", number, "staff_id"))
        elif key not in people:
            unknown.add(key)
            problems.append(
                RowProblem(f"nobody has the id {key!r}", number, "staff_id")
            )
        kind = KINDS.get(column_key(cells.get("kind", "")).replace("-", "_"))
        if kind is None:
            problems.append(
                RowProblem(
                    f"not a kind of event: {cells.get('kind', '')!r} (clock_in, "
                    "clock_out, available or not_ready)",
                    number,
                    "kind",
                )
            )
        try:
            at = _moment(cells.get("timestamp", ""), zone)
        except ValueError as error:
            problems.append(RowProblem(str(error), number, "timestamp"))
        if len(problems) == before:
            external = str(cells.get("external_id", ""))
            events.append(ClockEventIn(key, kind, at, external))
    if problems:
        raise ClockImportFailed(problems, unknown)
    if dry_run:
        with transaction.atomic():
            report = _write(events, progress)
            transaction.set_rollback(True)
        return report
    with transaction.atomic():
        return _write(events, progress)


def _write(events, progress) -> ClockEventsReport:
    report = ClockEventsReport()
    for offset in range(0, len(events), BATCH):
        part = clock_events_record(
            events=events[offset : offset + BATCH], source=ClockEvent.Source.IMPORT
        )
        report.new += part.new
        report.duplicate += part.duplicate
        if progress:
            progress(min(offset + BATCH, len(events)), len(events))
    return report


def header_problems(columns, rows, required) -> list[RowProblem]:
    """A required column missing, or no rows at all."""
    problems = [
        RowProblem(f"missing column: {column}", 1)
        for column in required
        if column not in columns
    ]
    if not problems and not rows:
        problems.append(RowProblem("the file has no rows below the header"))
    return problems


def read_log(
    source, filename, columns=COLUMNS
) -> tuple[set[str], list[tuple[int, dict]]]:
    """The columns (by their standard names) and each non-blank row with its
    number as the spreadsheet shows it (the header is row 1). Cells stay
    text, but a spreadsheet's own date-time keeps its time (the roster
    reader keeps only dates)."""
    extension = Path(filename).suffix.lower()
    if extension not in EXTENSIONS:
        raise RosterUnreadable(
            f"{filename!r} cannot be imported: upload a .csv or .xlsx file."
        )
    try:
        # Imported here: pandas is slow to import, and only imports need it.
        import pandas

        data = source.read_bytes() if isinstance(source, Path) else source.read()
        if extension == ".csv":
            frame = pandas.read_csv(
                io.BytesIO(data),
                dtype=str,
                keep_default_na=False,
                skip_blank_lines=False,
                encoding="utf-8-sig",
            )
        else:
            frame = pandas.read_excel(
                io.BytesIO(data), dtype=object, keep_default_na=False, engine="openpyxl"
            )
    except Exception as error:  # pandas raises many kinds for a damaged file
        raise RosterUnreadable(
            f"{filename!r} cannot be read as {extension[1:].upper()}: {error}"
        ) from error
    standard = {alias: name for name, aliases in columns.items() for alias in aliases}
    headings = [column_key(heading) for heading in frame.columns]
    names = [standard.get(heading, heading) for heading in headings]
    rows = []
    for offset, values in enumerate(frame.itertuples(index=False, name=None)):
        cells = {name: _cell(value) for name, value in zip(names, values, strict=True)}
        if any(cells.values()):
            rows.append((offset + 2, cells))
    return set(names), rows


def _cell(value):
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, datetime.datetime):
        return value.to_pydatetime() if hasattr(value, "to_pydatetime") else value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an id typed into a spreadsheet: 1042, not 1042.0
    return str(value).strip()


def _moment(value, zone) -> datetime.datetime:
    """A cell as an aware moment: with its own offset, or in local time."""
    if isinstance(value, datetime.datetime):
        moment = value
    else:
        text = str(value).strip()
        if not text:
            raise ValueError("empty")
        moment = None
        try:
            moment = datetime.datetime.fromisoformat(text)
        except ValueError:
            for local_format in LOCAL_FORMATS:
                try:
                    moment = datetime.datetime.strptime(text, local_format)
                    break
                except ValueError:
                    continue
        if moment is None:
            raise ValueError(
                f"not a date and time: {text!r} (2026-03-02 07:00, with +08:00 or "
                "without for local time)"
            )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, zone)
    return moment
