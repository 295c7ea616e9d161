"""Leave benchmark: approve 1,000 requests one after another through
``leave_request_approve`` against the bare counter updates of the same rows
measured in the same run, and render the leave pages with the small demo's
people and the large demo's.

    .venv/bin/python tests/bench/bench_leave.py [--size large] [--requests 1000]

Seeds a scratch SQLite database with the demo's own generators, as
``seed_demo`` does without the pages: the people, their shift plan and their
leave (``workforce.leave.demo``), first at the small size (45 people), then,
with ``--size large``, the large floor (545 people in 30 teams). Prints:

- seeding: the leave demo's own time at each size;
- pages: each page of ``PAGES`` as its viewer, median ms and SQL queries at
  the small demo and at the large one, and whether the queries stay flat;
- approving: ``--requests`` pending annual leave requests in next month's
  plan (two or three a person, asked for by a manager on the people's
  behalf, so notice and blackouts do not refuse them) approved one after
  another by each person's team lead, confirming any half hours a short team
  loses, against the baseline: for each of the same requests, in a
  transaction of its own, the bare ``UPDATE`` of its allocations' counters
  (pending to taken), measured first and undone. Wall and CPU seconds, the
  ratio, ms per approval (p50, p95) and SQL queries per approval.
"""

import argparse
import datetime
import os
import statistics
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.bench.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.exceptions import ValidationError  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import F  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from deskbook.core.bootstrap import bootstrap_site  # noqa: E402
from deskbook.core.demo import DEMO_SIZES, ensure_demo_users  # noqa: E402
from tests.bench.clocks import Clock  # noqa: E402
from tests.bench.machine import machine_line  # noqa: E402
from workforce.leave.demo import seed_leave  # noqa: E402
from workforce.leave.models import Allocation, LeaveRequest, LeaveType  # noqa: E402
from workforce.leave.services import (  # noqa: E402
    leave_request_approve,
    leave_request_submit,
)
from workforce.people.demo import seed_teams_and_staff  # noqa: E402
from workforce.people.models import Staff, Team, TeamMembership  # noqa: E402
from workforce.scheduling import notifications  # noqa: E402
from workforce.scheduling.demo import seed_shift_planning  # noqa: E402

DAY = datetime.timedelta(days=1)
# The admin pages are rendered without collected static files.
warnings.filterwarnings("ignore", message="No directory at")


@dataclass(frozen=True)
class Page:
    """A page to render: its label, its address (``{team}`` is the slug of
    the demo lead's team) and the demo sign-in who views it."""

    label: str
    url: str
    viewer: str


# A page joins here in one line.
PAGES = [
    Page("Requests listing", "/admin/workforce/leave-requests/", "manager"),
    Page("Requests listing", "/admin/workforce/leave-requests/", "teamlead"),
    Page("Allocations listing", "/admin/workforce/leave-allocations/", "manager"),
    Page("Allocations listing", "/admin/workforce/leave-allocations/", "teamlead"),
    Page("To approve", "/admin/workforce/leave-approvals/", "teamlead"),
    Page("To approve", "/admin/workforce/leave-approvals/", "manager"),
    Page("Team calendar", "/admin/workforce/leave-calendar/?team={team}", "teamlead"),
    Page("Leave taken report", "/admin/reports/leave/", "manager"),
    Page("My leave", "/admin/my-leave/", "collector"),
]


class QueryCounter:
    """Counts SQL queries at the cost of a function call each (cheaper than
    keeping every query, so the timings stay honest)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def seed(size: str) -> tuple[float, float]:
    """Seconds for the people and their plan, then for their leave."""
    quiet = {"log": lambda line: None}
    with transaction.atomic():
        started = time.perf_counter()
        seed_teams_and_staff(size=size, **quiet)
        seed_shift_planning(size=size, **quiet)
        floor = time.perf_counter() - started
        started = time.perf_counter()
        seed_leave(size=size, **quiet)
    return floor, time.perf_counter() - started


def render_pages(repeats: int) -> list[tuple[float, int]]:
    """(median ms, SQL queries) of each page of ``PAGES`` as its viewer."""
    users = get_user_model().objects
    team = Team.objects.get(leads__user__username="teamlead")
    found = []
    for page in PAGES:
        client = Client()
        client.force_login(users.get(username=page.viewer))
        url = page.url.format(team=team.slug)
        client.get(url)  # warm
        samples = []
        for _ in range(repeats):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                samples.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        found.append((statistics.median(samples), len(captured)))
    return found


def next_month(today: datetime.date) -> datetime.date:
    return (today.replace(day=1) + 32 * DAY).replace(day=1)


def settled_memberships():
    """People's places in teams they joined by today and are not leaving."""
    return TeamMembership.objects.filter(
        valid_from__lte=timezone.localdate(), valid_to__isnull=True
    )


def ask_for_leave(count: int, manager) -> list[LeaveRequest]:
    """``count`` pending annual leave requests in next month's plan, two or
    three a person, among those the demo gave no leave."""
    annual = LeaveType.objects.get(code="AL")
    month = next_month(timezone.localdate())
    taken = LeaveRequest.objects.values("staff_id")
    people = list(
        Staff.objects.filter(
            status=Staff.Status.ACTIVE,
            pk__in=settled_memberships().values("staff_id"),
        )
        .exclude(pk__in=taken)
        .order_by("employee_number")
    )
    asked = []
    with notifications.quiet():
        for start in (2, 10, 17):
            for index, person in enumerate(people):
                if len(asked) == count:
                    return asked
                first = month + (start + index % 5) * DAY
                try:
                    asked.append(
                        leave_request_submit(
                            staff=person,
                            leave_type=annual,
                            first_day=first,
                            last_day=first + DAY,
                            reason="Benchmark",
                            override_reason="Benchmark",
                            by=manager,
                        )
                    )
                except ValidationError:
                    continue  # no working day in those two: the next person
    return asked


