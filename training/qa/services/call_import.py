"""Import a dialer's call log (CSV or XLSX): every row checked first, column
by column, then all or nothing; a call already recorded (by call id) is
updated where the file changed it and left alone where it did not."""

from pathlib import Path
from typing import BinaryIO

import numpy as np
from django.db.models import Q

from workforce.people.models import Staff
from workforce.people.rosters import column_key

from ..models import Call, Direction, Outcome
from .log_import import (
    Checks,
    LogImportFailed,
    LogImportReport,
    Progress,
    dates_for_database,
    header_problems,
    moments_for_database,
    money_for_database,
    read_log,
    time_zone_or_none,
    write_rows,
)

# Each column and the headings that name it in the exports met so far.
COLUMNS = {
    "call_id": ("call_id", "id"),
    "collector": (
        "collector",
        "agent_id",
        "dialer_agent_id",
        "employee_number",
        "staff_id",
    ),
    "account_reference": ("account_reference", "account", "account_ref"),
    "dpd_bucket": ("dpd_bucket", "bucket", "dpd"),
    "debtor_time_zone": ("debtor_time_zone", "time_zone", "timezone"),
    "start": ("start", "started_at", "start_time"),
    "duration_seconds": ("duration_seconds", "duration"),
    "direction": ("direction",),
    "outcome": ("outcome", "disposition"),
    "promised_amount": ("promised_amount", "ptp_amount"),
    "promised_date": ("promised_date", "promised_on", "ptp_date"),
    "recording_reference": ("recording_reference", "recording"),
    "balance": ("balance", "outstanding_balance", "os_balance"),
}
REQUIRED = (
    "call_id",
    "collector",
    "account_reference",
    "start",
    "duration_seconds",
    "direction",
    "outcome",
)
OUTCOMES = {
    **{value: value for value in Outcome.values},
    **{column_key(label).replace("-", "_"): value for value, label in Outcome.choices},
    "ptp": Outcome.PROMISE_TO_PAY,
    "rpc": Outcome.RIGHT_PARTY_CONTACT,
    "cease": Outcome.CEASE_CONTACT,
    "disputed": Outcome.DISPUTE,
}
DIRECTIONS = {
    "outbound": Direction.OUTBOUND,
    "out": Direction.OUTBOUND,
    "inbound": Direction.INBOUND,
    "in": Direction.INBOUND,
}
INSERTED = (
    "call_id",
    "collector_id",
    "account_reference",
    "dpd_bucket",
    "debtor_time_zone",
    "started_at",
    "duration_seconds",
    "direction",
    "outcome",
    "promised_amount",
    "promised_on",
    "recording_reference",
    "balance",
)
# The days a changed call touches: the day it started and its promised date.
DAY_COLUMNS = ("started_at", "promised_on")


def _key(value: str) -> str:
    return column_key(value).replace("-", "_")


def collectors_by_key(keys) -> dict[str, int]:
    """Staff ids by employee number or dialer agent id, in one query."""
    keys = {key for key in keys if key}
    found: dict[str, int] = {}
    rows = Staff.objects.filter(
        Q(employee_number__in=keys) | Q(dialer_agent_id__in=keys)
    ).values_list("pk", "employee_number", "dialer_agent_id")
    for pk, number, agent_id in rows:
        for key in (number, agent_id):
            if key in keys:
                found[key] = pk
    return found


def import_calls(
    *,
    source: Path | BinaryIO,
    filename: str,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> LogImportReport:
    """Record the calls of a dialer export (columns in ``COLUMNS``).

    ``LogImportFailed`` with every problem, row by row, writes nothing: an
    unknown collector (listed in ``unknown_collectors``), an account
    reference that looks like personal data, an unreadable cell. A call whose
    call id is already recorded is updated if the file changed it, else
    counted and left alone.
    ``progress(done, total)`` follows the writing.
    """
    frame, present = read_log(source, filename, COLUMNS)
    problems = header_problems(frame, present, REQUIRED)
    if problems:
        raise LogImportFailed(problems)
    checks = Checks(frame)
    for column in REQUIRED:
        checks.required(column)
    for column, length in (
        ("call_id", 64),
        ("account_reference", 64),
        ("dpd_bucket", 40),
        ("recording_reference", 200),
    ):
        checks.longest(column, length)
    checks.unique("call_id")
    checks.pseudonymous("account_reference")

    people = collectors_by_key(frame["collector"].unique())
    collector_ids = frame["collector"].map(people)
    unknown = (frame["collector"] != "") & collector_ids.isna()
    checks.flag(unknown, "collector", lambda key: f"nobody has the id {key!r}")
    unknown_collectors = set(frame["collector"][unknown].unique())

    zones = checks.mapped(
        "debtor_time_zone",
        time_zone_or_none,
        lambda value: f"not a time zone: {value!r} (an IANA name: Asia/Jakarta)",
    )
    direction = checks.mapped(
        "direction",
        lambda value: DIRECTIONS.get(_key(value)),
        lambda value: f"not a direction: {value!r} (outbound or inbound)",
    )
    outcome = checks.mapped(
        "outcome",
        lambda value: OUTCOMES.get(_key(value)),
        lambda value: f"not an outcome: {value!r} ({', '.join(Outcome.values)})",
    )
    started = checks.moment("start")
    duration = checks.number("duration_seconds", integer=True)
    amount = checks.number("promised_amount", positive=True)
    promised_on = checks.date("promised_date")
    balance = checks.number("balance")
    promise = (outcome == Outcome.PROMISE_TO_PAY).to_numpy()
    for column in ("promised_amount", "promised_date"):
        checks.flag(
            promise & (frame[column] == "").to_numpy(),
            column,
            "a promise to pay needs its amount and date",
        )
    if checks.problems:
        raise LogImportFailed(checks.problems, unknown_collectors)

    amounts, balances = money_for_database(amount), money_for_database(balance)
    rows = list(
        zip(
            frame["call_id"].tolist(),
            collector_ids.astype(np.int64).tolist(),
            frame["account_reference"].tolist(),
            frame["dpd_bucket"].tolist(),
            zones.fillna("").tolist(),
            moments_for_database(started),
            duration.astype(np.int64).tolist(),
            direction.tolist(),
            outcome.tolist(),
            amounts,
            dates_for_database(promised_on),
            frame["recording_reference"].tolist(),
            balances,
            strict=True,
        )
    )
    new, updated = write_rows(
        model=Call,
        columns=INSERTED,
        conflict="call_id",
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
        noun="calls",
    )
