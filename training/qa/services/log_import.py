"""What the call-log and payment imports share: reading a large CSV or XLSX
into text columns, checking a column at once (each distinct value once), and
writing the rows in large batches that skip what is already recorded.

Every check is set-based: a column is parsed in one pandas operation and a
problem is a mask over the rows, so a million rows are checked in seconds.
"""

import datetime
import io
import re
import zoneinfo
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd
from django.db import connection, transaction
from django.utils import timezone

from deskbook.personal_data.detection import KINDS, find_pii
from workforce.people.rosters import EXTENSIONS, column_key
from workforce.people.staff_import import RowProblem

BATCH = 50_000
LOCAL_FORMATS = ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S")
DATE_FORMATS = ("%d/%m/%Y",)
WITH_OFFSET = re.compile(r"(?:Z|[+-]\d\d:?\d\d)$")
Progress = Callable[[int, int], None]


class LogImportFailed(Exception):
    """Nothing was imported; ``problems`` lists everything to fix, by row."""

    def __init__(self, problems: list[RowProblem], unknown_collectors=()):
        super().__init__(f"{len(problems)} problem(s); nothing was imported")
        self.problems = sorted(problems, key=lambda p: (p.row or 0, p.column or ""))
        self.unknown_collectors = sorted(unknown_collectors)


@dataclass
class LogImportReport:
    rows: int = 0
    new: int = 0
    duplicate: int = 0
    noun: str = "rows"
    extra: list[str] = field(default_factory=list)

    def __str__(self):
        return (
            f"{self.rows} {self.noun}: {self.new} new, "
            f"{self.duplicate} already recorded"
        )


class Checks:
    """Problems found over a frame's columns, by row."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame
        self.rows = frame.index.to_numpy() + 2  # the header is row 1
        self.problems: list[RowProblem] = []

    def flag(self, mask, column: str, message: str | Callable[[str], str]) -> None:
        """A problem on every row of ``mask``; ``message`` may be a function of
        the cell."""
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        values = self.frame[column].to_numpy()[mask] if column in self.frame else None
        for index, row in enumerate(self.rows[mask]):
            text = message(values[index]) if callable(message) else message
            self.problems.append(RowProblem(text, int(row), column))

    def required(self, column: str) -> pd.Series:
        values = self.frame[column]
        self.flag(values == "", column, "empty")
        return values

    def longest(self, column: str, length: int) -> None:
        values = self.frame[column]
        self.flag(values.str.len() > length, column, f"longer than {length} characters")

    def mapped(self, column: str, mapping: Callable, message) -> pd.Series:
        """Each distinct value through ``mapping`` once; ``None`` is a problem."""
        values = self.frame[column]
        distinct = values.unique()
        lookup = {value: mapping(value) for value in distinct}
        result = values.map(lookup)
        self.flag((values != "") & result.isna(), column, message)
        return result

    def unique(self, column: str) -> None:
        values = self.frame[column]
        repeated = values.duplicated(keep=False) & (values != "")
        self.flag(repeated, column, lambda value: f"{value!r} appears more than once")

    def pseudonymous(self, column: str) -> None:
        """An account reference the personal-data detector flags is refused."""

        def kind(value):
            findings = find_pii(value)
            return KINDS[findings[0].kind][0].lower() if findings else ""

        values = self.frame[column]
        lookup = {value: kind(value) for value in values.unique()}
        kinds = values.map(lookup)
        self.flag(
            kinds != "",
            column,
            lambda value: (
                f"{value!r} looks like personal data ({lookup[value]}): "
                "the call log keeps pseudonymous account references only"
            ),
        )

    def number(self, column: str, *, integer=False, positive=False) -> pd.Series:
        values = self.frame[column]
        numbers = pd.to_numeric(values.where(values != ""), errors="coerce")
        bad = (values != "") & (
            numbers.isna()
            | (numbers <= 0 if positive else numbers < 0)
            | ((numbers % 1 != 0) if integer else False)
        )
        kind = "a whole number" if integer else "a number"
        floor = "above 0" if positive else "0 or more"
        self.flag(bad, column, lambda value: f"not {kind} {floor}: {value!r}")
        return numbers.where(~bad)

    def date(self, column: str) -> pd.Series:
        values = self.frame[column]
        dates = pd.to_datetime(
            values.where(values != ""), format="ISO8601", errors="coerce"
        )
        for date_format in DATE_FORMATS:
            missing = dates.isna() & (values != "")
            if missing.any():
                dates[missing] = pd.to_datetime(
                    values[missing], format=date_format, errors="coerce"
                )
        bad = dates.isna() & (values != "")
        self.flag(bad, column, lambda value: f"not a date: {value!r} (2026-03-31)")
        return dates

    def moment(self, column: str) -> pd.Series:
        """Aware UTC moments: an offset in the cell, or the agency's local time."""
        values = self.frame[column]
        with_offset = values.str.contains(WITH_OFFSET)
        moments = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns, UTC]")
        if with_offset.any():
            moments[with_offset] = pd.to_datetime(
                values[with_offset], format="ISO8601", utc=True, errors="coerce"
            )
        local = ~with_offset & (values != "")
        if local.any():
            naive = pd.to_datetime(values[local], format="ISO8601", errors="coerce")
            for local_format in LOCAL_FORMATS:
                missing = naive.isna()
                if missing.any():
                    naive[missing] = pd.to_datetime(
                        values[local][missing], format=local_format, errors="coerce"
                    )
            zone = timezone.get_default_timezone_name()
            moments[local] = naive.dt.tz_localize(
                zone, ambiguous="NaT", nonexistent="NaT"
            ).dt.tz_convert("UTC")
        bad = moments.isna() & (values != "")
        self.flag(
            bad,
            column,
            lambda value: (
                f"not a date and time: {value!r} (2026-03-02 07:00 in the "
                "agency's time, or with its offset: 2026-03-02T07:00+08:00)"
            ),
        )
        return moments


