"""Reads that pages list many of: balances and staffing impacts in a fixed
number of queries, however many rows."""

import datetime
from decimal import Decimal

from workforce.leave.calculations import Balance
from workforce.leave.selectors import allocation_balances, staffing_impacts

D = datetime.date
MON, TUE, WED = D(2026, 3, 9), D(2026, 3, 10), D(2026, 3, 11)


def test_the_balances_of_several_allocations_take_one_query(
    leave, ask, django_assert_num_queries
):
    ask()  # Mon 9 – Fri 13 March: five days of annual leave pending
    annual, sick = leave["aisyah_annual"], leave["aisyah_sick"]

    with django_assert_num_queries(1):
        balances = allocation_balances([annual, sick])

    assert balances == {
        # No carry-over, so no expiry: every day counts as before it.
        annual.pk: Balance(Decimal("14"), used_by_expiry=Decimal("5")),
        sick.pk: Balance(Decimal("14")),
    }


def test_each_request_is_judged_on_its_own_in_three_queries(
    leave, ask, publish, django_assert_num_queries
):
    # Desk early (minimum 1): Aisyah alone on Monday, Wei alone on Tuesday,
    # both 07:00–16:00.
    publish(
        [(leave["aisyah"], MON, leave["early"]), (leave["wei"], TUE, leave["early"])]
    )
    monday = ask(last_day=MON)
    tuesday_afternoon = ask(
        staff=leave["wei"],
        leave_type=leave["unpaid"],
        first_day=TUE,
        last_day=TUE,
        first_day_part="afternoon",
        last_day_part="afternoon",
        by=leave["wei_user"],
    )
    no_shift = ask(
        staff=leave["kelvin"],
        leave_type=leave["unpaid"],
        first_day=WED,
        last_day=WED,
        by=leave["kelvin_user"],
    )

    with django_assert_num_queries(3):
        found = staffing_impacts([monday, tuesday_afternoon, no_shift])

    summary = {
        pk: [(d.team.name, d.day, len(d.intervals)) for d in days]
        for pk, days in found.items()
    }
    assert summary == {
        monday.pk: [("Desk early", MON, 18)],  # 07:00–16:00
        tuesday_afternoon.pk: [("Desk early", TUE, 9)],  # 11:30–16:00
        no_shift.pk: [],
    }
