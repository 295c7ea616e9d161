"""KPI benchmark: the daily fact build over a million calls, the monthly
KPIs of everyone, a collector's page and the leaderboard.

    .venv/bin/python tests/bench/bench_kpis.py --size large   # 500 × 1,000,000
    .venv/bin/python tests/bench/bench_kpis.py --size small   # 50 × 100,000

Builds a scratch SQLite database (``tests/bench/settings.py``), 25 teams
of collectors with their memberships, and generates the calls (90 days,
outcomes and promises as a dialer's log) and payments on promised accounts
with numpy, written with bulk inserts. Prints, each measured in this run:

Each stage has a monthly collection target for every month of the calls,
so the build spreads targets over every collector-day too, and the
scorecards include *collected vs target*. Wall time is printed with the
process's CPU time beside it (the machine is shared).

- baseline: a bare ``GROUP BY`` collector and agency-local day over the calls
  (the least any fact build must do);
- fact build: ``facts_rebuild_all`` (target ≤ 30 s), with its ratio to the
  baseline;
- monthly KPIs for everyone: every collector's composite for the busiest
  month, as the leaderboard computes them (target ≤ 5 s);
- the collector page (target ≤ 300 ms, its query count) and the leaderboard
  page (target ≤ 500 ms), median of 5 requests after a warm-up.
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.bench.settings")

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.db.models.functions import TruncDate  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from deskbook.core.vocabulary import CollectionStage  # noqa: E402
from tests.bench.machine import machine_line  # noqa: E402
from training.kpis.models import (  # noqa: E402
    CollectionTarget,
    CollectorDay,
    KpiDefinition,
)
from training.kpis.selectors import Month, leaderboard  # noqa: E402
from training.kpis.services import facts_rebuild_all  # noqa: E402
from training.qa.models import Call, Payment  # noqa: E402
from workforce.people.models import Staff, Team, TeamMembership  # noqa: E402

SIZES = {"small": (50, 100_000), "large": (500, 1_000_000)}
FIRST = datetime.date(2026, 1, 1)
DAYS = 90
TEAMS = 25
OUTCOMES = np.array(
    [
        "no_answer",
        "busy",
        "third_party",
        "right_party_contact",
        "promise_to_pay",
        "refused",
        "callback",
    ]
)
SHARES = [0.45, 0.1, 0.08, 0.16, 0.1, 0.06, 0.05]
BATCH = 20_000


def build_people(collectors: int) -> list[int]:
    stages = [CollectionStage.PRE, CollectionStage.EARLY, CollectionStage.LATE]
    Team.objects.bulk_create(
        Team(name=f"Bench team {n}", slug=f"bench-team-{n}", stage=stages[n % 3])
        for n in range(TEAMS)
    )
    teams = list(Team.objects.order_by("pk").values_list("pk", flat=True))
    Staff.objects.bulk_create(
        Staff(
            employee_number=f"K{n:05d}",
            last_name=f"Collector {n}",
            job_title=Staff.JobTitle.DESK_COLLECTOR,
            hired_on=datetime.date(2025, 6, 1),
        )
        for n in range(collectors)
    )
    people = list(Staff.objects.order_by("pk").values_list("pk", flat=True))
    TeamMembership.objects.bulk_create(
        TeamMembership(
            staff_id=pk, team_id=teams[n % TEAMS], valid_from=datetime.date(2025, 6, 1)
        )
        for n, pk in enumerate(people)
    )
    for stage in stages:
        for order, (measure, target) in enumerate(
            [
                ("rpc_rate", 30),
                ("ptp_rate", 40),
                ("ptp_kept_rate", 70),
                ("collected_vs_target", 100),
            ]
        ):
            KpiDefinition.objects.create(
                name=measure,
                measure=measure,
                target=Decimal(target),
                stage=stage,
                order=order,
            )
    CollectionTarget.objects.bulk_create(
        CollectionTarget(stage=stage, month=datetime.date(2026, month, 1), amount=8000)
        for stage in stages
        for month in (1, 2, 3, 4)
    )
    return people


def insert(table: str, columns: list[str], rows) -> None:
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608
    # One transaction: SQLite in autocommit would sync the file once a row.
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


def build_calls(people: list[int], count: int) -> None:
    random = np.random.default_rng(22)
    start = np.datetime64(f"{FIRST.isoformat()}T00:00:00")
    # Working hours on the agency's clock (UTC+8): 00:00–13:00 UTC.
    seconds = random.integers(0, DAYS, count) * 86400 + random.integers(
        0, 13 * 3600, count
    )
    started = start + seconds.astype("timedelta64[s]")
    outcome = OUTCOMES[random.choice(len(OUTCOMES), count, p=SHARES)]
    promise = outcome == "promise_to_pay"
    accounts = np.char.add("ACC-", random.integers(0, 100_000, count).astype(str))
    amounts = random.integers(50, 2000, count)
    due = started.astype("datetime64[D]") + 7
    collectors = np.array(people)[random.integers(0, len(people), count)]
    direction = np.where(random.random(count) < 0.9, "outbound", "inbound")
    durations = random.integers(0, 600, count)
    stamps = np.datetime_as_string(started, unit="s")
    due_text = np.datetime_as_string(due, unit="D")
    rows = [
        (
            f"K{n}",
            int(collectors[n]),
            accounts[n],
            "",
            "",
            f"{stamps[n]}+00:00"
            if connection.vendor != "sqlite"
            else f"{stamps[n].replace('T', ' ')}",
            int(durations[n]),
            direction[n],
            outcome[n],
            str(amounts[n]) if promise[n] else None,
            due_text[n] if promise[n] else None,
            "",
        )
        for n in range(count)
    ]
    insert(
        "qa_call",
        [
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
        ],
        rows,
    )
    # Two in three promises paid, in full or in part, around their date.
    paying = np.flatnonzero(promise & (random.random(count) < 0.66))
    shift = random.integers(-3, 6, len(paying))
    share = np.where(random.random(len(paying)) < 0.8, 1.0, 0.5)
    payments = [
        (
            f"P{i}",
            accounts[n],
            f"{amounts[n] * share[i]:.2f}",
            str(due[n] + int(shift[i])),
        )
        for i, n in enumerate(paying)
    ]
    insert(
        "qa_payment",
        ["payment_id", "account_reference", "amount", "paid_on"],
        payments,
    )


CPU = {"last": 0.0}


def timed(function):
    """Wall seconds and the result; the CPU seconds go to ``CPU["last"]``."""
    began, cpu = time.perf_counter(), time.process_time()
    result = function()
    CPU["last"] = time.process_time() - cpu
    return time.perf_counter() - began, result


def cpu() -> str:
    return f"(CPU {CPU['last']:.2f} s)"


def page_ms(client: Client, url: str) -> tuple[float, int]:
    """Median wall milliseconds of 5 requests after a warm-up, and the
    queries of one; the median CPU milliseconds go to ``CPU["last"]``."""
    client.get(url)
    times, cpu_times = [], []
    for _ in range(5):
        with CaptureQueriesContext(connection) as captured:
            began, cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - began) * 1000)
            cpu_times.append(time.process_time() - cpu)
        assert response.status_code == 200, response.status_code
    CPU["last"] = statistics.median(cpu_times)
    return statistics.median(times), len(captured)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=SIZES, default="large")
    parser.add_argument(
        "--pages-only",
        action="store_true",
        help="time only the monthly KPIs and the pages, on the facts already "
        "in DESKBOOK_BENCH_DIR's database (from an earlier run)",
    )
    arguments = parser.parse_args()
    collectors, calls = SIZES[arguments.size]
    print(machine_line())
    call_command("migrate", verbosity=0)
    if arguments.pages_only:
        if not CollectorDay.objects.exists():
            sys.exit("--pages-only: no facts here; set DESKBOOK_BENCH_DIR to a run's")
        time_pages()
        return
    began = time.perf_counter()
    people = build_people(collectors)
    build_calls(people, calls)
    print(
        f"data: {collectors} collectors in {TEAMS} teams, {Call.objects.count():,} "
        f"calls, {Payment.objects.count():,} payments over {DAYS} days, "
        f"generated in {time.perf_counter() - began:.1f} s"
    )
    zone = timezone.get_default_timezone()
    baseline, groups = timed(
        lambda: len(
            Call.objects.order_by()
            .annotate(day=TruncDate("started_at", tzinfo=zone))
            .values("collector_id", "day")
            .annotate(calls=Count("pk"))
        )
    )
    print(
        f"baseline: GROUP BY collector, local day: {baseline:.2f} s {cpu()} "
        f"({groups:,} groups)"
    )

    now = timezone.make_aware(datetime.datetime(2026, 4, 15, 9))
    took, build = timed(lambda: facts_rebuild_all(now=now))
    print(
        f"fact rebuild: {took:.2f} s {cpu()}, {build.rows:,} rows over "
        f"{build.days} days; "
        f"{took / baseline:.1f}x the baseline -> {verdict(took <= 30)} (target <= 30 s)"
    )

    time_pages()


def time_pages():
    manager = get_user_model().objects.filter(username="bench-boss").first()
    manager = manager or get_user_model().objects.create_superuser(
        "bench-boss", "", "x"
    )
    month = Month(datetime.date(2026, 2, 1))
    took, rows = timed(lambda: leaderboard(viewer=manager, month=month))
    print(
        f"monthly KPIs for everyone ({len(rows)} collector-teams, February): "
        f"{took:.2f} s {cpu()} -> {verdict(took <= 5)} (target <= 5 s)"
    )

    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    client.force_login(manager)
    collector = CollectorDay.objects.values_list("collector_id", flat=True).first()
    page, queries = page_ms(
        client, reverse("kpis:collector", args=[collector]) + "?month=2026-03"
    )
    print(
        f"collector page: {page:.0f} ms (CPU {CPU['last'] * 1000:.0f} ms), "
        f"{queries} queries -> "
        f"{verdict(page <= 300)} (target <= 300 ms)"
    )
    page, queries = page_ms(client, reverse("kpis:leaderboard") + "?month=2026-02")
    print(
        f"leaderboard page: {page:.0f} ms (CPU {CPU['last'] * 1000:.0f} ms), "
        f"{queries} queries -> "
        f"{verdict(page <= 500)} (target <= 500 ms)"
    )


if __name__ == "__main__":
    main()