def read_log(
    source: Path | BinaryIO, filename: str, columns: dict[str, tuple[str, ...]]
) -> tuple[pd.DataFrame, set[str]]:
    """Every non-blank row of the file as stripped text, under the standard
    column names (absent ones empty), and the names the file has; the index
    keeps each row's place (row = index + 2).
    ``LogImportFailed`` when the file cannot be read."""
    extension = Path(filename).suffix.lower()
    if extension not in EXTENSIONS:
        message = f"{filename!r} cannot be imported: upload a .csv or .xlsx file."
        raise LogImportFailed([RowProblem(message)])
    data = source.read_bytes() if isinstance(source, Path) else source.read()
    try:
        if extension == ".csv":
            frame = pd.read_csv(
                io.BytesIO(data),
                dtype=str,
                keep_default_na=False,
                skip_blank_lines=False,
                encoding="utf-8-sig",
            )
        else:
            frame = pd.read_excel(
                io.BytesIO(data), dtype=object, keep_default_na=False, engine="openpyxl"
            )
            frame = frame.map(_cell_text)
    except Exception as error:  # pandas raises many kinds for a damaged file
        message = f"{filename!r} cannot be read as {extension[1:].upper()}: {error}"
        raise LogImportFailed([RowProblem(message)]) from error
    standard = {alias: name for name, aliases in columns.items() for alias in aliases}
    frame.columns = [standard.get(column_key(h), column_key(h)) for h in frame.columns]
    frame = frame.loc[:, ~frame.columns.duplicated()]
    present = set(frame.columns)
    for name in columns:
        if name in frame:
            frame[name] = frame[name].str.strip()
        else:
            frame[name] = ""
    frame = frame[list(columns)]
    return frame[(frame != "").any(axis=1)], present


def header_problems(frame: pd.DataFrame, raw_columns, required) -> list[RowProblem]:
    problems = [
        RowProblem(f"missing column: {column}", 1)
        for column in required
        if column not in raw_columns
    ]
    if not problems and frame.empty:
        problems.append(RowProblem("the file has no rows below the header"))
    return problems


def _cell_text(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an id typed into a spreadsheet: 1042, not 1042.0
    return str(value).strip()


def time_zone_or_none(name: str) -> str | None:
    return name if name in _zones() else None


def _zones() -> set[str]:
    global _ZONES
    if _ZONES is None:
        _ZONES = zoneinfo.available_timezones()
    return _ZONES


_ZONES: set[str] | None = None


def moments_for_database(moments: pd.Series) -> list:
    """UTC moments as the database backend stores them, to the second: text
    in SQLite's form, with the offset for others (one vectorised pass)."""
    naive = moments.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy("datetime64[s]")
    text = np.datetime_as_string(naive, unit="s")
    if connection.vendor == "sqlite":
        return np.char.replace(text, "T", " ").tolist()
    return [f"{value}+00:00" for value in text.tolist()]


def dates_for_database(dates: pd.Series) -> list:
    text = np.datetime_as_string(dates.to_numpy("datetime64[D]"), unit="D")
    return [None if value == "NaT" else value for value in text.tolist()]


def write_rows(
    *,
    model,
    columns: Sequence[str],
    conflict: str,
    rows: list[tuple],
    dry_run: bool,
    progress: Progress | None,
) -> tuple[int, int]:
    """Insert ``rows`` in batches, skipping those whose ``conflict`` column is
    already recorded; all in one transaction (rolled back on a dry run).
    Returns (new, already recorded)."""
    quote = connection.ops.quote_name
    # Names from the model's own table and fields; the values go as parameters.
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} "  # noqa: S608
        f"({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))}) "
        f"ON CONFLICT ({quote(conflict)}) DO NOTHING"
    )
    with transaction.atomic():
        before = model.objects.count()
        with connection.cursor() as cursor:
            for offset in range(0, len(rows), BATCH):
                cursor.executemany(sql, rows[offset : offset + BATCH])
                if progress:
                    progress(min(offset + BATCH, len(rows)), len(rows))
        new = model.objects.count() - before
        if dry_run:
            transaction.set_rollback(True)
    return new, len(rows) - new
