"""Balances never go negative when two decisions race: two threads, two
database connections, on PostgreSQL (CI runs the suite there too)."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import connection, connections

from deskbook.core.bootstrap import bootstrap_site
from deskbook.core.roles import COLLECTOR, MANAGER, TEAM_LEAD
from tests.factories import UserFactory
from tests.leave.factories import AllocationFactory, LeaveTypeFactory
from tests.workforce.factories import StaffFactory, TeamFactory
from workforce.leave.models import Allocation, LeaveRequest
from workforce.leave.services import leave_request_approve, leave_request_submit

pytestmark = pytest.mark.django_db(transaction=True)

MON = datetime.date(2026, 3, 9)


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite writes one transaction at a time, so nothing can race; "
            "run with DATABASE_URL=postgres://… (CI does)"
        )


@pytest.fixture
def floor(postgres_only, frozen_time):
    frozen_time("2026-02-27 09:00")
    bootstrap_site()  # the roles: a transactional test starts from nothing
    lead = UserFactory(username="lead", roles=[TEAM_LEAD])
    manager = UserFactory(username="boss", roles=[MANAGER])
    team = TeamFactory(lead=lead)
    user = UserFactory(username="aisyah", roles=[COLLECTOR])
    aisyah = StaffFactory(user=user, team=team)
    annual = LeaveTypeFactory(name="Annual leave", code="AL")
    allocation = AllocationFactory(
        staff=aisyah, leave_type=annual, granted=Decimal("5")
    )
    return {
        "lead": lead,
        "manager": manager,
        "user": user,
        "aisyah": aisyah,
        "annual": annual,
        "allocation": allocation,
    }


def race(*calls):
    """Run each call in its own thread (and connection), all released at
    once; return what each returned or raised."""
    start = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            start.wait()
            outcomes[index] = call()
        except Exception as error:  # what the loser gets is the point
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(index, call))
        for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_two_approvals_of_one_request_race_and_exactly_one_wins(floor):
    request = leave_request_submit(
        staff=floor["aisyah"],
        leave_type=floor["annual"],
        first_day=MON,
        last_day=MON + datetime.timedelta(days=4),
        by=floor["user"],
    )

    outcomes = race(
        lambda: leave_request_approve(request=request, by=floor["lead"]),
        lambda: leave_request_approve(request=request, by=floor["manager"]),
    )

    approved = [o for o in outcomes if isinstance(o, LeaveRequest)]
    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(approved) == 1
    assert [str(e) for e in refused] == ["['This request is already approved.']"]
    allocation = Allocation.objects.get(pk=floor["allocation"].pk)
    assert (allocation.taken, allocation.pending) == (Decimal("5"), Decimal("0"))


def test_two_requests_racing_for_the_last_days_and_exactly_one_is_accepted(floor):
    def ask(first_day):
        return lambda: leave_request_submit(
            staff=floor["aisyah"],
            leave_type=floor["annual"],
            first_day=first_day,
            last_day=first_day + datetime.timedelta(days=4),
            by=floor["user"],
        )

    outcomes = race(ask(MON), ask(MON + datetime.timedelta(days=7)))

    accepted = [o for o in outcomes if isinstance(o, LeaveRequest)]
    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(accepted) == 1
    assert "Not enough annual leave left in 2026" in str(refused[0])
    allocation = Allocation.objects.get(pk=floor["allocation"].pk)
    assert (allocation.taken, allocation.pending) == (Decimal("0"), Decimal("5"))
    assert LeaveRequest.objects.count() == 1
