import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.attendance.factories import ClockEventFactory
from tests.scheduling import conftest as planning
from training.kpis.calculations.measures import TOTAL_FIELDS
from training.kpis.models import CollectorDay
from training.qa.models import Call, Payment
from workforce.attendance.models import ClockEvent
from workforce.people.models import TeamMembership

desk, floor, publish = planning.desk, planning.floor, planning.publish

MON = datetime.date(2026, 3, 2)
WEEK = [MON + datetime.timedelta(days=n) for n in range(5)]


def local(text: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(text))


def call(collector, started, outcome, *, seconds=0, account="ACC-A", **fields):
    fields.setdefault("direction", "outbound")
    return Call.objects.create(
        call_id=f"C{Call.objects.count() + 1:05d}",
        collector=collector,
        account_reference=account,
        started_at=local(started),
        duration_seconds=seconds,
        outcome=outcome,
        **fields,
    )


def table():
    """Every fact row as (collector, day, team) -> its non-zero columns."""
    return {
        (row.collector.last_name, row.day, row.team.name if row.team else None): {
            name: getattr(row, name) for name in TOTAL_FIELDS if getattr(row, name)
        }
        for row in CollectorDay.objects.select_related("collector", "team")
    }


def payment(account, amount, on):
    return Payment.objects.create(
        payment_id=f"P{Payment.objects.count() + 1:05d}",
        account_reference=account,
        amount=Decimal(amount),
        paid_on=on,
    )


@pytest.fixture
def kpi_week(floor, publish, frozen_time):
    """The desk's week of 2–6 March 2026 (early shifts 07:00–16:00 for Aisyah
    and Wei), its calls and payments; Wei moves to Desk late on Wednesday 4.
    The clock then stands on Tuesday 10 March, 09:00."""
    publish(
        [
            (floor[name], day, floor["early"])
            for name in ("aisyah", "wei")
            for day in WEEK
        ]
    )
    aisyah, wei = floor["aisyah"], floor["wei"]
    ClockEventFactory(
        staff=aisyah, kind=ClockEvent.Kind.CLOCK_IN, at=local("2026-03-02 07:00")
    )
    ClockEventFactory(
        staff=aisyah, kind=ClockEvent.Kind.CLOCK_OUT, at=local("2026-03-02 16:00")
    )
    call(aisyah, "2026-03-02 09:00", "no_answer")
    call(
        aisyah, "2026-03-02 10:00", "right_party_contact", seconds=120, account="ACC-B"
    )
    call(
        aisyah,
        "2026-03-02 11:00",
        "promise_to_pay",
        seconds=300,
        promised_amount=Decimal(500),
        promised_on=datetime.date(2026, 3, 5),
    )
    call(
        aisyah,
        "2026-03-02 12:00",
        "promise_to_pay",
        seconds=60,
        account="ACC-B",
        direction="inbound",
        promised_amount=Decimal(200),
        promised_on=datetime.date(2026, 3, 3),
    )
    # 22:00 is after the calling window (08:00–21:00): a contact-rule breach.
    call(aisyah, "2026-03-02 22:00", "busy", account="ACC-C")
    # 00:30 on the 3rd is still the 2nd in UTC: it counts on the 3rd.
    call(wei, "2026-03-03 00:30", "right_party_contact", seconds=90, account="ACC-D")
    call(wei, "2026-03-05 10:00", "no_answer", account="ACC-D")
    payment("ACC-A", "300.00", datetime.date(2026, 3, 4))
    # The last day of A's grace (5 March + 3 days): still keeps the promise.
    payment("ACC-A", "200.00", datetime.date(2026, 3, 8))
    # After B's deadline (6 March): pays nothing promised, credited to nobody.
    payment("ACC-B", "100.00", datetime.date(2026, 3, 7))
    membership = TeamMembership.objects.get(staff=wei, valid_to__isnull=True)
    membership.valid_to = datetime.date(2026, 3, 3)
    membership.save()
    TeamMembership.objects.create(
        staff=wei, team=floor["other"], valid_from=datetime.date(2026, 3, 4)
    )
    now = frozen_time("2026-03-10 09:00")
    return {**floor, "now": now}
