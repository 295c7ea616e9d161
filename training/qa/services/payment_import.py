"""Import payments from the core collection system (CSV or XLSX): every row
checked first, then all or nothing; payments already recorded (by payment
id) are updated where the file changed them, else left as they are."""

from pathlib import Path
from typing import BinaryIO

from ..models import Payment
from .log_import import (
    Checks,
    LogImportFailed,
    LogImportReport,
    Progress,
    dates_for_database,
    header_problems,
    read_log,
    write_rows,
)

COLUMNS = {
    "payment_id": ("payment_id", "id", "transaction_id"),
    "account_reference": ("account_reference", "account", "account_ref"),
    "amount": ("amount",),
    "date": ("date", "paid_on", "payment_date"),
}
REQUIRED = tuple(COLUMNS)
COLUMNS_WRITTEN = ("payment_id", "account_reference", "amount", "paid_on")
# The day a changed payment touches (the promises on its account follow).
DAY_COLUMNS = ("paid_on",)


def import_payments(
    *,
    source: Path | BinaryIO,
    filename: str,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> LogImportReport:
    """Record payments (``payment_id``, ``account_reference``, ``amount``,
    ``date``); they keep or break the promises on their account. Any problem
    raises ``LogImportFailed`` and writes nothing."""
    frame, present = read_log(source, filename, COLUMNS)
    problems = header_problems(frame, present, REQUIRED)
    if problems:
        raise LogImportFailed(problems)
    checks = Checks(frame)
    for column in REQUIRED:
        checks.required(column)
    checks.longest("payment_id", 64)
    checks.longest("account_reference", 64)
    checks.unique("payment_id")
    checks.pseudonymous("account_reference")
    amount = checks.number("amount", positive=True)
    paid_on = checks.date("date")
    if checks.problems:
        raise LogImportFailed(checks.problems)
    rows = list(
        zip(
            frame["payment_id"].tolist(),
            frame["account_reference"].tolist(),
            [f"{value:.2f}" for value in amount.tolist()],
            dates_for_database(paid_on),
            strict=True,
        )
    )
    new, updated = write_rows(
        model=Payment,
        columns=COLUMNS_WRITTEN,
        conflict="payment_id",
        rows=rows,
        day_columns=DAY_COLUMNS,
        dry_run=dry_run,
        progress=progress,
    )
    return LogImportReport(
        rows=len(rows),
        new=new,
        updated=updated,
        duplicate=len(rows) - new - updated,
        noun="payments",
    )
