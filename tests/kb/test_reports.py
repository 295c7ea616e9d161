import csv
import datetime
import io
import re

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kb.selectors import outstanding_acknowledgements
from kb.services import sop_acknowledge, sop_review_schedule_set
from tests.workforce.factories import PartnerAgencyFactory, StaffFactory, TeamFactory
from workforce.people.models import PartnerAgency, Staff, Team
from workforce.people.services import staff_move

from .factories import make_sop

pytestmark = pytest.mark.usefixtures("site_tree")

User = get_user_model()
OUTSTANDING = "/admin/reports/kb/outstanding-acknowledgements/"
REVIEWS_DUE = "/admin/reports/kb/reviews-due/"


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def counted_get(client, url) -> tuple[int, bytes, int]:
    """Status and body of ``url``, read to the end, and the queries that took."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        content = body(response)
    return response.status_code, content, len(captured)


def parse_csv(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


def csv_rows(response) -> list[dict]:
    return parse_csv(body(response))


@pytest.fixture
def two_teams(user_with_role):
    """Two teams of two collectors: Desk early (amy, ben), in-house, which the
    team lead leads, and Field (cal, dee), run by Acme Recoveries."""
    lead = user_with_role("Team lead", username="lead")
    early = TeamFactory(name="Desk early", slug="desk-early", lead=lead)
    acme = PartnerAgencyFactory(name="Acme Recoveries")
    field = TeamFactory(name="Field", slug="field", partner=acme)
    people = {}
    for team, names in ((early, ("amy", "ben")), (field, ("cal", "dee"))):
        for name in names:
            user = user_with_role("Collector", username=name)
            StaffFactory(team=team, user=user)
            people[name] = user
    return lead, people


def test_manager_sees_everyone_outstanding_with_team_and_exports(client_as, two_teams):
    _, people = two_teams
    page = make_sop("Letter of demand")
    sop_acknowledge(page=page, user=people["amy"], version_number=1)
    client = client_as("Manager")
    response = client.get(OUTSTANDING)
    assert response.status_code == 200
    html = response.content.decode()
    assert "3</strong> acknowledgements outstanding" in html
    rows = csv_rows(client.get(OUTSTANDING + "?export=csv"))
    assert {(r["Username"], r["Team"]) for r in rows} == {
        ("ben", "Desk early"),
        ("cal", "Field"),
        ("dee", "Field"),
    }
    assert {r["SOP"] for r in rows} == {"Letter of demand"}
    assert rows[0]["Asked on"] == f"{timezone.localdate():%Y-%m-%d}"
    workbook = openpyxl.load_workbook(
        io.BytesIO(body(client.get(OUTSTANDING + "?export=xlsx")))
    )
    sheet = workbook.active
    assert [cell.value for cell in sheet[1]][:3] == ["SOP", "Revision", "Username"]
    assert sheet.max_row == 4


def test_report_filters_by_team_and_sop(client_as, two_teams):
    make_sop("Letter of demand")
    make_sop("Proof of debt")
    client = client_as("Manager")
    rows = csv_rows(client.get(OUTSTANDING + "?export=csv&team=field"))
    assert {r["Username"] for r in rows} == {"cal", "dee"}
    assert len(rows) == 4
    from kb.models import SOPPage

    proof = SOPPage.objects.get(slug="proof-of-debt")
    rows = csv_rows(client.get(OUTSTANDING + f"?export=csv&sop={proof.pk}"))
    assert {r["SOP"] for r in rows} == {"Proof of debt"}
    assert len(rows) == 4


def test_team_lead_sees_only_their_own_teams(client, two_teams):
    lead, _ = two_teams
    make_sop("Letter of demand")
    client.force_login(lead)
    rows = csv_rows(client.get(OUTSTANDING + "?export=csv"))
    assert {r["Username"] for r in rows} == {"amy", "ben"}


def per_group(html: str, kind: str) -> dict[str, int]:
    """The page's summary table per team (``kind="team"``) or per run-by."""
    pattern = rf'data-per-{kind}="([^"]+)"><td>[^<]*</td><td>(\d+)</td>'
    return {name: int(count) for name, count in re.findall(pattern, html)}


