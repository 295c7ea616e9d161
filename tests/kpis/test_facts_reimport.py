"""A re-imported call log or payments file that changes recorded rows: the
hourly build rebuilds every day the changes touched (old and new), so its
facts equal a rebuild from scratch, not the stale ones."""

import datetime
from decimal import Decimal

import pytest

from tests.kpis.conftest import table
from training.kpis.models import CollectorDay
from training.kpis.services import (
    days_changed_since_last_build,
    facts_rebuild_all,
    facts_rebuild_changed,
)
from training.qa.services import import_calls, import_payments

D = datetime.date
HEADER = (
    "call_id,agent_id,account_reference,dpd_bucket,debtor_time_zone,start,"
    "duration,direction,outcome,promised_amount,promised_date,recording\n"
)
PAYMENTS = "payment_id,account,amount,date\n"


@pytest.fixture
def imported(floor, frozen_time, tmp_path):
    """Aisyah's and Wei's calls of 2–5 March 2026 and the payments, imported
    from files and built; the clock on Tuesday 10 March, 09:00 (yesterday
    the 9th, and the 6th's promises just past their 3 days of grace)."""
    aisyah, wei = floor["aisyah"].employee_number, floor["wei"].employee_number
    calls = HEADER + (
        f"C1,{aisyah},ACC-A,1-30,,2026-03-02 09:00,30,outbound,no answer,,,\n"
        f"C2,{aisyah},ACC-B,1-30,,2026-03-02 10:00,120,outbound,RPC,,,\n"
        f"C3,{aisyah},ACC-A,1-30,,2026-03-02 11:00,300,outbound,PTP,"
        "500.00,2026-03-05,\n"
        f"C4,{wei},ACC-D,1-30,,2026-03-03 10:00,90,outbound,RPC,,,\n"
        f"C5,{wei},ACC-E,1-30,,2026-03-05 10:00,45,outbound,RPC,,,\n"
    )
    payments = PAYMENTS + "P1,ACC-A,300.00,2026-03-04\nP2,ACC-B,150.00,2026-03-06\n"
    files = {"calls": tmp_path / "calls.csv", "payments": tmp_path / "payments.csv"}
    files["calls"].write_text(calls)
    files["payments"].write_text(payments)
    import_calls(source=files["calls"], filename="calls.csv")
    import_payments(source=files["payments"], filename="payments.csv")
    now = frozen_time("2026-03-10 09:00")
    facts_rebuild_all(now=now)
    return {"now": now, "calls": calls, "payments": payments, "files": files}


def reimport(imported, kind, text):
    path = imported["files"][kind]
    path.write_text(text)
    action = import_calls if kind == "calls" else import_payments
    return action(source=path, filename=path.name)


def rebuilt_changed_equals_from_scratch(now) -> dict:
    """The hourly build's facts, checked against a rebuild of every day."""
    facts_rebuild_changed(now=now)
    incremental = table()
    facts_rebuild_all(now=now)
    assert incremental == table()
    return incremental


def test_calls_changed_in_place_are_rebuilt_on_their_old_and_new_days(imported):
    stale = table()
    # C2 becomes a promise due on the 3rd, which B's payment on the 6th keeps
    # (the last day of grace); C5 moves from the 5th to 00:30 on the 4th
    # (still the 3rd in UTC).
    changed = (
        imported["calls"]
        .replace(
            "ACC-B,1-30,,2026-03-02 10:00,120,outbound,RPC,,,",
            "ACC-B,1-30,,2026-03-02 10:00,120,outbound,PTP,150.00,2026-03-03,",
        )
        .replace("ACC-E,1-30,,2026-03-05 10:00", "ACC-E,1-30,,2026-03-04 00:30")
    )
    assert reimport(imported, "calls", changed).updated == 2

    # Yesterday and the promises just past grace (the 9th, the 6th), C2's
    # day and new promised date and the days of B's payments (the 2nd, the
    # 3rd, the 6th), C5's old and new days (the 5th, the 4th).
    assert days_changed_since_last_build(now=imported["now"]) == {
        D(2026, 3, 9),
        D(2026, 3, 6),
        D(2026, 3, 2),
        D(2026, 3, 3),
        D(2026, 3, 5),
        D(2026, 3, 4),
    }
    facts = rebuilt_changed_equals_from_scratch(imported["now"])
    assert facts != stale
    aisyah, wei = "binti Ahmad", "Tan"
    assert facts[(aisyah, D(2026, 3, 2), "Desk early")]["promises"] == 2
    assert facts[(aisyah, D(2026, 3, 3), "Desk early")]["kept"] == 1
    assert facts[(aisyah, D(2026, 3, 6), "Desk early")]["collected"] == Decimal(150)
    assert facts[(wei, D(2026, 3, 4), "Desk early")]["contacts"] == 1
    assert (wei, D(2026, 3, 5), "Desk early") not in facts
    assert stale[(wei, D(2026, 3, 5), "Desk early")]["contacts"] == 1

    # Nothing changed since: only the two days the calendar moves.
    assert days_changed_since_last_build(now=imported["now"]) == {
        D(2026, 3, 9),
        D(2026, 3, 6),
    }


def test_a_payment_changed_in_place_is_rebuilt_with_the_promises_it_keeps(
    imported,
):
    stale = table()
    assert stale[("binti Ahmad", D(2026, 3, 5), "Desk early")]["broken"] == 1
    # P1 pays the whole promise of A, on the 7th instead of the 4th.
    changed = imported["payments"].replace(
        "P1,ACC-A,300.00,2026-03-04", "P1,ACC-A,500.00,2026-03-07"
    )
    assert reimport(imported, "payments", changed).updated == 1

    # P1's old and new days (the 4th, the 7th), and A's promise due the 5th.
    assert days_changed_since_last_build(now=imported["now"]) == {
        D(2026, 3, 9),
        D(2026, 3, 6),
        D(2026, 3, 4),
        D(2026, 3, 7),
        D(2026, 3, 5),
    }
    facts = rebuilt_changed_equals_from_scratch(imported["now"])
    assert facts != stale
    aisyah = "binti Ahmad"
    assert facts[(aisyah, D(2026, 3, 5), "Desk early")]["kept"] == 1
    assert "broken" not in facts[(aisyah, D(2026, 3, 5), "Desk early")]
    assert facts[(aisyah, D(2026, 3, 7), "Desk early")]["collected"] == Decimal(500)
    assert "collected" not in facts.get((aisyah, D(2026, 3, 4), "Desk early"), {})


def test_an_identical_reimport_leaves_the_built_days_alone(imported):
    built = CollectorDay.objects.count()
    assert reimport(imported, "calls", imported["calls"]).duplicate == 5
    assert reimport(imported, "payments", imported["payments"]).duplicate == 2
    assert days_changed_since_last_build(now=imported["now"]) == {
        D(2026, 3, 9),
        D(2026, 3, 6),
    }
    assert CollectorDay.objects.count() == built
