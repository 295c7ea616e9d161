"""People benchmark: "which team was each person in on this date" for the
large demo's people over a year of days, and the staff listing at the small
and the large demo, each against a baseline measured in the same run.

    .venv/bin/python tests/bench/bench_people.py [--days 365]

Seeds the demo's people into a scratch SQLite database with the demo's own
generator (``workforce.people.demo``, as ``seed_demo`` does, without the
pages): the small demo (45 people in 5 teams), then the large one (500 more
in 25 more teams, in-house and at three partner agencies, with past moves,
planned moves and people on notice). Prints:

- seeding: the time each size takes (bulk writes);
- team on date: ``team_on_date`` (one query for everyone) per day over the
  year before today, against asking person by person (one query each), on
  the same days;
- staff listing: the admin's staff index as a Manager, time and SQL queries
  at the small demo and at the large one.
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.bench.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from deskbook.core.bootstrap import bootstrap_site  # noqa: E402
from deskbook.core.demo import ensure_demo_users  # noqa: E402
from tests.bench.machine import machine_line  # noqa: E402
from workforce.people.demo import seed_teams_and_staff  # noqa: E402
from workforce.people.models import Staff, TeamMembership  # noqa: E402
from workforce.people.selectors import team_on_date  # noqa: E402

STAFF_INDEX = "/admin/workforce/staff/"


def seed(size: str) -> float:
    started = time.perf_counter()
    with transaction.atomic():
        seed_teams_and_staff(size=size, log=lambda line: None)
    return time.perf_counter() - started


def one_by_one(staff_ids: list[int], day: datetime.date) -> dict[int, int]:
    """The baseline: each person's team asked for on its own."""
    found = {}
    for pk in staff_ids:
        membership = TeamMembership.objects.on(day).filter(staff_id=pk).first()
        if membership is not None:
            found[pk] = membership.team_id
    return found


def per_day_ms(run, days) -> list[float]:
    samples = []
    for day in days:
        started = time.perf_counter()
        run(day)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def listing(client: Client, repeats: int) -> tuple[float, int]:
    client.get(STAFF_INDEX)  # warm
    timings = []
    for _ in range(repeats):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(STAFF_INDEX)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(timings), len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--baseline-days", type=int, default=30)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print(machine_line())
    call_command("migrate", verbosity=0)
    bootstrap_site()
    ensure_demo_users()

    client = Client()
    client.force_login(get_user_model().objects.get(username="manager"))

    small_s = seed("small")
    small_people = Staff.objects.count()
    few_ms, few_queries = listing(client, args.repeats)
    large_s = seed("large")
    staff_ids = list(Staff.objects.values_list("pk", flat=True))
    print(f"Seeded the small demo's people ({small_people}) in {small_s:.2f}s")
    print(
        f"Seeded the large demo's people ({len(staff_ids)}, "
        f"{TeamMembership.objects.count()} team memberships) in {large_s:.2f}s more"
    )
    many_ms, many_queries = listing(client, args.repeats)

    today = timezone.localdate()
    days = [today - datetime.timedelta(days=n) for n in range(args.days)][::-1]
    baseline_days = days[:: max(1, len(days) // args.baseline_days)][
        : args.baseline_days
    ]
    ours = per_day_ms(lambda day: team_on_date(staff_ids, day), days)
    ours_sample = per_day_ms(lambda day: team_on_date(staff_ids, day), baseline_days)
    baseline = per_day_ms(lambda day: one_by_one(staff_ids, day), baseline_days)
    # Both ways must give the same answer.
    for day in baseline_days[:3]:
        assert {k: v.pk for k, v in team_on_date(staff_ids, day).items()} == (
            one_by_one(staff_ids, day)
        )

    def line(name, samples):
        return (
            f"  {name:<34}{statistics.median(samples):>9.2f}"
            f"{sorted(samples)[int(0.95 * (len(samples) - 1))]:>9.2f}"
            f"{sum(samples) / 1000:>9.2f}"
        )

    print(f"\nTeam on date, {len(staff_ids)} people  (ms per day: p50, p95; total s)")
    print(line(f"team_on_date, {len(days)} days", ours))
    print(line(f"team_on_date, {len(baseline_days)} days", ours_sample))
    print(line(f"one by one, {len(baseline_days)} days", baseline))
    ratio = statistics.median(baseline) / statistics.median(ours_sample)
    print(f"  one query for everyone is {ratio:.0f}x faster than one each")

    print("\nStaff listing as a Manager  (median ms, SQL queries)")
    print(f"  {f'{small_people} people':<34}{few_ms:>9.1f}{few_queries:>9}")
    print(f"  {f'{len(staff_ids)} people':<34}{many_ms:>9.1f}{many_queries:>9}")
    flat = few_queries == many_queries
    print(f"  time ratio {many_ms / few_ms:.2f}x; queries flat: {flat}")


if __name__ == "__main__":
    main()
