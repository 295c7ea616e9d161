"""Training benchmark: the daily refresher job over the floor against bare
inserts of the same enrolments measured in the same run, and the training
pages (the completion report first) at the small demo and the large one.

    .venv/bin/python tests/bench/bench_courses.py [--size large] [--repeats 5]

Seeds a scratch SQLite database with the demo's own generators: the people
and the training demo (``training.courses.demo``), first at the small size,
then, with ``--size large``, the large floor (545 people). Prints:

- seeding: the training demo's own time at each size;
- pages: each page of ``PAGES`` as its viewer, median ms and SQL queries at
  each size, and whether the queries stay flat;
- the refresher job: 20 synthetic compliance courses, a certificate of
  each for every employed person with expiries spread over 120 days around
  today, and one 15-place session of each course ahead, so some people get a
  place and the rest count as demand. ``refreshers_enrol`` (60 days) is
  timed against the baseline: for each enrolment it made, in a transaction
  of its own, a bare ``INSERT`` of the same row, measured after the job and
  undone. Wall and CPU seconds, the ratio, and SQL queries per person due.
"""

import argparse
import datetime
import os
import statistics
import sys
import time
import warnings
from decimal import Decimal
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
from deskbook.core.demo import DEMO_SIZES, ensure_demo_users  # noqa: E402
from tests.bench.bench_leave import QueryCounter  # noqa: E402
from tests.bench.clocks import Clock  # noqa: E402
from tests.bench.machine import machine_line  # noqa: E402
from training.courses.demo import seed_training  # noqa: E402
from training.courses.models import (  # noqa: E402
    Certificate,
    Course,
    Enrolment,
    Session,
)
from training.courses.selectors.refreshers import due_certificates  # noqa: E402
from training.courses.services import refreshers_enrol, session_schedule  # noqa: E402
from workforce.people.demo import seed_teams_and_staff  # noqa: E402
from workforce.people.models import Staff  # noqa: E402
from workforce.scheduling import notifications  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")
COURSES = 20
PLACES = 15
WINDOW_DAYS = 60

PAGES = [
    ("Completion report", "/admin/training/reports/", "manager"),
    ("Completion report", "/admin/training/reports/", "teamlead"),
    ("Refreshers due", "/admin/training/refreshers-due/?within=400", "manager"),
    ("Enrolments listing", "/admin/training/enrolments/", "manager"),
    ("Certificates listing", "/admin/training/certificates/", "manager"),
    ("Sessions listing", "/admin/training/sessions/", "trainer"),
    ("Dashboard", "/admin/", "trainer"),
    ("My training", "/admin/my-training/", "collector"),
]


def seed(size: str) -> float:
    quiet = {"log": lambda line: None}
    with transaction.atomic():
        seed_teams_and_staff(size=size, **quiet)
        started = time.perf_counter()
        seed_training(size=size, **quiet)
    return time.perf_counter() - started


def render_pages(repeats: int) -> list[tuple[float, int]]:
    users = get_user_model().objects
    found = []
    for _, url, viewer in PAGES:
        client = Client()
        client.force_login(users.get(username=viewer))
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


def refresher_floor(trainer: Staff) -> int:
    """``COURSES`` compliance courses, a certificate of each for every
    employed person (expiries from 30 days ago to 90 ahead), one session of
    each course ahead. Returns the people."""
    today = timezone.localdate()
    people = list(Staff.objects.employed().order_by("pk"))
    courses = [
        Course.objects.create(
            title=f"Bench compliance {n}",
            code=f"bench-{n}",
            kind=Course.Kind.COMPLIANCE,
            duration_hours=Decimal(3),
            validity_months=12,
        )
        for n in range(COURSES)
    ]
    zone = timezone.get_default_timezone()
    for course in courses:
        past = Session.objects.create(
            course=course,
            trainer=trainer,
            capacity=len(people),
            room="Bench",
            status=Session.Status.CONFIRMED,
            first_day=today - datetime.timedelta(days=300),
        )
        enrolments = Enrolment.objects.bulk_create(
            Enrolment(session=past, staff=p, state="passed", source="assigned")
            for p in people
        )
        Certificate.objects.bulk_create(
            Certificate(
                number=f"B{course.pk}-{e.staff_id}",
                enrolment=e,
                staff_id=e.staff_id,
                course=course,
                issued_on=today - datetime.timedelta(days=400),
                expires_on=today
                + datetime.timedelta(days=(e.staff_id * 7 + course.pk) % 120 - 30),
            )
            for e in enrolments
        )
        day = today + datetime.timedelta(days=14)
        session_schedule(
            course=course,
            trainer=trainer,
            capacity=PLACES,
            room="Bench",
            dates=[
                (
                    datetime.datetime.combine(day, datetime.time(9), zone),
                    datetime.datetime.combine(day, datetime.time(12), zone),
                )
            ],
            confirmed=True,
            by=None,
        )
    return len(people)


