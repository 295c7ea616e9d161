"""Attendance benchmark: a month of clock events for 500 agents imported
through the real import path against a bare pandas-to-database load of the
same rows measured in the same run; the month's attendance derived for
every team; the three attendance reports rendered.

    .venv/bin/python tests/bench/bench_attendance.py [--staff 500] [--teams 25]

Seeds a scratch SQLite database (``tests/bench/settings.py``): the floor of
``bench_scheduling`` (people in teams), and every person on a split shift
(07:00–11:00 and 12:00–16:00) each of the 30 days from 1 March 2026,
published: 30,000 shifts at 500 agents (``--patterns`` plans the month by
the teams' early, late and night patterns instead, about 11,000). Then a
CSV log of each shift's clock-in and clock-out drawn as the demo draws them
(``workforce.attendance.demo.day_events``: mostly a few minutes early, some
late, a few absent, early leavers and forgotten clock-outs). Prints:

- import: ``import_clock_events`` of the CSV (read, every row checked,
  written in one batch) against the baseline, ``pandas.read_csv`` of the
  same file, its times parsed and people looked up, and ``bulk_create`` of
  the rows; wall and CPU seconds, the ratio (target ≤ 3×, and ≤ 5 s);
- deriving: ``teams_attendance`` of the month for every team (target ≤ 5 s),
  its queries, and the statuses it found;
- reports: each report for the month as a manager, median ms and queries.
"""

import argparse
import csv
import datetime
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.bench.settings")

import django  # noqa: E402

django.setup()

import pandas as pd  # noqa: E402
import time_machine  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from deskbook.core.bootstrap import bootstrap_site  # noqa: E402
from deskbook.core.roles import MANAGER  # noqa: E402
from tests.bench.bench_scheduling import (  # noqa: E402
    FIRST,
    LAST,
    build_floor,
    counting_queries,
    plan_month,
)
from tests.bench.clocks import Clock  # noqa: E402
from tests.bench.machine import machine_line  # noqa: E402
from workforce.attendance import calculations as calc  # noqa: E402
from workforce.attendance.demo import day_events  # noqa: E402
from workforce.attendance.demo_staffing import seed_staffing_inputs  # noqa: E402
from workforce.attendance.models import ClockEvent  # noqa: E402
from workforce.attendance.selectors import teams_attendance  # noqa: E402
from workforce.attendance.services import import_clock_events  # noqa: E402
from workforce.people.models import Staff, TeamMembership  # noqa: E402
from workforce.scheduling.models import Shift, ShiftType  # noqa: E402

TARGET_IMPORT_S = 5.0
TARGET_RATIO = 3.0
TARGET_DERIVE_S = 5.0
REPORTS = ["summary", "lateness", "absence"]
TARGET_BOARD_MS = 300
DAYS = 30


def at(day: datetime.date, hour: int, zone) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), zone)


def split_shifts(teams) -> None:
    """Two published shifts a day for everyone, 30 days from ``FIRST``."""
    zone = timezone.get_default_timezone()
    early = ShiftType.objects.get(code="E")
    rows = []
    for staff_id, team_id in TeamMembership.objects.values_list("staff_id", "team_id"):
        for offset in range(DAYS):
            day = FIRST + datetime.timedelta(days=offset)
            for start, end in ((7, 11), (12, 16)):
                rows.append(
                    Shift(
                        team_id=team_id,
                        staff_id=staff_id,
                        shift_type=early,
                        day=day,
                        start=datetime.datetime.combine(
                            day, datetime.time(start), zone
                        ),
                        end=datetime.datetime.combine(day, datetime.time(end), zone),
                        status=Shift.Status.PUBLISHED,
                    )
                )
    Shift.objects.bulk_create(rows, batch_size=2000)


def write_log(path: Path) -> int:
    """The month's clock as a CSV log in the agency's time; its rows."""
    numbers = dict(Staff.objects.values_list("pk", "employee_number"))
    zone = timezone.get_default_timezone()
    rows = 0
    with path.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["staff_id", "kind", "timestamp"])
        for staff_id, day, start, end in Shift.objects.order_by(
            "day", "staff_id"
        ).values_list("staff_id", "day", "start", "end"):
            key = numbers[staff_id]
            # Each shift drawn on its own: the morning's and the
            # afternoon's of a split day are two draws.
            for kind, at in day_events(
                f"{key}{start:%H}", day, [calc.Span(start, end)]
            ):
                local = at.astimezone(zone)
                out.writerow([key, kind, f"{local:%Y-%m-%d %H:%M}"])
                rows += 1
    return rows


def bare_load(path: Path) -> Clock:
    """pandas' read, the times made UTC, the people looked up, and
    ``bulk_create``: the least an import of these rows can do."""
    with Clock() as clock:
        frame = pd.read_csv(path, dtype=str)
        at = pd.to_datetime(frame["timestamp"], format="%Y-%m-%d %H:%M")
        at = at.dt.tz_localize(timezone.get_default_timezone()).dt.tz_convert("UTC")
        ids = dict(Staff.objects.values_list("employee_number", "pk"))
        ClockEvent.objects.bulk_create(
            [
                ClockEvent(staff_id=ids[key], kind=kind, at=moment, source="import")
                for key, kind, moment in zip(
                    frame["staff_id"], frame["kind"], at.dt.to_pydatetime(), strict=True
                )
            ],
            batch_size=2000,
        )
    return clock


