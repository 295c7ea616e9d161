"""What the call-log and payment imports share: reading a large CSV or XLSX
into text columns, checking a column at once (each distinct value once), and
writing the rows through a staging table in one statement that adds the new
rows, updates the changed ones and leaves the rest alone.

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

from workforce.people.rosters import EXTENSIONS, column_key
from workforce.people.staff_import import RowProblem

from ..models import LogChange
from .pseudonyms import personal_data_kinds

BATCH = 50_000
REBUILD_INDEXES_FROM = 100_000
LOCAL_FORMATS = ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S")
DATE_FORMATS = ("%d/%m/%Y",)
# Bytes of a CSV by kind, to find a cell that starts or ends with a blank: 1
# a blank (the last byte of a no-break space among them), 2 a delimiter, a
# quote or a line end.
BLANKS = b" \t\v\f\xa0"
_BYTE_KIND = np.zeros(256, dtype=np.uint8)
_BYTE_KIND[list(BLANKS)] = 1
_BYTE_KIND[list(b',"\r\n')] = 2
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
    updated: int = 0
    duplicate: int = 0  # already recorded as they are
    noun: str = "rows"
    extra: list[str] = field(default_factory=list)

    def __str__(self):
        return (
            f"{self.rows} {self.noun}: {self.new} new, {self.updated} updated, "
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
        lengths = np.strings.str_len(_as_strings(self.frame[column]))
        self.flag(lengths > length, column, f"longer than {length} characters")

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

        values = self.frame[column]
        lookup = personal_data_kinds(values.unique().tolist())
        if not lookup:
            return
        self.flag(
            values.isin(list(lookup)).to_numpy(),
            column,
            lambda value: (
                f"{value!r} looks like personal data ({lookup[value]}): "
                "the call log keeps pseudonymous account references only"
            ),
        )

    def number(self, column: str, *, integer=False, positive=False) -> pd.Series:
        values = self.frame[column]
        numbers = pd.Series(_each_distinct(values, _numbers), index=values.index)
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
        # An offset is in the last six characters: match each distinct tail once.
        tails = pd.Series(
            np.strings.slice(_as_strings(values), -6, None).astype(object),
            index=values.index,
        )
        with_offset = pd.Series(
            _each_distinct(tails, _with_offset).astype(bool), index=values.index
        )
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
    # Spreadsheet cells come stripped; a CSV needs stripping only if some cell
    # starts or ends with a blank, which one scan of the bytes tells.
    padded = extension == ".csv" and has_padded_cell(data)
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
        if name not in frame:
            frame[name] = ""
        elif padded:
            frame[name] = _stripped(frame[name])
    frame = frame[list(columns)]
    return frame[(frame != "").any(axis=1)], present


def _each_distinct(values: pd.Series, parse: Callable) -> np.ndarray:
    """``parse`` (of an array of distinct values) applied to each row: a
    column has far fewer distinct values than rows."""
    codes, distinct = pd.factorize(values)
    return np.asarray(parse(np.asarray(distinct, dtype=object)))[codes]


def _numbers(distinct: np.ndarray) -> np.ndarray:
    text = pd.Series(distinct)
    return pd.to_numeric(text.where(text != ""), errors="coerce").to_numpy(float)


def _with_offset(distinct: np.ndarray) -> np.ndarray:
    return np.array([WITH_OFFSET.search(tail) is not None for tail in distinct])


def has_padded_cell(data: bytes) -> bool:
    """Whether some cell of a CSV may start or end with a blank: a blank byte
    next to a delimiter, a quote, a line end or an end of the file (one pass
    of numpy over the bytes; it may say yes for a no-break space inside a
    quoted cell, which only costs a strip)."""
    if not any(bytes([blank]) in data for blank in BLANKS):
        return False
    kinds = _BYTE_KIND[np.frombuffer(data, dtype=np.uint8)]
    if kinds[0] == 1 or kinds[-1] == 1:
        return True
    pairs = kinds[:-1] * 3 + kinds[1:]  # 5: blank, delimiter; 7: delimiter, blank
    return bool(np.any((pairs == 5) | (pairs == 7)))


def _as_strings(values: pd.Series) -> np.ndarray:
    """A text column as numpy's variable-width strings: its string functions
    run in C, not a Python call per cell."""
    return values.to_numpy(dtype=object).astype(np.dtypes.StringDType())


def _stripped(values: pd.Series) -> pd.Series:
    return pd.Series(
        np.strings.strip(_as_strings(values)).astype(object), index=values.index
    )


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


def money_for_database(numbers: pd.Series) -> list:
    """Amounts to the cent as text (the driver's Decimal is slower), None
    where blank."""
    return [None if value != value else f"{value:.2f}" for value in numbers.tolist()]


def dates_for_database(dates: pd.Series) -> list:
    text = np.datetime_as_string(dates.to_numpy("datetime64[D]"), unit="D")
    return [None if value == "NaT" else value for value in text.tolist()]


def write_rows(
    *,
    model,
    columns: Sequence[str],
    conflict: str,
    rows: list[tuple],
    day_columns: Sequence[str],
    dry_run: bool,
    progress: Progress | None,
) -> tuple[int, int]:
    """Write ``rows``, keyed on their ``conflict`` column: new keys added, rows
    that differ from the recorded one updated, the same rows left alone.
    Before the update, the days of ``day_columns`` (a moment's agency-local
    day) of every row it changes, old and new, are recorded as ``LogChange``
    rows with the account. Returns (new, updated).

    The rows go first into a temporary table of this connection (PostgreSQL:
    ``COPY``; SQLite: ``executemany`` on the driver's cursor), outside any
    transaction, so ``progress(done, total)`` is visible to others as it
    goes; then one ``INSERT … SELECT … ON CONFLICT DO UPDATE`` merges them in
    a transaction (rolled back on a dry run)."""
    quote = connection.ops.quote_name
    table, stage = quote(model._meta.db_table), quote(f"{model._meta.db_table}_stage")
    names = ", ".join(quote(column) for column in columns)
    if progress:
        progress(0, len(rows))
    with connection.cursor() as cursor:
        # Names from the model's own table and fields; values go as parameters.
        cursor.execute(f"DROP TABLE IF EXISTS {stage}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {stage} AS "  # noqa: S608
            f"SELECT {names} FROM {table} WHERE 1 = 0"
        )
        try:
            _stage(cursor, stage, names, len(columns), rows, progress)
            with transaction.atomic():
                _record_changes(cursor, model, columns, conflict, stage, day_columns)
                new, changed = _merge(cursor, model, columns, conflict, stage, rows)
                if dry_run:
                    transaction.set_rollback(True)
        finally:
            cursor.execute(f"DROP TABLE IF EXISTS {stage}")
    return new, changed - new


def _stage(cursor, stage, names, width, rows, progress) -> None:
    for offset in range(0, len(rows), BATCH):
        batch = rows[offset : offset + BATCH]
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {stage} ({names}) FROM STDIN") as copy:
                for row in batch:
                    copy.write_row(row)
        else:
            # The driver's own cursor: Django's wrapper adds nothing per row
            # but a parameter style it has to rewrite.
            cursor.cursor.executemany(
                f"INSERT INTO {stage} VALUES ({', '.join(['?'] * width)})",  # noqa: S608
                batch,
            )
        if progress:
            progress(min(offset + BATCH, len(rows)), len(rows))


def _differs() -> str:
    return "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"


def _record_changes(cursor, model, columns, conflict, stage, day_columns) -> None:
    """One ``INSERT … SELECT``: the staged rows joined to the recorded ones
    they change (the merge's own test of a differing column), each giving
    the old and the new day of every ``day_columns`` with its account, once
    each. A row the file leaves as it is, or adds, gives nothing."""
    ops = connection.ops
    quote = ops.quote_name
    table = quote(model._meta.db_table)
    account = quote("account_reference")
    zone = timezone.get_default_timezone_name()
    differs = " OR ".join(
        f"old.{quote(column)} {_differs()} new.{quote(column)}"
        for column in columns
        if column != conflict
    )
    picked = [f"old.{account} AS old_account", f"new.{account} AS new_account"]
    days, params = [], []
    for index, column in enumerate(day_columns):
        for side in ("old", "new"):
            name = f"{side}_{index}"
            picked.append(f"{side}.{quote(column)} AS {name}")
            day, day_params = name, ()
            if model._meta.get_field(column).get_internal_type() == "DateTimeField":
                day, day_params = ops.datetime_cast_date_sql(name, (), zone)
            days.append(
                f"SELECT {day} AS day, {side}_account AS account FROM changed"  # noqa: S608
            )
            params.extend(day_params)
    sql = (
        f"WITH changed AS (SELECT {', '.join(picked)} "  # noqa: S608
        f"FROM {stage} AS new JOIN {table} AS old "
        f"ON old.{quote(conflict)} = new.{quote(conflict)} WHERE {differs}) "
        f"INSERT INTO {quote(LogChange._meta.db_table)} (day, account_reference) "
        f"SELECT DISTINCT day, account FROM ({' UNION ALL '.join(days)}) AS days "
        "WHERE day IS NOT NULL"
    )
    cursor.execute(sql, params)


def _merge(cursor, model, columns, conflict, stage, rows) -> tuple[int, int]:
    """The staged rows into the table; (rows added, rows added or changed)."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(column) for column in columns)
    differs = _differs()
    updated = [quote(column) for column in columns if column != conflict]
    # "WHERE true": SQLite's parser needs it between a SELECT and ON CONFLICT.
    sql = (
        f"INSERT INTO {table} ({names}) SELECT {names} FROM {stage} "  # noqa: S608
        f"WHERE true ON CONFLICT ({quote(conflict)}) DO UPDATE SET "
        + ", ".join(f"{column} = excluded.{column}" for column in updated)
        + " WHERE "
        + " OR ".join(
            f"{table}.{column} {differs} excluded.{column}" for column in updated
        )
    )
    before = model.objects.count()
    # SQLite, a load of at least twice the table: its secondary indexes are
    # dropped and built again after, as one sort each, which is several times
    # faster than updating them a row at a time in random order. Inside the
    # transaction, so a failure restores them; the site's SQLite runs in WAL
    # mode, where readers keep reading the last committed table, indexes and
    # all, until the commit. PostgreSQL keeps them: dropping one would lock
    # every reader out of the table until the commit.
    rebuild = connection.vendor == "sqlite" and len(rows) >= max(
        REBUILD_INDEXES_FROM, 2 * before
    )
    editor = connection.schema_editor(collect_sql=True)  # for the SQL only
    editor.deferred_sql = []
    if connection.vendor == "sqlite":
        # A page cache of 256 MB for this connection: the indexes of a large
        # table are written in random order.
        cursor.execute("PRAGMA cache_size = -262144")
    if rebuild:
        for index in model._meta.indexes:
            cursor.execute(str(index.remove_sql(model, editor)))
    cursor.execute(sql)
    changed = cursor.rowcount
    if rebuild:
        for index in model._meta.indexes:
            cursor.execute(str(index.create_sql(model, editor)))
    return model.objects.count() - before, changed
