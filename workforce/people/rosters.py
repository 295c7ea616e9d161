"""Reading a staff roster (CSV or XLSX) into plain rows of text, numbered as
the spreadsheet shows them."""

import datetime
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    import pandas

EXTENSIONS = (".csv", ".xlsx")
HEADER_ROW = 1
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


class RosterUnreadable(Exception):
    """The file cannot be read as a roster at all; the message says why."""


@dataclass(frozen=True)
class RosterRow:
    number: int  # as the spreadsheet shows it: the header is row 1
    cells: dict[str, str | datetime.date]


@dataclass(frozen=True)
class Roster:
    columns: list[str]
    rows: list[RosterRow]


def column_key(heading) -> str:
    """``"Hired on "`` and ``"hired_on"`` name the same column."""
    return "_".join(str(heading).strip().lower().split())


def read_roster(source: Path | BinaryIO, filename: str) -> Roster:
    """Every non-blank row of the first sheet, each cell as stripped text (or a
    date, where a spreadsheet stored one)."""
    extension = Path(filename).suffix.lower()
    if extension not in EXTENSIONS:
        raise RosterUnreadable(
            f"{filename!r} is not a roster: upload a .csv or .xlsx file."
        )
    try:
        frame = _read_frame(source, extension)
    except Exception as error:  # pandas raises many kinds for a damaged file
        raise RosterUnreadable(
            f"{filename!r} cannot be read as {extension[1:].upper()}: {error}"
        ) from error
    columns = [column_key(heading) for heading in frame.columns]
    rows = []
    for offset, values in enumerate(frame.itertuples(index=False, name=None)):
        cells = dict(zip(columns, (_cell(value) for value in values), strict=True))
        if any(cells.values()):
            rows.append(RosterRow(HEADER_ROW + 1 + offset, cells))
    return Roster(columns, rows)


def _read_frame(source, extension: str) -> "pandas.DataFrame":
    # Imported here: pandas takes about 0.4 s of CPU to import, and every
    # process (each command, web worker and test run) imports this module.
    import pandas

    # pandas wants a seekable file; an upload may not be one.
    data = source.read_bytes() if isinstance(source, Path) else source.read()
    source = io.BytesIO(data)
    if extension == ".csv":
        # Blank lines are kept so that row numbers match the file's lines.
        return pandas.read_csv(
            source,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            encoding="utf-8-sig",
        )
    return pandas.read_excel(
        source, dtype=object, keep_default_na=False, engine="openpyxl"
    )


def _cell(value) -> str | datetime.date:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a number typed into a spreadsheet: 1042, not 1042.0
    return str(value).strip()


def roster_date(value: str | datetime.date) -> datetime.date:
    """A cell as a date: one the spreadsheet stored as a date, or text as
    2026-03-31 or 31/03/2026. ``ValueError`` for anything else."""
    if isinstance(value, datetime.date):
        return value
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, date_format).date()
        except ValueError:
            continue
    raise ValueError(f"not a date: {value!r}")
