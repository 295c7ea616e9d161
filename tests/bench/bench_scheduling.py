"""Shift planning benchmark: plan a month from patterns for 500 people in 25
teams against a bare ``bulk_create`` of the same rows measured in the same run,
publish that month, and build a team's month of the plan.

    .venv/bin/python tests/bench/bench_scheduling.py [--staff 500] [--teams 25]

Builds its own floor in a scratch SQLite database: teams of 20 on four kinds
of pattern (earlies, an early and late fortnight, lates, nights crossing
midnight), each person placed at a staggered rotation offset. Prints:

- planning: ``plan_apply_patterns`` for every team for March 2026, against
  ``Shift.objects.bulk_create`` of the very rows it drafted (median of
  ``--repeats``, the database emptied of shifts before each), the ratio, and
  SQL queries per team;
- publishing: ``plan_publish`` of that month for every team (rules checked,
  events bulk-created, shifts marked), against ``bulk_create`` of as many
  django-scheduler events;
- a team's month: the plan grid's page for the month (``?view=month``, as a
  manager), the data a month's plan stands on (the team's people, their
  published shifts by day, the headcount per half hour against the minimum),
  and the team's *Coverage* admin page for a week, median ms (wall and CPU)
  and queries, with 20 people and with 60;

- a person's iCal feed with a year of shifts (their team's plan published
  from this week for 52 weeks): the feed's address, fetched as a calendar
  app does, against serialising the very same events with ``icalendar``
  directly from values read beforehand (median ms, wall and CPU);

then PASS/FAIL against the targets: planning within 3x the bare insert and
within 5 s for everyone, a team's month grid within 300 ms with 20 people,
the year's feed within 2x the bare serialisation.
"""

import argparse
import contextlib
import datetime
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.bench.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from icalendar import Calendar as ICalendar  # noqa: E402
from icalendar import Event as IEvent  # noqa: E402
from schedule.models import Calendar, Event  # noqa: E402

from deskbook.core.bootstrap import bootstrap_site  # noqa: E402
from deskbook.core.roles import MANAGER  # noqa: E402
from deskbook.core.vocabulary import CollectionStage  # noqa: E402
from tests.bench.clocks import Clock  # noqa: E402
from tests.bench.machine import machine_line  # noqa: E402
from workforce.people.models import Channel, Staff, Team, TeamMembership  # noqa: E402
from workforce.scheduling import calculations as calc  # noqa: E402
from workforce.scheduling import ical  # noqa: E402
from workforce.scheduling.models import (  # noqa: E402
    CalendarFeed,
    PatternAssignment,
    PlanPublication,
    Shift,
    ShiftPattern,
    ShiftPatternDay,
    ShiftType,
)
from workforce.scheduling.models.feeds import new_token  # noqa: E402
from workforce.scheduling.selectors import (  # noqa: E402
    shifts_visible_to,
    team_coverage,
)
from workforce.scheduling.services import plan_apply_patterns, plan_publish  # noqa: E402

FIRST = datetime.date(2026, 3, 1)
LAST = datetime.date(2026, 3, 31)
HIRED = datetime.date(2025, 6, 2)
T = datetime.time
KINDS = [
    ("Earlies", ["E"] * 5 + [None] * 2),
    ("Early and late fortnight", ["E"] * 5 + [None] * 2 + ["L"] * 5 + [None] * 2),
    ("Lates", ["L"] * 5 + [None] * 2),
    ("Nights", ["N"] * 5 + [None] * 2),
]
STAGGER = [0, 3, 6, 2, 5, 1, 4]
TARGET_RATIO = 3.0
TARGET_PLAN_S = 5.0
TARGET_MONTH_MS = 300.0
TARGET_FEED_RATIO = 2.0
# The admin page is rendered without collected static files.
warnings.filterwarnings("ignore", message="No directory at")


@contextlib.contextmanager
def counting_queries():
    """Capture the SQL queries run inside, over an emptied query log: the log
    keeps only the last 9,000 queries, and once full it counts none."""
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        yield captured


