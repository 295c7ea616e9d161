"""KPIs in the browser: a collector opens *My KPIs* and sees her own numbers
and no one else's; her lead's leaderboard shows the team."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from deskbook.core.bootstrap import bootstrap_site
from deskbook.core.roles import COLLECTOR, TEAM_LEAD
from deskbook.core.vocabulary import CollectionStage
from tests.factories import UserFactory
from tests.workforce.factories import StaffFactory, TeamFactory
from training.kpis.models import KpiDefinition
from training.kpis.services import facts_rebuild
from training.qa.models import Call

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def calls(person, outcomes, started):
    for n, outcome in enumerate(outcomes):
        Call.objects.create(
            call_id=f"{person.last_name}-{n}",
            collector=person,
            account_reference=f"ACC-{person.last_name}-{n}",
            started_at=started,
            duration_seconds=60,
            direction="outbound",
            outcome=outcome,
        )


@pytest.fixture
def team_month(transactional_db):
    """Desk early (early collection), led by ``lead``: Aisyah reached the
    right party on 1 call of 4 an hour ago, Budi on 3 of 4."""
    bootstrap_site()
    lead = UserFactory(username="lead", roles=[TEAM_LEAD])
    team = TeamFactory(
        name="Desk early", slug="desk-early", lead=lead, stage=CollectionStage.EARLY
    )
    aisyah = StaffFactory(
        first_name="Aisyah",
        last_name="Rahman",
        team=team,
        user=UserFactory(username="aisyah", roles=[COLLECTOR]),
    )
    budi = StaffFactory(first_name="Budi", last_name="Santoso", team=team)
    started = timezone.now() - datetime.timedelta(hours=1)
    calls(aisyah, ["right_party_contact", "no_answer", "no_answer", "busy"], started)
    calls(budi, ["right_party_contact"] * 3 + ["no_answer"], started)
    KpiDefinition.objects.create(
        name="RPC rate",
        measure="rpc_rate",
        target=Decimal(50),
        stage=CollectionStage.EARLY,
    )
    day = timezone.localdate(started)
    facts_rebuild(days=[day])
    return {"month": f"{day:%Y-%m}", "budi": budi}


def test_a_collector_sees_her_own_kpis_and_not_a_colleagues(
    page, live_server, sign_in, team_month
):
    sign_in(page, "aisyah")
    page.goto(f"{live_server.url}/admin/kpis/mine/?month={team_month['month']}")
    row = page.locator('[data-kpi="RPC rate"]')
    assert row.locator("[data-value]").inner_text() == "25.00"
    assert "Aisyah Rahman" in page.locator("h1").inner_text()
    assert "Budi" not in page.content()
    assert page.locator("[data-trend]").count() == 1
    budi = f"{live_server.url}/admin/kpis/collector/{team_month['budi'].pk}/"
    assert page.goto(budi).status == 403


def test_the_leads_leaderboard_shows_the_team_ranked(
    page, live_server, sign_in, team_month
):
    sign_in(page, "lead")
    page.goto(
        f"{live_server.url}/admin/kpis/leaderboard/"
        f"?month={team_month['month']}&kpi=RPC+rate"
    )
    lines = page.locator("[data-leaderboard] [data-line]")
    assert lines.count() == 2
    assert lines.nth(0).inner_text().split("\t")[:4] == [
        "1",
        "Desk early",
        "Budi Santoso",
        "75.00",
    ]
    assert lines.nth(1).inner_text().split("\t")[2:4] == ["Aisyah Rahman", "25.00"]