def deciders(requests: list[LeaveRequest], manager) -> list:
    """Who approves each request: a lead of the person's team (never
    themselves), or the manager."""
    leads = {}
    for team in Team.objects.prefetch_related("leads__user"):
        leads[team.pk] = [s.user for s in team.leads.all() if s.user_id]
    team_of = dict(settled_memberships().values_list("staff_id", "team_id"))
    found = []
    for request in requests:
        users = [
            u
            for u in leads.get(team_of.get(request.staff_id), [])
            if u.pk != request.staff.user_id
        ]
        found.append(users[0] if users else manager)
    return found


def bare_counter_updates(requests, sign: int) -> tuple[Clock, list[float], int]:
    """The baseline: each request's charged days moved from pending to taken
    (``sign=-1`` moves them back) by a bare ``UPDATE``, a transaction each."""
    charges = {}
    for request in requests:
        charges[request.pk] = list(request.charges.values_list("allocation_id", "days"))
    counter, samples = QueryCounter(), []
    with Clock() as clock, connection.execute_wrapper(counter):
        for request in requests:
            started = time.perf_counter()
            with transaction.atomic():
                for allocation_id, days in charges[request.pk]:
                    Allocation.objects.filter(pk=allocation_id).update(
                        pending=F("pending") - sign * days,
                        taken=F("taken") + sign * days,
                    )
            samples.append((time.perf_counter() - started) * 1000)
    return clock, samples, counter.count


def approve_all(requests, approvers) -> tuple[Clock, list[float], int]:
    counter, samples = QueryCounter(), []
    with (
        notifications.quiet(),
        Clock() as clock,
        connection.execute_wrapper(counter),
    ):
        for request, approver in zip(requests, approvers, strict=True):
            started = time.perf_counter()
            leave_request_approve(
                request=request, by=approver, comment="Approved.", confirm=True
            )
            samples.append((time.perf_counter() - started) * 1000)
    return clock, samples, counter.count


def p95(samples: list[float]) -> float:
    return sorted(samples)[int(0.95 * (len(samples) - 1))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=DEMO_SIZES, default="large")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print(machine_line())
    call_command("migrate", verbosity=0)
    bootstrap_site()
    users = ensure_demo_users()
    manager = users["manager"]

    sizes = ["small"] + (["large"] if args.size == "large" else [])
    pages = {}
    print("Seeding  (s: people and their plan; leave)")
    for size in sizes:
        floor_s, leave_s = seed(size)
        people = Staff.objects.count()
        print(
            f"  {size:<6} {people:>4} people, "
            f"{LeaveRequest.objects.count():>3} requests, "
            f"{Allocation.objects.count():>5} allocations"
            f"{floor_s:>8.2f}{leave_s:>8.2f}"
        )
        pages[people] = render_pages(args.repeats)

    print("\nPages  (median ms, SQL queries, at each size)")
    sizes_seen = list(pages)
    for index, page in enumerate(PAGES):
        cells = "".join(
            f"{pages[n][index][0]:>9.1f}{pages[n][index][1]:>5}" for n in sizes_seen
        )
        print(f"  {page.label + ', ' + page.viewer:<34}{cells}")
    flat = all(
        len({pages[n][index][1] for n in sizes_seen}) == 1
        for index in range(len(PAGES))
    )
    print(f"  people: {', '.join(map(str, sizes_seen))}; queries flat: {flat}")

    started = time.perf_counter()
    requests = ask_for_leave(args.requests, manager)
    print(
        f"\nAsked for {len(requests)} requests in "
        f"{next_month(timezone.localdate()):%B %Y} "
        f"({time.perf_counter() - started:.1f}s, not measured)"
    )
    approvers = deciders(requests, manager)
    base_clock, base_ms, base_queries = bare_counter_updates(requests, sign=1)
    bare_counter_updates(requests, sign=-1)  # undone: the approvals move them
    clock, ours_ms, queries = approve_all(requests, approvers)

    left = LeaveRequest.objects.filter(
        pk__in=[r.pk for r in requests], status=LeaveRequest.Status.PENDING
    ).count()
    assert left == 0, f"{left} requests still pending"
    n = len(requests)
    print(f"\nApproving {n} requests one after another  (s: wall, CPU; ms: p50, p95)")
    for label, c, ms, q in (
        ("leave_request_approve", clock, ours_ms, queries),
        ("bare counter updates, same rows", base_clock, base_ms, base_queries),
    ):
        print(
            f"  {label:<34}{c.wall:>8.2f}{c.cpu:>8.2f}"
            f"{statistics.median(ms):>8.2f}{p95(ms):>8.2f}"
            f"   {q / n:.1f} queries each"
        )
    print(
        f"  ratio {clock.wall / base_clock.wall:.1f}x wall, "
        f"{clock.cpu / base_clock.cpu:.1f}x CPU; "
        f"{n / clock.wall:.0f} approvals a second"
    )


if __name__ == "__main__":
    main()
