"""Call-log benchmark: a million-row dialer export imported through the real
import path against a bare pandas-to-database load of the same file measured
in the same run; then the contact rules over a month of those calls.

    .venv/bin/python tests/bench/bench_calls.py [--rows 1000000] [--collectors 500]

Builds a scratch SQLite database (``tests/bench/settings.py``) with the
collectors, writes a CSV of ``--rows`` calls over three months (numpy, a
fixed seed: 100,000 accounts, outcomes, zones, promises), and prints:

- baseline: ``pandas.read_csv`` of the file and ``DataFrame.to_sql`` of the
  same rows, in one transaction, into a bare table with no index or
  constraint;
- import: ``import_calls`` of the file (read, every column checked, each
  collector looked up, the account references through the personal-data
  detector, staged in a temporary table and merged into the indexed table
  with ``ON CONFLICT DO UPDATE``), wall seconds and the ratio (targets: ≤ 30 s and
  ≤ 3× the baseline);
- re-import: the same file again (every call already recorded, none
  updated);
- re-import with 1% of the calls changed (half of those moved a day): the
  updates and the days they touched recorded for the KPI build;
- contact rules: ``breaches_by_call`` over the busiest month (target ≤ 5 s).
"""

import argparse
import datetime
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.bench.settings")

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from tests.bench.machine import machine_line  # noqa: E402
from training.qa.demo import demo_balances  # noqa: E402
from training.qa.models import Call  # noqa: E402
from training.qa.services import import_calls  # noqa: E402
from workforce.people.models import Staff  # noqa: E402

FIRST = datetime.date(2026, 1, 1)
DAYS = 90
OUTCOMES = np.array(
    [
        "no_answer",
        "busy",
        "wrong_number",
        "third_party",
        "right_party_contact",
        "promise_to_pay",
        "refused",
        "dispute",
        "cease_contact",
        "paid",
        "callback",
    ]
)
OUTCOME_SHARES = [0.42, 0.1, 0.04, 0.08, 0.14, 0.09, 0.05, 0.01, 0.002, 0.018, 0.05]
ZONES = np.array(["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura", ""])


def build_collectors(count: int) -> list[str]:
    agents = [f"AG{n:05d}" for n in range(count)]
    Staff.objects.bulk_create(
        Staff(
            employee_number=f"B{n:05d}",
            last_name=f"Collector {n}",
            job_title=Staff.JobTitle.DESK_COLLECTOR,
            hired_on=datetime.date(2024, 1, 1),
            dialer_agent_id=agent,
        )
        for n, agent in enumerate(agents)
    )
    return agents


def write_file(path: Path, rows: int, agents: list[str]) -> None:
    random = np.random.default_rng(21)
    start = np.datetime64(FIRST.isoformat() + "T00:00:00")
    # Working hours on the agency's clock (UTC+8): 00:00–13:00 UTC.
    seconds = random.integers(0, DAYS, rows) * 86400 + random.integers(
        0, 13 * 3600, rows
    )
    outcome = OUTCOMES[random.choice(len(OUTCOMES), rows, p=OUTCOME_SHARES)]
    promise = outcome == "promise_to_pay"
    started = start + seconds.astype("timedelta64[s]")
    accounts = np.char.add("ACC-", random.integers(0, 100_000, rows).astype(str))
    buckets = random.integers(0, 3, rows)
    frame = pd.DataFrame(
        {
            "call_id": np.char.add("C", np.arange(rows).astype(str)),
            "agent_id": np.array(agents)[random.integers(0, len(agents), rows)],
            "account_reference": accounts,
            "dpd_bucket": np.array(["1-30", "31-60", "61-90"])[buckets],
            "debtor_time_zone": ZONES[random.integers(0, len(ZONES), rows)],
            "start": np.char.add(np.datetime_as_string(started, unit="s"), "Z"),
            "duration_seconds": random.integers(0, 600, rows),
            "direction": np.where(random.random(rows) < 0.9, "outbound", "inbound"),
            "outcome": outcome,
            "promised_amount": np.where(
                promise, (random.integers(50, 5000, rows)).astype(str), ""
            ),
            "promised_date": np.where(
                promise,
                np.datetime_as_string(started.astype("datetime64[D]") + 7, unit="D"),
                "",
            ),
            "recording_reference": np.char.add("rec/", np.arange(rows).astype(str)),
            # The demo's balances: skewed, larger in later buckets.
            "outstanding_balance": demo_balances(pd.Series(accounts), buckets),
        }
    )
    frame.to_csv(path, index=False)


