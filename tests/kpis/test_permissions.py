"""Who may open each KPI page (docs/permissions.md, docs/kpis.md): the
definitions and collection targets are the managers' to edit and the
leads' to read; the leaderboard and the daily report are for leads and
managers; a collector's page is theirs, their lead's and the managers'.
Every other role is refused with 403."""

import pytest
from django.urls import reverse

from deskbook.core.roles import COLLECTOR, EDITOR, QA_ANALYST, TEAM_LEAD, TRAINER

OTHERS = (COLLECTOR, TRAINER, QA_ANALYST, EDITOR)
READ_BY_LEADS = ("kpi_definitions:index", "kpi_collection_targets:index")
EDITED_BY_MANAGERS = ("kpi_definitions:add", "kpi_collection_targets:add")
LEADS_AND_MANAGERS = ("kpis:leaderboard", "kpis:daily_report")


@pytest.mark.parametrize("role", OTHERS)
@pytest.mark.parametrize(
    "name", READ_BY_LEADS + EDITED_BY_MANAGERS + LEADS_AND_MANAGERS
)
def test_roles_without_access_are_refused(client, desk, user_with_role, role, name):
    client.force_login(user_with_role(role))
    assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("role", (TRAINER, QA_ANALYST, EDITOR))
def test_no_other_role_opens_a_collectors_kpis_or_ramp(
    client, desk, user_with_role, role
):
    client.force_login(user_with_role(role))
    aisyah = desk["aisyah"].pk
    assert client.get(reverse("kpis:collector", args=[aisyah])).status_code == 403
    assert client.get(reverse("kpis:ramp", args=[aisyah])).status_code == 403


@pytest.mark.parametrize("name", READ_BY_LEADS + LEADS_AND_MANAGERS)
def test_a_lead_reads_definitions_targets_and_their_reports(client, desk, name):
    client.force_login(desk["lead"])
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", EDITED_BY_MANAGERS)
def test_a_lead_may_not_add_definitions_or_targets(client, desk, name):
    client.force_login(desk["lead"])
    assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize(
    "name", READ_BY_LEADS + EDITED_BY_MANAGERS + LEADS_AND_MANAGERS
)
def test_a_manager_opens_every_kpi_page(client, desk, name):
    client.force_login(desk["manager"])
    assert client.get(reverse(name)).status_code == 200


def test_a_lead_of_no_team_is_refused_the_leaderboard_and_report(
    client, desk, user_with_role
):
    client.force_login(user_with_role(TEAM_LEAD))
    for name in LEADS_AND_MANAGERS:
        assert client.get(reverse(name)).status_code == 403, name


@pytest.mark.parametrize("name", EDITED_BY_MANAGERS + READ_BY_LEADS)
def test_anonymous_is_sent_to_sign_in(client, desk, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert "/login/" in response["Location"]
