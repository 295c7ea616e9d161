"""QA sample benchmark: the month's sample drawn for 500 collectors through
``sample_draw`` (the frame from the call log, the risk factors with the
contact rules over every call, the draw, the queues, the sampled calls
written), against the frame query alone measured in the same run.

    .venv/bin/python tests/bench/bench_qa_sample.py [--collectors N] [--calls-per-day N]

Builds a scratch SQLite database (``tests/bench/settings.py``) with the
collectors (a tenth hired within 90 days), ten QA analysts, a scorecard, and
``collectors x 22 working days x calls-per-day`` calls in March 2026
(default 330,000, written with ``bulk_create``; numpy, a fixed seed: outcomes
as the dialer's shares, three DPD buckets, 100,000 accounts). Prints:

- baseline: the frame query alone (right-party contacts of the month not yet
  sampled, as ``values_list``); the contact rules over every call of the
  month as first written (``tests/qa/contact_rules_reference.py``), and
  ``breaches_by_call`` over the month, which must find the same breaches;
- draw: ``sample_draw`` with 4 calls per collector and 1,000 risk-weighted
  extra calls, wall and CPU seconds (target ≤ 2 s), its ratio to the frame
  query, the part left once the contact-rule pass is taken out, and the
  sample's size;
- queue: an analyst's *My queue* page (the draw spreads some 300 calls to
  each of the ten analysts; one is given 600), median of five loads (target
  ≤ 300 ms), and its queries against a queue of five calls (they must be the
  same);
- report: the month's contact-rule report (*Training & quality → QA →
  Contact rules*) as a QA analyst, every team, median of three loads (target
  ≤ 5 s), with its queries, beside the same page with the rules over every
  call (it must read the same).
"""

import argparse
import datetime
import os
import re
import statistics
import sys
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.bench.settings")

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from deskbook.core.roles import QA_ANALYST, sync_roles  # noqa: E402
from tests.bench.bench_calls import OUTCOME_SHARES, OUTCOMES, ZONES  # noqa: E402
from tests.bench.bench_scheduling import counting_queries  # noqa: E402
from tests.bench.clocks import Clock  # noqa: E402
from tests.bench.machine import machine_line  # noqa: E402
from tests.qa import contact_rules_reference as reference  # noqa: E402
from training.qa import selectors  # noqa: E402
from training.qa.models import Call, SampledCall  # noqa: E402
from training.qa.selectors import breaches_by_call  # noqa: E402
from training.qa.services.samples import (  # noqa: E402
    default_plan,
    month_bounds,
    sample_draw,
)
from training.qa.services.scorecards import scorecard_create  # noqa: E402
from workforce.people.models import Staff  # noqa: E402

MONTH = datetime.date(2026, 3, 1)
TARGET_S = 2.0
TARGET_QUEUE_MS = 300
TARGET_REPORT_S = 5.0


def build(collectors: int, per_day: int) -> int:
    people = Staff.objects.bulk_create(
        Staff(
            employee_number=f"Q{n:05d}",
            last_name=f"Collector {n}",
            job_title=Staff.JobTitle.DESK_COLLECTOR,
            # A tenth are new hires (under 90 days at the period's start).
            hired_on=datetime.date(2026, 1, 5)
            if n % 10 == 0
            else datetime.date(2024, 1, 1),
        )
        for n in range(collectors)
    )
    group, _ = Group.objects.get_or_create(name=QA_ANALYST)
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"analyst{n}") for n in range(10)
    )
    group.user_set.add(*users)
    Staff.objects.bulk_create(
        Staff(
            employee_number=f"A{n:03d}",
            last_name=f"Analyst {n}",
            job_title=Staff.JobTitle.QA_ANALYST,
            hired_on=datetime.date(2023, 1, 1),
            user=user,
        )
        for n, user in enumerate(users)
    )
    random = np.random.default_rng(27)
    days = [MONTH + datetime.timedelta(days=d) for d in range(31)]
    working = [d for d in days if d.weekday() < 5][:22]
    rows = collectors * len(working) * per_day
    zone = timezone.get_default_timezone()
    first = datetime.datetime.combine(MONTH, datetime.time(8), zone)
    offsets = random.integers(0, 10 * 3600, rows)
    day_index = random.integers(0, len(working), rows)
    outcome = OUTCOMES[random.choice(len(OUTCOMES), rows, p=OUTCOME_SHARES)]
    who = random.integers(0, collectors, rows)
    account = random.integers(0, 100_000, rows)
    bucket = np.array(["1-30 DPD", "31-60 DPD", "61-90 DPD"])[
        random.integers(0, 3, rows)
    ]
    time_zone = ZONES[random.integers(0, len(ZONES), rows)]
    day_offset = [(d - MONTH).days for d in working]
    batch = []
    for n in range(rows):
        promise = outcome[n] == "promise_to_pay"
        started = first + datetime.timedelta(
            days=day_offset[day_index[n]], seconds=int(offsets[n])
        )
        batch.append(
            Call(
                call_id=f"M{n}",
                collector_id=people[who[n]].pk,
                account_reference=f"ACC-{account[n]}",
                dpd_bucket=bucket[n],
                debtor_time_zone=time_zone[n],
                started_at=started,
                duration_seconds=120,
                direction="outbound",
                outcome=outcome[n],
                promised_amount=100 if promise else None,
                promised_on=started.date() + datetime.timedelta(days=7)
                if promise
                else None,
            )
        )
        if len(batch) == 50_000:
            Call.objects.bulk_create(batch)
            batch = []
    Call.objects.bulk_create(batch)
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--collectors", type=int, default=500)
    parser.add_argument("--calls-per-day", type=int, default=30)
    arguments = parser.parse_args()
    print(machine_line())
    call_command("migrate", verbosity=0)
    with Clock() as setup:
        rows = build(arguments.collectors, arguments.calls_per_day)
    print(f"calls: {rows:,} in March 2026, written in {setup.wall:.1f} s")
    manager = get_user_model().objects.create(username="manager")
    scorecard = scorecard_create(name="Bench scorecard", by=manager)
    _, _, first, last = month_bounds(MONTH)

    with Clock() as frame:
        frame_rows = list(
            Call.objects.started_between(first, last)
            .right_party()
            .exclude(pk__in=SampledCall.objects.values("call_id"))
            .order_by()
            .values_list("pk", "collector_id", "dpd_bucket", "outcome")
        )
    print(
        f"baseline, the frame query alone: {frame.wall:.2f} s wall, "
        f"{frame.cpu:.2f} s CPU ({len(frame_rows):,} right-party contacts)"
    )
    with Clock() as every_call:
        expected = reference.breaches_by_call(first=first, last=last)
    print(
        f"contact rules over every call, as first written: {every_call.wall:.2f} s "
        f"wall, {every_call.cpu:.2f} s CPU"
    )
    with Clock() as rules:
        breaches = breaches_by_call(first=first, last=last)
    assert breaches == expected, "the narrow queries must find the same breaches"
    print(
        f"contact rules over the month: {rules.wall:.2f} s wall, {rules.cpu:.2f} s "
        f"CPU ({len(breaches):,} calls in breach, the same as over every call; "
        f"{every_call.cpu / rules.cpu:.1f}x less CPU)"
    )
    plan = default_plan(minimum_per_collector=4, extra_calls=1000)
    with Clock() as draw_clock:
        draw = sample_draw(
            period=MONTH, by=manager, scorecard=scorecard, plan=plan, seed=2026
        )
    sampled = draw.calls.count()
    ok = draw_clock.wall <= TARGET_S
    print(
        f"sample_draw: {draw_clock.wall:.2f} s wall, {draw_clock.cpu:.2f} s CPU, "
        f"{sampled:,} calls sampled from a frame of {draw.frame_size:,} for "
        f"{draw.collectors} collectors; {draw_clock.wall / frame.wall:.1f}x the "
        f"frame query -> {'PASS' if ok else 'FAIL'} (target <= {TARGET_S:.0f} s)"
    )
    print(
        f"  of which the contact-rule pass (measured alone above): {rules.wall:.2f} s "
        f"wall, {rules.cpu:.2f} s CPU; the rest (frame, factors, draw, queues, "
        f"writing): {max(draw_clock.wall - rules.wall, 0):.2f} s wall, "
        f"{max(draw_clock.cpu - rules.cpu, 0):.2f} s CPU"
    )
    analyst = queue_page()
    report_page(analyst)