def real_import(path: Path) -> tuple[Clock, str, int]:
    with counting_queries() as captured, Clock() as clock:
        report = import_clock_events(source=path, filename=path.name)
    return clock, str(report), len(captured)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, default=500)
    parser.add_argument("--teams", type=int, default=25)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--patterns", action="store_true")
    args = parser.parse_args()
    print(machine_line())
    call_command("migrate", verbosity=0)
    bootstrap_site()
    manager = get_user_model().objects.create_user("bench-manager", password="x")
    manager.groups.add(manager.groups.model.objects.get(name=MANAGER))

    started = time.perf_counter()
    teams = build_floor(args.staff, args.teams)
    if args.patterns:
        plan_month(teams, manager)
        Shift.objects.update(status=Shift.Status.PUBLISHED)
    else:
        split_shifts(teams)
    shifts = Shift.objects.count()
    log = Path(tempfile.mkdtemp(prefix="deskbook-attendance-")) / "clock.csv"
    rows = write_log(log)
    print(
        f"Built {Staff.objects.count()} people in {len(teams)} teams, {shifts} "
        f"published shifts in {FIRST:%B %Y}, a log of {rows} clock events "
        f"({time.perf_counter() - started:.1f}s)"
    )

    ours, bare = [], []
    for _ in range(args.repeats):
        ClockEvent.objects.all().delete()
        bare.append(bare_load(log))
        ClockEvent.objects.all().delete()
        clock, report, import_queries = real_import(log)
        ours.append(clock)
    import_s = statistics.median(c.wall for c in ours)
    bare_s = statistics.median(c.wall for c in bare)
    ratio = import_s / bare_s
    print(f"\nImporting {rows} clock events from a CSV  (median s: wall, CPU)")
    for label, clocks in (
        ("import_clock_events", ours),
        ("pandas read_csv + bulk_create", bare),
    ):
        wall = statistics.median(c.wall for c in clocks)
        cpu = statistics.median(c.cpu for c in clocks)
        print(f"  {label:<34}{wall:>8.2f}{cpu:>8.2f}")
    print(f"  {report}; {import_queries} SQL queries")
    print(
        f"  ratio {ratio:.2f}x  {verdict(ratio <= TARGET_RATIO)} (≤ {TARGET_RATIO}x); "
        f"{import_s:.2f}s {verdict(import_s <= TARGET_IMPORT_S)} (≤ {TARGET_IMPORT_S}s)"
    )

    teams_list = list(teams)
    derive = []
    for _ in range(args.repeats):
        with counting_queries() as captured, Clock() as clock:
            found = teams_attendance(teams=teams_list, first=FIRST, last=LAST)
        derive.append(clock)
    statuses = Counter(
        day.status for team in found for person in team.people for day in person.days
    )
    derive_s = statistics.median(c.wall for c in derive)
    print(
        f"\nDeriving {FIRST:%B %Y} for {len(teams_list)} teams: "
        f"{sum(statuses.values())} person-days, {len(captured)} SQL queries"
    )
    print(
        f"  {derive_s:.2f}s wall, {statistics.median(c.cpu for c in derive):.2f}s "
        f"CPU  {verdict(derive_s <= TARGET_DERIVE_S)} (≤ {TARGET_DERIVE_S}s)"
    )
    print("  " + ", ".join(f"{n} {s}" for s, n in statuses.most_common()))

    client = Client()
    client.force_login(manager)
    print("\nThe reports for the month, as a manager  (median ms, SQL queries)")
    for name in REPORTS:
        url = f"/admin/reports/attendance/{name}/?month={FIRST:%Y-%m}"
        times = []
        for _ in range(args.repeats):
            with counting_queries() as captured:
                began = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200, response.status_code
        print(f"  {name:<34}{statistics.median(times):>8.0f}{len(captured):>6}")

    board(client, teams_list, args.repeats)


def board(client, teams, repeats: int) -> None:
    """The intraday board of the largest team at 10:30 on the month's 10th,
    its clock events in, with the demo's portfolio and inbound forecast."""
    team = max(teams, key=lambda t: t.memberships.count())
    moment = datetime.datetime.combine(
        FIRST.replace(day=10),
        datetime.time(10, 30),
        tzinfo=timezone.get_current_timezone(),
    )
    with time_machine.travel(moment, tick=False):
        seed_staffing_inputs(size="small", log=lambda *_: None)
        url = f"/admin/workforce/intraday/?team={team.pk}"
        client.get(url)  # warm
        times = []
        for _ in range(repeats):
            with counting_queries() as captured:
                began = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200, response.status_code
    median = statistics.median(times)
    print(
        f"\nThe intraday board of {team.name} ({team.memberships.count()} people) "
        f"at {moment:%d %b %H:%M}, as a manager"
    )
    print(
        f"  {median:.0f} ms, {len(captured)} SQL queries  "
        f"{verdict(median <= TARGET_BOARD_MS)} (≤ {TARGET_BOARD_MS} ms)"
    )


if __name__ == "__main__":
    main()
