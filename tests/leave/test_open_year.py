"""The yearly job opens next year's allocations with the carry-over."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from deskbook.core import hooks
from tests.leave.factories import AllocationFactory
from tests.workforce.factories import StaffFactory
from workforce.leave.models import Allocation, LeaveSettings, PublicHoliday
from workforce.leave.services import allocation_open_year, leave_request_approve
from workforce.people.models import Staff

D = datetime.date


@pytest.fixture
def last_year(leave, ask):
    """2026: Aisyah took 5 days and has 2 pending of her 14; Wei was given 3
    and asked for 1; Kelvin had 5 carried over until 31 March 2026, used none
    of them before it and 10 of his 14 after; a leaver had 14 unused."""
    leave_request_approve(request=ask(), by=leave["lead"])
    ask(first_day=D(2026, 3, 16), last_day=D(2026, 3, 17))
    AllocationFactory(staff=leave["wei"], leave_type=leave["annual"], granted=3)
    ask(staff=leave["wei"], last_day=D(2026, 3, 9), by=leave["lead"])
    AllocationFactory(
        staff=leave["kelvin"],
        leave_type=leave["annual"],
        granted=14,
        carried_over=5,
        carry_over_expires=D(2026, 3, 31),
    )
    ask(
        staff=leave["kelvin"],
        first_day=D(2026, 4, 6),
        last_day=D(2026, 4, 17),
        by=leave["lead"],
    )
    leaver = StaffFactory(status=Staff.Status.LEFT, team=leave["team"])
    AllocationFactory(staff=leaver, leave_type=leave["annual"], granted=14)
    return leave


def opened_2027():
    return {
        (a.staff.first_name, a.leave_type.code): (
            a.granted,
            a.carried_over,
            a.carry_over_expires,
        )
        for a in Allocation.objects.filter(year=2027).select_related(
            "staff", "leave_type"
        )
    }


def test_next_year_gets_the_same_grant_and_the_unused_days_up_to_the_cap(last_year):
    opened = allocation_open_year(year=2027)

    march_31 = D(2027, 3, 31)
    assert opened_2027() == {
        # 14 - 5 taken - 2 pending = 7, capped at 5.
        ("Nur Aisyah", "AL"): (Decimal("14"), Decimal("5"), march_31),
        # Sick leave untouched: 14 unused, capped at 5.
        ("Nur Aisyah", "SL"): (Decimal("14"), Decimal("5"), march_31),
        ("Wei Ming", "AL"): (Decimal("3"), Decimal("2"), march_31),
        # The 5 carried over lapsed on 31 March; 14 - 10 granted days left.
        ("Kelvin", "AL"): (Decimal("14"), Decimal("4"), march_31),
    }
    assert (opened.opened, opened.carried) == (4, 4)


def test_the_cap_and_expiry_come_from_the_leave_settings(last_year):
    settings = LeaveSettings.load()
    settings.carry_over_cap_days = Decimal("3")
    settings.carry_over_expiry_month, settings.carry_over_expiry_day = 6, 30
    settings.save()

    allocation_open_year(year=2027)

    assert opened_2027()[("Nur Aisyah", "AL")] == (
        Decimal("14"),
        Decimal("3"),
        D(2027, 6, 30),
    )


def test_an_allocation_already_imported_keeps_its_grant_and_gets_the_carry_over(
    last_year,
):
    AllocationFactory(
        staff=last_year["aisyah"], leave_type=last_year["annual"], year=2027, granted=16
    )

    allocation_open_year(year=2027)

    assert opened_2027()[("Nur Aisyah", "AL")] == (
        Decimal("16"),
        Decimal("5"),
        D(2027, 3, 31),
    )


def test_opening_a_year_twice_changes_nothing(last_year):
    allocation_open_year(year=2027)
    before = opened_2027()

    again = allocation_open_year(year=2027)

    assert (again.opened, again.carried, again.holidays) == (0, 0, 0)
    assert opened_2027() == before


def test_opening_a_year_fills_its_public_holidays(last_year):
    allocation_open_year(year=2027)

    assert PublicHoliday.objects.filter(date=D(2027, 8, 9)).get().name == (
        "National Day"
    )


def test_the_command_runs_every_day_among_the_timed_jobs(last_year):
    out = StringIO()
    call_command("open_leave_year", year=2027, stdout=out)

    assert out.getvalue().strip() == (
        "2027: 4 allocation(s) opened, 4 with days carried over, "
        "12 public holiday(s) filled"
    )
    jobs = [job for answer in hooks.run(hooks.TIMED_JOBS) for job in answer]
    assert ("open_leave_year", 86400) in jobs


def test_a_type_that_does_not_carry_over_starts_the_year_afresh(last_year):
    sick = last_year["sick"]
    sick.carries_over = False
    sick.save()

    opened = allocation_open_year(year=2027)

    # The same 14 days, none of the 14 unused carried over.
    assert opened_2027()[("Nur Aisyah", "SL")] == (Decimal("14"), Decimal("0"), None)
    assert opened_2027()[("Nur Aisyah", "AL")][1] == Decimal("5")
    assert (opened.opened, opened.carried) == (4, 3)