def tables(response) -> list[bytes]:
    """The report's tables: the lines and the calls in breach."""
    return re.findall(rb"<table.*?</table>", response.content, re.DOTALL)


def report_page(analyst):
    client = Client()
    client.force_login(analyst.user)
    url = "/admin/qa/contact-rules/?month=2026-03"

    def loads():
        times, cpu = [], []
        for _ in range(3):
            with counting_queries() as captured, Clock() as clock:
                response = client.get(url)
            assert response.status_code == 200, response.status_code
            times.append(clock.wall)
            cpu.append(clock.cpu)
        return statistics.median(times), statistics.median(cpu), response, captured

    with mock.patch.object(selectors, "contact_breaches", reference.contact_breaches):
        before_wall, before_cpu, before, _ = loads()
    wall, cpu, after, captured = loads()
    assert tables(after) == tables(before), "the report must read the same"
    print(
        f"contact-rule report, March: {wall:.2f} s wall, {cpu:.2f} s CPU, "
        f"{len(captured)} queries (with the rules over every call: "
        f"{before_wall:.2f} s wall, {before_cpu:.2f} s CPU, the same page) -> "
        f"{'PASS' if wall <= TARGET_REPORT_S else 'FAIL'} "
        f"(target <= {TARGET_REPORT_S:.0f} s)"
    )


def queue_page():
    sync_roles()
    counts = {
        staff.pk: staff.qa_queue.count()
        for staff in Staff.objects.filter(job_title=Staff.JobTitle.QA_ANALYST)
    }
    busiest = max(counts, key=counts.get)
    small = min(counts, key=counts.get)
    # A short queue to compare the queries with: all but five calls moved away.
    keep = list(
        SampledCall.objects.filter(analyst_id=small).values_list("pk", flat=True)[:5]
    )
    SampledCall.objects.filter(analyst_id=small).exclude(pk__in=keep).update(
        analyst_id=busiest
    )
    client = Client()
    figures = {}
    for pk in (small, busiest):
        analyst = Staff.objects.get(pk=pk)
        client.force_login(analyst.user)
        client.get("/admin/qa/my-queue/")  # warm up
        times = []
        for _ in range(5):
            with counting_queries() as captured, Clock() as clock:
                response = client.get("/admin/qa/my-queue/")
            assert response.status_code == 200, response.status_code
            times.append(clock.wall * 1000)
        figures[pk] = (
            analyst.qa_queue.count(),
            statistics.median(times),
            len(captured),
        )
    (few, few_ms, few_q), (many, many_ms, many_q) = figures[small], figures[busiest]
    ok = many_ms <= TARGET_QUEUE_MS and few_q == many_q
    print(
        f"My queue: {many:,} calls {many_ms:.0f} ms, {many_q} queries; "
        f"{few} calls {few_ms:.0f} ms, {few_q} queries -> "
        f"{'PASS' if ok else 'FAIL'} (target <= {TARGET_QUEUE_MS} ms, queries flat)"
    )
    return analyst


if __name__ == "__main__":
    main()
