"""Collection targets: spread over the days each collector spent in the
team, a team's replacing its stage's, read as collected vs target on the
collector's page and the leaderboard; set by managers only, and a change
rebuilds the month's facts."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from deskbook.core.vocabulary import CollectionStage
from training.kpis.models import CollectionTarget, CollectorDay, KpiDefinition
from training.kpis.services import facts_rebuild

MARCH_1_TO_9 = [
    datetime.date(2026, 3, 1) + datetime.timedelta(days=n) for n in range(9)
]


@pytest.fixture
def targeted(kpi_week):
    """Early collection is set 3,100.00 a collector for March (100.00 a
    day); Desk late has its own 620.00 (20.00 a day)."""
    CollectionTarget.objects.create(
        stage=CollectionStage.EARLY,
        month=datetime.date(2026, 3, 1),
        amount=Decimal("3100.00"),
    )
    CollectionTarget.objects.create(
        team=kpi_week["other"],
        month=datetime.date(2026, 3, 17),
        amount=Decimal("620.00"),
    )
    return kpi_week


def targets():
    found = {}
    for row in CollectorDay.objects.select_related("collector"):
        name = row.collector.first_name
        found[name] = found.get(name, Decimal(0)) + row.collection_target
    return found


def test_a_target_is_kept_for_its_months_first_day(targeted):
    assert CollectionTarget.objects.get(team=targeted["other"]).month == (
        datetime.date(2026, 3, 1)
    )


def test_each_collector_is_held_to_the_days_spent_in_each_team(targeted):
    facts_rebuild(days=MARCH_1_TO_9)
    # Aisyah and Kelvin in Desk early all nine days: 9 x 100.00. Wei in Desk
    # early on 1-3 March (3 x 100.00), then Desk late (6 x 20.00, the team's
    # own target replacing the stage's). Dewi in Desk late: 9 x 20.00.
    assert targets() == {
        "Nur Aisyah": Decimal("900.00"),
        "Kelvin": Decimal("900.00"),
        "Wei Ming": Decimal("420.00"),
        "Dewi": Decimal("180.00"),
    }
    # Sunday 1 March has no calls or shifts: its row holds the target alone.
    sunday = CollectorDay.objects.get(
        collector=targeted["kelvin"], day=datetime.date(2026, 3, 1)
    )
    assert sunday.collection_target == Decimal("100.00")
    assert sunday.attempts == 0


def test_collected_vs_target_on_the_collectors_page_and_the_composite(client, targeted):
    KpiDefinition.objects.create(
        name="Collected vs target",
        measure="collected_vs_target",
        target=Decimal(100),
        stage=CollectionStage.EARLY,
    )
    facts_rebuild(days=MARCH_1_TO_9)
    client.force_login(targeted["aisyah_user"])
    page = client.get(reverse("kpis:mine") + "?month=2026-03").content.decode()
    # Payments of 300.00 and 200.00 on ACC-A kept Aisyah's promise: 500.00
    # of 900.00 = 55.56%, attaining 55.56% of the 100% target.
    assert "Collected vs target: 500.00 ÷ 900.00 = 55.56 against a target" in page
    assert "<span data-composite>55.56</span>" in page
    assert "of a collection target of 900.00" in page


def test_the_leaderboard_shows_collected_and_the_target(client, targeted):
    facts_rebuild(days=MARCH_1_TO_9)
    client.force_login(targeted["lead"])
    response = client.get(reverse("kpis:leaderboard") + "?month=2026-03&export=csv")
    rows = b"".join(response.streaming_content).decode().splitlines()
    assert rows[0].endswith("Collected,Collection target,Collected vs target (%)")
    aisyah = next(row for row in rows if "Aisyah" in row)
    assert aisyah.endswith(",500.00,900.00,55.56")
    kelvin = next(row for row in rows if "Kelvin" in row)
    assert kelvin.endswith(",0.00,900.00,0.00")


def test_a_manager_sets_a_target_and_the_month_is_rebuilt(
    client, kpi_week, django_capture_on_commit_callbacks
):
    facts_rebuild(days=MARCH_1_TO_9)
    assert not CollectorDay.objects.filter(collection_target__gt=0).exists()
    client.force_login(kpi_week["manager"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("kpi_collection_targets:add"),
            {"month": "2026-03-01", "stage": "early", "team": "", "amount": "3100.00"},
        )
    assert response.status_code == 302
    # The month is rebuilt up to today (10 March): Aisyah 10 x 100.00.
    assert sum(
        CollectorDay.objects.filter(collector=kpi_week["aisyah"]).values_list(
            "collection_target", flat=True
        )
    ) == Decimal("1000.00")


def test_a_target_for_both_a_stage_and_a_team_is_refused(client, kpi_week):
    client.force_login(kpi_week["manager"])
    response = client.post(
        reverse("kpi_collection_targets:add"),
        {
            "month": "2026-03-01",
            "stage": "early",
            "team": kpi_week["team"].pk,
            "amount": "10",
        },
    )
    assert response.status_code == 200
    assert "not both or neither" in response.content.decode()
    assert not CollectionTarget.objects.exists()


def test_leads_read_targets_and_collectors_are_refused(client, targeted):
    client.force_login(targeted["lead"])
    assert client.get(reverse("kpi_collection_targets:index")).status_code == 200
    assert client.get(reverse("kpi_collection_targets:add")).status_code == 403
    client.force_login(targeted["aisyah_user"])
    assert client.get(reverse("kpi_collection_targets:index")).status_code == 403