def teams_in_export(client, query="") -> dict[str, tuple[str, str]]:
    rows = csv_rows(client.get(OUTSTANDING + "?export=csv" + query))
    return {row["Username"]: (row["Team"], row["Run by"]) for row in rows}


def test_people_are_in_the_team_they_are_in_on_the_reports_date(
    client, client_as, two_teams, user_with_role, frozen_time
):
    """Amy was asked while in Desk early and moves to Field tomorrow: today
    she is Desk early's (not the team her open membership names), tomorrow
    Field's (not the team she was in when asked)."""
    lead, people = two_teams
    frozen_time("2026-03-10 09:00")
    make_sop("Letter of demand")
    staff_move(
        staff=Staff.objects.get(user=people["amy"]),
        team=Team.objects.get(slug="field"),
        effective_on=datetime.date(2026, 3, 11),
        reason="Cover",
        by=user_with_role("Manager"),
    )
    manager = client_as("Manager")
    assert teams_in_export(manager)["amy"] == ("Desk early", "In-house")
    html = manager.get(OUTSTANDING).content.decode()
    assert "on 10 Mar 2026" in html
    assert per_group(html, "team") == {"Desk early": 2, "Field": 2}
    assert per_group(html, "run-by") == {"In-house": 2, "Acme Recoveries": 2}
    assert set(teams_in_export(manager, "&team=desk-early")) == {"amy", "ben"}
    assert set(teams_in_export(manager, "&run_by=in-house")) == {"amy", "ben"}

    frozen_time("2026-03-11 00:00")
    assert teams_in_export(manager)["amy"] == ("Field", "Acme Recoveries")
    html = manager.get(OUTSTANDING).content.decode()
    assert per_group(html, "team") == {"Field": 3, "Desk early": 1}
    assert per_group(html, "run-by") == {"In-house": 1, "Acme Recoveries": 3}
    assert set(teams_in_export(manager, "&team=desk-early")) == {"ben"}
    client.force_login(lead)
    assert set(teams_in_export(client)) == {"ben"}


def test_report_groups_and_filters_by_who_runs_the_team(
    client_as, two_teams, user_with_role
):
    user_with_role("Collector", username="eve")  # in no team
    make_sop("Letter of demand")
    client = client_as("Manager")
    html = client.get(OUTSTANDING).content.decode()
    # In-house first, partner agencies by name, people in no team last.
    assert list(per_group(html, "run-by").items()) == [
        ("In-house", 2),
        ("Acme Recoveries", 2),
        ("No team", 1),
    ]
    assert teams_in_export(client) == {
        "amy": ("Desk early", "In-house"),
        "ben": ("Desk early", "In-house"),
        "cal": ("Field", "Acme Recoveries"),
        "dee": ("Field", "Acme Recoveries"),
        "eve": ("", ""),
    }
    acme = PartnerAgency.objects.get(name="Acme Recoveries")
    assert set(teams_in_export(client, f"&run_by={acme.pk}")) == {"cal", "dee"}
    workbook = openpyxl.load_workbook(
        io.BytesIO(body(client.get(OUTSTANDING + "?export=xlsx&run_by=in-house")))
    )
    sheet = workbook.active
    headings = [cell.value for cell in sheet[1]]
    assert headings[4:6] == ["Team", "Run by"]
    assert {row[5] for row in sheet.iter_rows(min_row=2, values_only=True)} == {
        "In-house"
    }


def test_export_keeps_a_name_from_running_as_a_formula(client_as, user_with_role):
    user_with_role(
        "Collector", username="mallory", first_name="=HYPERLINK(1)", last_name="Doe"
    )
    make_sop("Letter of demand")
    rows = csv_rows(client_as("Manager").get(OUTSTANDING + "?export=csv"))
    assert [row["Name"] for row in rows if row["Username"] == "mallory"] == [
        "'=HYPERLINK(1) Doe"
    ]