def bare_inserts(rows) -> tuple[Clock, int]:
    """The baseline: each enrolment the job made, inserted bare, a
    transaction each, then deleted (not timed)."""
    counter, made = QueryCounter(), []
    with Clock() as clock, connection.execute_wrapper(counter):
        for session_id, staff_id in rows:
            with transaction.atomic():
                made.append(
                    Enrolment.objects.create(
                        session_id=session_id,
                        staff_id=staff_id,
                        state="enrolled",
                        source="refresher",
                    ).pk
                )
    Enrolment.objects.filter(pk__in=made).delete()
    return clock, counter.count


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=DEMO_SIZES, default="large")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print(machine_line())
    call_command("migrate", verbosity=0)
    bootstrap_site()
    ensure_demo_users()

    sizes = ["small"] + (["large"] if args.size == "large" else [])
    pages = {}
    print("Seeding  (s: the training demo)")
    for size in sizes:
        seconds = seed(size)
        people = Staff.objects.count()
        print(
            f"  {size:<6} {people:>4} people, {Session.objects.count():>4} sessions, "
            f"{Enrolment.objects.count():>5} enrolments, "
            f"{Certificate.objects.count():>5} certificates{seconds:>8.2f}"
        )
        pages[people] = render_pages(args.repeats)

    print("\nPages  (median ms, SQL queries, at each size)")
    seen = list(pages)
    for index, (label, _, viewer) in enumerate(PAGES):
        cells = "".join(
            f"{pages[n][index][0]:>9.1f}{pages[n][index][1]:>5}" for n in seen
        )
        print(f"  {label + ', ' + viewer:<34}{cells}")
    flat = all(len({pages[n][i][1] for n in seen}) == 1 for i in range(len(PAGES)))
    print(f"  people: {', '.join(map(str, seen))}; queries flat: {flat}")

    trainer = Staff.objects.get(user__username="trainer")
    started = time.perf_counter()
    people = refresher_floor(trainer)
    today = timezone.localdate()
    due = due_certificates(today=today, within_days=WINDOW_DAYS).filter(booked=False)
    due_count = due.count()
    print(
        f"\nRefresher floor: {people} people x {COURSES} courses, {due_count} "
        f"certificates due within {WINDOW_DAYS} days "
        f"({time.perf_counter() - started:.1f}s, not measured)"
    )
    counter = QueryCounter()
    with notifications.quiet(), Clock() as clock, connection.execute_wrapper(counter):
        run = refreshers_enrol(today=today, within_days=WINDOW_DAYS)
    rows = [(e.session_id, e.staff_id) for e in run.enrolled]
    Enrolment.objects.filter(pk__in=[e.pk for e in run.enrolled]).delete()
    base_clock, base_queries = bare_inserts(rows)
    again = refreshers_enrol(today=today, within_days=WINDOW_DAYS)  # restores them
    assert len(again.enrolled) == len(rows)
    print("Refresher job  (s: wall, CPU)")
    print(
        f"  refreshers_enrol{clock.wall:>20.2f}{clock.cpu:>8.2f}   "
        f"{len(rows)} enrolled, {sum(run.demand.values())} without a place; "
        f"{counter.count / max(due_count, 1):.1f} queries per person due"
    )
    print(
        f"  bare inserts, same rows{base_clock.wall:>13.2f}{base_clock.cpu:>8.2f}   "
        f"{base_queries / max(len(rows), 1):.1f} queries each"
    )
    print(
        f"  ratio {clock.wall / max(base_clock.wall, 1e-9):.1f}x wall, "
        f"{clock.cpu / max(base_clock.cpu, 1e-9):.1f}x CPU"
    )
    started = time.perf_counter()
    second = refreshers_enrol(today=today, within_days=WINDOW_DAYS)
    seconds = time.perf_counter() - started
    print(
        f"  a second run the same day: {seconds:.2f}s, "
        f"{len(second.enrolled)} enrolled (nothing left to do)"
    )


if __name__ == "__main__":
    main()