def build_floor(staff: int, team_count: int) -> list[Team]:
    types = {
        code: ShiftType.objects.create(
            name=name, code=code, starts_at=start, ends_at=end, unpaid_break_minutes=60
        )
        for code, name, start, end in [
            ("E", "Early", T(7), T(16)),
            ("L", "Late", T(13), T(22)),
            ("N", "Night", T(22), T(7)),
        ]
    }
    teams = [
        Team.objects.create(
            name=f"Team {n:02d}",
            slug=f"team-{n:02d}",
            stage=CollectionStage.EARLY,
            channel=Channel.DESK,
            minimum_staffing=3,
        )
        for n in range(team_count)
    ]
    add_people(teams, staff // team_count, types)
    return teams


def add_people(teams: list[Team], per_team: int, types) -> None:
    """``per_team`` more people in each team, each placed in its pattern."""
    start = Staff.objects.count()
    people = Staff.objects.bulk_create(
        Staff(
            employee_number=f"E{start + n:05d}",
            first_name=f"Person{start + n}",
            last_name="Bench",
            job_title=Staff.JobTitle.DESK_COLLECTOR,
            hired_on=HIRED,
        )
        for n in range(per_team * len(teams))
    )
    TeamMembership.objects.bulk_create(
        TeamMembership(staff=person, team=teams[n % len(teams)], valid_from=HIRED)
        for n, person in enumerate(people)
    )
    assignments = []
    for index, team in enumerate(teams):
        name, cells = KINDS[index % len(KINDS)]
        pattern, created = ShiftPattern.objects.get_or_create(
            team=team, name=name, defaults={"weeks": len(cells) // 7}
        )
        if created:
            ShiftPatternDay.objects.bulk_create(
                ShiftPatternDay(pattern=pattern, index=i, shift_type=types[code])
                for i, code in enumerate(cells)
                if code
            )
        seat = PatternAssignment.objects.filter(pattern=pattern).count()
        for person in people[index :: len(teams)]:
            assignments.append(
                PatternAssignment(
                    staff=person,
                    pattern=pattern,
                    starts_on=HIRED,
                    rotation_offset_days=STAGGER[seat % 7] + 7 * (seat % pattern.weeks),
                )
            )
            seat += 1
    PatternAssignment.objects.bulk_create(assignments)


def clear_plan() -> None:
    Shift.objects.all().delete()
    Event.objects.all().delete()
    PlanPublication.objects.all().delete()


def plan_month(teams, manager) -> tuple[Clock, int, list[int]]:
    """Time to draft the month for every team, shifts drafted, queries each."""
    queries = []
    drafted = 0
    with Clock() as clock:
        for team in teams:
            with counting_queries() as captured:
                drafted += plan_apply_patterns(
                    team=team, first_day=FIRST, last_day=LAST, by=manager
                )
            queries.append(len(captured))
    return clock, drafted, queries


def bare_insert(rows: list[dict]) -> Clock:
    """Time of ``bulk_create`` of the given shift rows, nothing else."""
    shifts = [Shift(**row) for row in rows]
    with Clock() as clock:
        Shift.objects.bulk_create(shifts, batch_size=1000)
    return clock


def publish_month(teams, manager) -> tuple[Clock, list[int]]:
    queries = []
    with Clock() as clock:
        for team in teams:
            with counting_queries() as captured:
                plan_publish(
                    team=team,
                    first_day=FIRST,
                    last_day=LAST,
                    by=manager,
                    override_reason="Benchmark floor",
                )
            queries.append(len(captured))
    return clock, queries


def bare_events(count: int) -> Clock:
    calendar, _ = Calendar.objects.get_or_create(slug="bench", name="Bench")
    start = datetime.datetime(2026, 3, 2, tzinfo=datetime.UTC)
    events = [
        Event(
            calendar=calendar,
            start=start,
            end=start + datetime.timedelta(hours=9),
            title=f"Early shift: Person{n} Bench",
            description="Team, unpaid break 60 min",
            color_event="#2e7d32",
        )
        for n in range(count)
    ]
    with Clock() as clock:
        Event.objects.bulk_create(events, batch_size=1000)
    Event.objects.filter(calendar=calendar).delete()
    return clock


def month_of_plan(team: Team, viewer) -> dict:
    """What a team's month of the plan stands on: its people over the month,
    their published shifts by person and day, each day's headcount and short
    half hours against the minimum."""
    people = list(
        Staff.objects.filter(
            memberships__team=team,
            memberships__valid_from__lte=LAST,
        )
        .distinct()
        .order_by("last_name", "first_name")
    )
    cells: dict[tuple[int, datetime.date], Shift] = {}
    for shift in shifts_visible_to(viewer=viewer, first=FIRST, last=LAST).filter(
        team=team
    ):
        cells[(shift.staff_id, shift.day)] = shift
    [coverage] = team_coverage(viewer=viewer, first=FIRST, last=LAST, teams=[team])
    return {
        "rows": [
            [cells.get((person.pk, day)) for day in calc.days_between(FIRST, LAST)]
            for person in people
        ],
        "days": [(day.day, len(day.short)) for day in coverage.days],
    }


def time_month(team, viewer, repeats) -> tuple[float, int]:
    month_of_plan(team, viewer)  # warm
    samples = []
    for _ in range(repeats):
        with counting_queries() as captured:
            started = time.perf_counter()
            month_of_plan(team, viewer)
            samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), len(captured)


def publish_year(team: Team, manager) -> tuple[datetime.date, datetime.date]:
    """The team's plan from this week's Monday for 52 weeks, published."""
    first = calc.week_start(timezone.localdate())
    last = first + datetime.timedelta(weeks=52, days=-1)
    plan_apply_patterns(team=team, first_day=first, last_day=last, by=manager)
    plan_publish(
        team=team, first_day=first, last_day=last, by=manager, override_reason="Bench"
    )
    return first, last


def feed_values(staff: Staff) -> list[dict]:
    """What the feed writes of each of ``staff``'s shifts, read once, so the
    baseline serialises without the database."""
    zone = timezone.get_default_timezone()
    return [
        {
            "uid": f"shift-{shift.pk}@bench.example",
            "stamp": shift.updated_at.astimezone(datetime.UTC),
            "start": shift.start.astimezone(zone),
            "end": shift.end.astimezone(zone),
            "summary": f"{shift.shift_type.name} shift",
            "location": shift.team.location,
            "description": f"{shift.team.name}. Unpaid break: "
            f"{shift.break_minutes} min.",
            "sequence": shift.sequence,
        }
        for shift in Shift.objects.filter(staff=staff)
        .exclude(status=Shift.Status.DRAFT)
        .select_related("shift_type", "team")
        .order_by("start", "pk")
    ]


def bare_ical(rows: list[dict], timezone_component) -> bytes:
    """The same events (all confirmed) written with icalendar directly."""
    calendar = ICalendar()
    calendar.add("prodid", "-//Bench//EN")
    calendar.add("version", "2.0")
    calendar.add_component(timezone_component)
    for row in rows:
        event = IEvent()
        event.add("uid", row["uid"])
        event.add("dtstamp", row["stamp"])
        event.add("last-modified", row["stamp"])
        event.add("dtstart", row["start"])
        event.add("dtend", row["end"])
        event.add("summary", row["summary"])
        if row["location"]:
            event.add("location", row["location"])
        event.add("description", row["description"])
        event.add("sequence", row["sequence"])
        event.add("status", "CONFIRMED")
        event.add("transp", "OPAQUE")
        calendar.add_component(event)
    return calendar.to_ical()


def time_feed(team: Team, manager, repeats: int) -> dict:
    """A year of one person's shifts: the feed's address against the bare
    serialisation of its events (median wall and CPU ms each)."""
    first, last = publish_year(team, manager)
    person = (
        Staff.objects.filter(memberships__team=team).order_by("employee_number").first()
    )
    feed = CalendarFeed.objects.create(staff=person, token=new_token())
    url = f"/calendar/shifts/{feed.token}.ics"
    client = Client()
    rows = feed_values(person)
    zone = timezone.get_default_timezone()
    component = ical.vtimezone(zone.key, first.year, last.year)
    response = client.get(url)  # warm: the zone's VTIMEZONE is built once
    assert response.status_code == 200, response.status_code
    events = response.content.count(b"BEGIN:VEVENT")
    ours, bare = [], []
    for _ in range(repeats):
        with counting_queries() as captured, Clock() as clock:
            response = client.get(url)
        ours.append(clock)
        with Clock() as clock:
            bare_ical(rows, component)
        bare.append(clock)
    return {
        "events": events,
        "bytes": len(response.content),
        "queries": len(captured),
        "ours": [x * 1000 for x in median(ours)],
        "bare": [x * 1000 for x in median(bare)],
    }


def median(clocks: list[Clock]) -> tuple[float, float]:
    return (
        statistics.median(c.wall for c in clocks),
        statistics.median(c.cpu for c in clocks),
    )


def time_page(client: Client, url: str, repeats: int) -> tuple[float, float, int]:
    """Median wall and CPU ms of a page, and its SQL queries."""
    client.get(url)  # warm
    clocks = []
    for _ in range(repeats):
        with counting_queries() as captured, Clock() as clock:
            response = client.get(url)
        clocks.append(clock)
        assert response.status_code == 200, response.status_code
    wall, cpu = median(clocks)
    return wall * 1000, cpu * 1000, len(captured)


def compare(heading: str, ours: tuple, baseline: tuple, queries: list[int]):
    """Print the median wall and CPU seconds of ours and of the baseline."""
    print(f"\n{heading}  (median s: wall, CPU)")
    for label, clocks in (ours, baseline):
        wall, cpu = median(clocks)
        print(f"  {label:<40}{wall:>8.2f}{cpu:>8.2f}")
    (our_wall, our_cpu), (base_wall, base_cpu) = median(ours[1]), median(baseline[1])
    print(
        f"  ratio {our_wall / base_wall:.2f}x wall, {our_cpu / base_cpu:.2f}x CPU; "
        f"SQL queries per team: {sorted(set(queries))}"
    )


def verdict(ok: bool, text: str) -> str:
    return f"  {'PASS' if ok else 'FAIL'}  {text}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, default=500)
    parser.add_argument("--teams", type=int, default=25)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print(machine_line())
    call_command("migrate", verbosity=0)
    bootstrap_site()
    manager = get_user_model().objects.create_user("bench-manager", password="x")
    manager.groups.add(manager.groups.model.objects.get(name=MANAGER))

    started = time.perf_counter()
    teams = build_floor(args.staff, args.teams)
    print(
        f"Built {Staff.objects.count()} people in {len(teams)} teams "
        f"({time.perf_counter() - started:.1f}s)"
    )

    ours, bare = [], []
    for _ in range(args.repeats):
        clear_plan()
        clock, drafted, plan_queries = plan_month(teams, manager)
        ours.append(clock)
        rows = list(
            Shift.objects.values(
                "team_id",
                "staff_id",
                "shift_type_id",
                "day",
                "start",
                "end",
                "break_minutes",
                "status",
            )
        )
        clear_plan()
        bare.append(bare_insert(rows))
    plan_s, plan_cpu = median(ours)
    bare_s, bare_cpu = median(bare)
    ratio = plan_s / bare_s
    compare(
        f"Planning {FIRST:%B %Y}: {drafted} shifts for {Staff.objects.count()} people",
        ("plan_apply_patterns, every team", ours),
        ("bulk_create of the same rows", bare),
        plan_queries,
    )

    publish, events = [], []
    for _ in range(args.repeats):
        clear_plan()
        plan_month(teams, manager)
        clock, publish_queries = publish_month(teams, manager)
        publish.append(clock)
        events.append(bare_events(drafted))
    compare(
        f"Publishing {FIRST:%B %Y}: {Event.objects.count()} events",
        ("plan_publish, every team", publish),
        ("bulk_create of as many events", events),
        publish_queries,
    )

    team = teams[1]  # the early and late fortnight
    client = Client()
    client.force_login(manager)
    pages = {
        "The team's month grid, as a manager": (
            f"/admin/workforce/shift-plan/{team.slug}/?view=month&day={FIRST}"
        ),
        "The team's Coverage page for a week, as a manager": (
            f"/admin/workforce/shift-coverage/{team.pk}/?week=2026-03-09"
        ),
    }
    few_ms, few_queries = time_month(team, manager, args.repeats * 3)
    few_pages = {
        name: time_page(client, url, args.repeats * 3) for name, url in pages.items()
    }
    types = {t.code: t for t in ShiftType.objects.all()}
    add_people([team], 40, types)
    plan_apply_patterns(team=team, first_day=FIRST, last_day=LAST, by=manager)
    plan_publish(
        team=team, first_day=FIRST, last_day=LAST, by=manager, override_reason="Bench"
    )
    people = TeamMembership.objects.filter(team=team).count()
    many_ms, many_queries = time_month(team, manager, args.repeats * 3)
    many_pages = {
        name: time_page(client, url, args.repeats * 3) for name, url in pages.items()
    }
    print("\nA team's month of the plan, its data  (median ms, SQL queries)")
    print(f"  {'20 people':<40}{few_ms:>8.1f}{few_queries:>6}")
    print(f"  {f'{people} people':<40}{many_ms:>8.1f}{many_queries:>6}")
    for name in pages:
        print(f"{name}  (median ms: wall, CPU; SQL queries)")
        for label, (wall, cpu, queries) in (
            ("20 people", few_pages[name]),
            (f"{people} people", many_pages[name]),
        ):
            print(f"  {label:<40}{wall:>8.1f}{cpu:>8.1f}{queries:>6}")
    grid_ms = few_pages[next(iter(pages))][0]

    feed = time_feed(teams[2], manager, args.repeats * 3)
    print(
        f"\nA person's iCal feed for a year: {feed['events']} events, "
        f"{feed['bytes'] / 1024:.0f} KiB, {feed['queries']} SQL queries  "
        "(median ms: wall, CPU)"
    )
    for label, (wall, cpu) in (
        ("the feed address, fetched", feed["ours"]),
        ("icalendar on the same events", feed["bare"]),
    ):
        print(f"  {label:<40}{wall:>8.1f}{cpu:>8.1f}")
    feed_ratio = feed["ours"][1] / feed["bare"][1]

    print()
    print(
        verdict(
            ratio <= TARGET_RATIO,
            f"planning within {TARGET_RATIO:g}x of bulk_create ({ratio:.2f}x; "
            f"CPU {plan_cpu / bare_cpu:.2f}x)",
        )
    )
    print(
        verdict(
            plan_s <= TARGET_PLAN_S,
            f"planning a month for everyone <= {TARGET_PLAN_S:g} s "
            f"({plan_s:.2f} s; CPU {plan_cpu:.2f} s)",
        )
    )
    print(
        verdict(
            grid_ms <= TARGET_MONTH_MS,
            f"a team's month grid (20 people) <= {TARGET_MONTH_MS:g} ms "
            f"({grid_ms:.0f} ms)",
        )
    )
    print(
        verdict(
            feed_ratio <= TARGET_FEED_RATIO,
            f"a year's iCal feed within {TARGET_FEED_RATIO:g}x of icalendar alone "
            f"({feed_ratio:.2f}x CPU; {feed['ours'][0]:.0f} ms wall)",
        )
    )
    print(
        verdict(
            [few_queries, *(q for _, _, q in few_pages.values())]
            == [many_queries, *(q for _, _, q in many_pages.values())],
            "a team's month, its grid and its coverage page: queries flat as "
            "people grow",
        )
    )


if __name__ == "__main__":
    main()