@pytest.mark.parametrize("role", ["Collector", "Trainer", "QA analyst", "Editor"])
def test_other_roles_may_not_see_the_outstanding_report(client_as, role):
    make_sop()
    response = client_as(role).get(OUTSTANDING + "?export=csv")
    assert response.status_code == 302  # Wagtail's "permission denied" redirect
    assert b"Username" not in body(response)


def test_outstanding_report_query_count_does_not_grow_with_rows(
    client_as, two_teams, user_with_role
):
    make_sop("Letter of demand")
    client = client_as("Manager")

    def queries():
        status, _, count = counted_get(client, OUTSTANDING)
        assert status == 200
        return count

    queries()  # warm the caches a first request fills
    few = queries()
    for n in range(12):
        user_with_role("Collector", username=f"extra{n}")
    make_sop("Proof of debt")
    assert queries() == few


def test_export_reads_plain_rows_in_a_flat_number_of_queries(
    client_as, two_teams, user_with_role
):
    make_sop("Letter of demand")
    client = client_as("Manager")

    def export():
        _, content, count = counted_get(
            client, OUTSTANDING + "?export=csv&ordering=-user__last_name"
        )
        return parse_csv(content), count

    export()  # warm the caches a first request fills
    rows, few = export()
    assert len(rows) == 4
    for n in range(12):
        user_with_role(
            "Collector", username=f"extra{n}", first_name="Ed", last_name=f"N{n:02}"
        )
    make_sop("Proof of debt")
    rows, many = export()
    assert many == few
    assert len(rows) == 2 * (4 + 12)
    # The report's ordering (people by last name, descending) holds in the export.
    # The database's collation decides the order, as it does on the page.
    last_name = dict(User.objects.values_list("username", "last_name"))
    ordered = outstanding_acknowledgements().order_by("-user__last_name")
    assert [last_name[row["Username"]] for row in rows] == list(
        ordered.values_list("user__last_name", flat=True)
    )
    assert "Ed N11" in {row["Name"] for row in rows}
    assert {row["Team"] for row in rows if row["Username"] == "extra0"} == {""}
    assert {row["Team"] for row in rows if row["Username"] == "cal"} == {"Field"}


def test_reviews_due_report_lists_overdue_sops_for_managers_and_editors(
    client_as, user_with_role
):
    owner = user_with_role("Team lead", username="owner")
    overdue = make_sop("Field visit safety", procedure_owner=owner)
    make_sop("Proof of debt")  # just reviewed by its publish
    sop_review_schedule_set(
        page=overdue,
        last_reviewed_on=timezone.localdate() - datetime.timedelta(days=500),
    )
    for role in ("Manager", "Editor"):
        client = client_as(role)
        rows = csv_rows(client.get(REVIEWS_DUE + "?export=csv"))
        assert [r["SOP"] for r in rows] == ["Field visit safety"]
        assert rows[0]["Owner"] == "owner"
        assert client.get(REVIEWS_DUE).status_code == 200
        rows = csv_rows(client.get(REVIEWS_DUE + "?export=csv&department=sales"))
        assert rows == []
        client.logout()


@pytest.mark.parametrize("role", ["Collector", "Team lead", "QA analyst"])
def test_other_roles_may_not_see_the_reviews_due_report(client_as, role):
    assert client_as(role).get(REVIEWS_DUE).status_code == 302


def test_dashboard_shows_my_outstanding_acknowledgements_and_my_reviews_due(
    client, user_with_role
):
    owner = user_with_role("Collector", username="owner")
    page = make_sop("Field visit safety", procedure_owner=owner)
    sop_review_schedule_set(
        page=page, last_reviewed_on=timezone.localdate() - datetime.timedelta(999)
    )
    client.force_login(owner)
    html = client.get("/admin/").content.decode()
    assert 'data-outstanding-acknowledgements="1"' in html
    assert "Your SOPs due for review" in html and "(overdue)" in html
    sop_acknowledge(page=page, user=owner, version_number=1)
    html = client.get("/admin/").content.decode()
    assert 'data-outstanding-acknowledgements="0"' in html
    assert "nothing to acknowledge" in html
