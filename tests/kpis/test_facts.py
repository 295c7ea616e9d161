"""The daily fact build against a hand-counted week: calls on the agency's
day, promises on the day they fall due, payments credited to who took the
promise, attendance, breaches, the team of each day; and that every way of
building gives the same rows."""

import datetime
from decimal import Decimal

from django.core.management import call_command

from tests.kpis.conftest import MON, payment, table
from training.kpis.calculations.measures import TOTAL_FIELDS
from training.kpis.models import CollectorDay, FactBuild
from training.kpis.services import (
    days_changed_since_last_build,
    facts_rebuild,
    facts_rebuild_all,
    facts_rebuild_changed,
)

D = datetime.date
SHIFT = {"scheduled_minutes": 540, "days_scheduled": 1}


def test_the_fact_columns_are_the_calculations_fact_totals_one_to_one():
    columns = [
        field.name
        for field in CollectorDay._meta.concrete_fields
        if field.name not in {"id", "collector", "day", "team"}
    ]
    assert columns == list(TOTAL_FIELDS)


def test_a_week_of_calls_payments_and_attendance_gives_the_hand_counted_facts(
    kpi_week,
):
    facts_rebuild(days=[MON + datetime.timedelta(days=n) for n in range(7)])

    assert table() == {
        ("binti Ahmad", D(2026, 3, 2), "Desk early"): {
            "attempts": 4,  # the inbound promise is not an attempt
            "contacts": 2,
            "promises": 1,  # outbound only
            "promised_amount": Decimal("500.00"),
            "handle_seconds": 480,  # 120 + 300 + 60: the answered calls
            "handled_calls": 3,
            "hours_worked": Decimal("9.00"),
            "scheduled_minutes": 540,
            "adherent_minutes": 540,
            "days_scheduled": 1,
            "days_present": 1,
            "contact_rule_breaches": 1,
        },
        # B's 200 fell due on the 3rd; nothing paid by the 6th: broken.
        ("binti Ahmad", D(2026, 3, 3), "Desk early"): {"broken": 1, **SHIFT},
        ("binti Ahmad", D(2026, 3, 4), "Desk early"): {
            "collected": Decimal("300.00"),
            **SHIFT,
        },
        # A's 500 fell due on the 5th and was paid in full by the 8th: kept.
        ("binti Ahmad", D(2026, 3, 5), "Desk early"): {"kept": 1, **SHIFT},
        ("binti Ahmad", D(2026, 3, 6), "Desk early"): SHIFT,
        ("Tan", D(2026, 3, 2), "Desk early"): SHIFT,
        ("Tan", D(2026, 3, 3), "Desk early"): {
            "attempts": 1,
            "contacts": 1,
            "handle_seconds": 90,
            "handled_calls": 1,
            "contact_rule_breaches": 1,  # 00:30 is outside the window too
            **SHIFT,
        },
        # Moved to Desk late on the 4th: the days from then are that team's.
        ("Tan", D(2026, 3, 4), "Desk late"): SHIFT,
        ("Tan", D(2026, 3, 5), "Desk late"): {"attempts": 1, **SHIFT},
        ("Tan", D(2026, 3, 6), "Desk late"): SHIFT,
        ("binti Ahmad", D(2026, 3, 8), "Desk early"): {"collected": Decimal("200.00")},
    }


def test_a_promise_inside_its_grace_is_neither_kept_nor_broken_yet(
    kpi_week, frozen_time
):
    # On the 5th, B's deadline (the 6th) has not passed: pending, not broken.
    facts_rebuild(days=[D(2026, 3, 3)], now=frozen_time("2026-03-05 12:00"))
    aisyah = CollectorDay.objects.get(collector=kpi_week["aisyah"], day=D(2026, 3, 3))
    assert (aisyah.kept, aisyah.broken) == (0, 0)
    facts_rebuild(days=[D(2026, 3, 3)], now=frozen_time("2026-03-07 00:00"))
    aisyah = CollectorDay.objects.get(collector=kpi_week["aisyah"], day=D(2026, 3, 3))
    assert (aisyah.kept, aisyah.broken) == (0, 1)


def test_rebuilding_from_scratch_equals_building_day_by_day_in_any_order(kpi_week):
    days = [MON + datetime.timedelta(days=n) for n in range(9)]
    for day in reversed(days):
        facts_rebuild(days=[day])
    by_day = table()
    facts_rebuild(days=days[::2])
    facts_rebuild(days=days[1::2])
    assert table() == by_day
    facts_rebuild_all()
    assert table() == by_day
    assert len(by_day) == 11


def test_a_recompute_gives_identical_rows(kpi_week):
    facts_rebuild_all()
    first = list(CollectorDay.objects.order_by("collector", "day").values())
    facts_rebuild_all()
    again = list(CollectorDay.objects.order_by("collector", "day").values())
    strip = [{k: v for k, v in row.items() if k != "id"} for row in first]
    assert [{k: v for k, v in row.items() if k != "id"} for row in again] == strip


def test_the_daily_job_rebuilds_the_days_a_late_payment_touched(kpi_week):
    facts_rebuild_all()
    assert FactBuild.objects.latest().calls_through is not None
    # B pays 200 on the 6th, inside the grace of its promise due on the 3rd.
    payment("ACC-B", "200.00", D(2026, 3, 6))
    changed = days_changed_since_last_build(now=kpi_week["now"])
    # Yesterday, the day whose promises just passed their deadline, the
    # payment's day, and the due days of the account's promises.
    assert changed == {D(2026, 3, 9), D(2026, 3, 6), D(2026, 3, 3)}
    facts_rebuild_changed()
    aisyah_3rd = CollectorDay.objects.get(
        collector=kpi_week["aisyah"], day=D(2026, 3, 3)
    )
    assert (aisyah_3rd.kept, aisyah_3rd.broken) == (1, 0)
    aisyah_6th = CollectorDay.objects.get(
        collector=kpi_week["aisyah"], day=D(2026, 3, 6)
    )
    assert aisyah_6th.collected == Decimal("200.00")
    # Nothing new since: only the two days the calendar moves.
    assert days_changed_since_last_build(now=kpi_week["now"]) == {
        D(2026, 3, 9),
        D(2026, 3, 6),
    }


def test_the_command_builds_a_range_or_everything(kpi_week):
    call_command("build_kpi_facts", "--from", "2026-03-02", "--to", "2026-03-03")
    assert set(CollectorDay.objects.values_list("day", flat=True)) == {
        D(2026, 3, 2),
        D(2026, 3, 3),
    }
    call_command("build_kpi_facts", "--all")
    assert CollectorDay.objects.count() == 11
