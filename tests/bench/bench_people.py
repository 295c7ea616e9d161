"""People benchmark: "which team was each person in on this date" for 500
people over a year of days, and the staff listing with 500 people, each against
a baseline measured in the same run.

    .venv/bin/python tests/bench/bench_people.py [--staff 500] [--teams 25] [--days 365]

Builds its own floor in a scratch SQLite database: teams run in-house and by
three partner agencies, every person hired before the year starts, a third of
them moved once during it. Prints:

- team on date: ``team_on_date`` (one query for everyone) per day, against
  asking person by person (one query each), on the same days;
- staff listing: the admin's staff index as a Manager, time and SQL queries
  with 50 people and with all of them.
"""

import argparse
import datetime
import os
import random
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
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from deskbook.core.bootstrap import bootstrap_site  # noqa: E402
from deskbook.core.roles import MANAGER  # noqa: E402
from deskbook.core.vocabulary import CollectionStage  # noqa: E402
from tests.bench.machine import machine_line  # noqa: E402
from workforce.people.models import (  # noqa: E402
    Channel,
    PartnerAgency,
    Staff,
    Team,
    TeamMembership,
)
from workforce.people.selectors import team_on_date  # noqa: E402

YEAR_START = datetime.date(2025, 1, 1)
STAFF_INDEX = "/admin/workforce/staff/"


def build_teams(team_count: int) -> list[Team]:
    partners = [
        PartnerAgency.objects.create(name=f"Partner {letter}") for letter in "ABC"
    ]
    return [
        Team.objects.create(
            name=f"Team {number:02d}",
            slug=f"team-{number:02d}",
            channel=Channel.DESK if number % 5 else Channel.FIELD,
            stage=list(CollectionStage)[number % 3],
            partner=partners[number % 3] if number % 4 == 0 else None,
        )
        for number in range(team_count)
    ]


def add_people(count: int, teams: list[Team], rng: random.Random) -> list[int]:
    """``count`` people hired before the year, a third of them moved once in it."""
    start = Staff.objects.count()
    people = Staff.objects.bulk_create(
        Staff(
            employee_number=f"E{number:05d}",
            first_name=f"Person{number}",
            last_name="Bench",
            job_title=Staff.JobTitle.DESK_COLLECTOR,
            hired_on=YEAR_START - datetime.timedelta(days=30 + number % 300),
        )
        for number in range(start, start + count)
    )
    memberships = []
    for person in people:
        first = rng.choice(teams)
        if rng.random() < 1 / 3:
            moved_on = YEAR_START + datetime.timedelta(days=rng.randrange(1, 364))
            second = rng.choice([team for team in teams if team != first])
            memberships += [
                TeamMembership(
                    staff=person,
                    team=first,
                    valid_from=person.hired_on,
                    valid_to=moved_on - datetime.timedelta(days=1),
                ),
                TeamMembership(staff=person, team=second, valid_from=moved_on),
            ]
        else:
            memberships.append(
                TeamMembership(staff=person, team=first, valid_from=person.hired_on)
            )
    TeamMembership.objects.bulk_create(memberships)
    return [person.pk for person in people]


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
    parser.add_argument("--staff", type=int, default=500)
    parser.add_argument("--teams", type=int, default=25)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--baseline-days", type=int, default=30)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print(machine_line())
    call_command("migrate", verbosity=0)
    bootstrap_site()
    rng = random.Random(20260301)

    manager = get_user_model().objects.create_user("bench-manager", password="x")
    manager.groups.add(manager.groups.model.objects.get(name=MANAGER))
    client = Client()
    client.force_login(manager)

    started = time.perf_counter()
    teams = build_teams(args.teams)
    staff_ids = add_people(50, teams, rng)
    few_ms, few_queries = listing(client, args.repeats)
    staff_ids += add_people(args.staff - 50, teams, rng)
    print(
        f"Built {len(staff_ids)} people in {args.teams} teams "
        f"({time.perf_counter() - started:.1f}s)"
    )
    many_ms, many_queries = listing(client, args.repeats)

    days = [YEAR_START + datetime.timedelta(days=n) for n in range(args.days)]
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
    print(f"  {'50 people':<34}{few_ms:>9.1f}{few_queries:>9}")
    print(f"  {f'{len(staff_ids)} people':<34}{many_ms:>9.1f}{many_queries:>9}")
    flat = few_queries == many_queries
    print(f"  time ratio {many_ms / few_ms:.2f}x; queries flat: {flat}")


if __name__ == "__main__":
    main()