def write_changed(path: Path, changed: Path) -> None:
    """The file with every 100th call's duration changed and every 200th
    call moved a day later: an update touching two days each."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    every = frame.index % 100 == 0
    frame.loc[every, "duration_seconds"] = (
        frame.loc[every, "duration_seconds"].astype(int) + 1
    ).astype(str)
    moved = frame.index % 200 == 0
    later = pd.to_datetime(frame.loc[moved, "start"]) + pd.Timedelta(days=1)
    frame.loc[moved, "start"] = later.dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    frame.to_csv(changed, index=False)


def bare_load(path: Path) -> tuple[float, float]:
    began, cpu = time.perf_counter(), time.process_time()
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    # pandas' own sqlite3 connection to the same database file (on Django's,
    # which runs in autocommit, every row is a commit of its own).
    with sqlite3.connect(settings.DATABASES["default"]["NAME"]) as bare:
        frame.to_sql(
            "bench_bare_calls", bare, index=False, if_exists="replace", chunksize=50_000
        )
    bare.close()
    return time.perf_counter() - began, time.process_time() - cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--collectors", type=int, default=500)
    arguments = parser.parse_args()
    print(machine_line())
    call_command("migrate", verbosity=0)
    agents = build_collectors(arguments.collectors)
    folder = Path(tempfile.mkdtemp(prefix="calls-"))
    path = folder / "calls.csv"
    began = time.perf_counter()
    write_file(path, arguments.rows, agents)
    size = path.stat().st_size / 1e6
    print(
        f"file: {arguments.rows:,} calls, {size:.0f} MB, "
        f"written in {time.perf_counter() - began:.1f} s"
    )
    connection.ensure_connection()
    baseline, baseline_cpu = bare_load(path)
    print(
        f"baseline (read_csv + to_sql into a bare table): {baseline:.1f} s "
        f"(CPU {baseline_cpu:.1f} s)"
    )

    began, cpu = time.perf_counter(), time.process_time()
    report = import_calls(source=path, filename=path.name)
    imported, imported_cpu = time.perf_counter() - began, time.process_time() - cpu
    ratio, cpu_ratio = imported / baseline, imported_cpu / baseline_cpu
    ok = imported <= 30 and ratio <= 3
    print(
        f"import_calls: {imported:.1f} s (CPU {imported_cpu:.1f} s; {report}); "
        f"ratio {ratio:.2f}x (CPU {cpu_ratio:.2f}x) "
        f"-> {'PASS' if ok else 'FAIL'} (targets <= 30 s, <= 3x)"
    )
    began, cpu = time.perf_counter(), time.process_time()
    again = import_calls(source=path, filename=path.name)
    print(
        f"re-import: {time.perf_counter() - began:.1f} s "
        f"(CPU {time.process_time() - cpu:.1f} s; {again})"
    )
    assert Call.objects.count() == arguments.rows
    changed = folder / "changed.csv"
    write_changed(path, changed)
    began, cpu = time.perf_counter(), time.process_time()
    report = import_calls(source=changed, filename=changed.name)
    print(
        f"re-import, 1% of calls changed (half of them moved a day): "
        f"{time.perf_counter() - began:.1f} s "
        f"(CPU {time.process_time() - cpu:.1f} s; {report})"
    )

    try:
        from training.qa.selectors import breaches_by_call
    except ImportError:
        return
    month_first = datetime.datetime(2026, 2, 1, tzinfo=datetime.UTC)
    month_last = datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)
    began = time.perf_counter()
    breaches = breaches_by_call(first=month_first, last=month_last)
    took = time.perf_counter() - began
    month = Call.objects.started_between(month_first, month_last).count()
    print(
        f"contact rules over February ({month:,} calls): {took:.2f} s, "
        f"{len(breaches):,} calls in breach -> {'PASS' if took <= 5 else 'FAIL'} "
        "(target <= 5 s)"
    )


if __name__ == "__main__":
    main()
