"""The Workforce admin: a person's page, filters, exports, moves, partners and
resignations, each allowed to its roles and refused to the others."""

import datetime

import pytest

from deskbook.core.roles import COLLECTOR, MANAGER, TEAM_LEAD
from tests.workforce.factories import PartnerAgencyFactory, StaffFactory, TeamFactory
from tests.workforce.test_staff_admin import assert_refused
from workforce.people.models import Language, Resignation, Staff
from workforce.people.services import resignation_record

STAFF = "/admin/workforce/staff/"
MOVES = "/admin/workforce/moves/"
PARTNERS = "/admin/workforce/partners/"
RESIGNATIONS = "/admin/workforce/resignations/"


@pytest.fixture
def floor(db, user_with_role, frozen_time):
    frozen_time("2026-03-02 09:00")
    lead = user_with_role(TEAM_LEAD, username="lead", first_name="Lina")
    partner = PartnerAgencyFactory(name="Nusantara Recoveries")
    early = TeamFactory(name="Desk early", lead=lead)
    batam = TeamFactory(name="Batam desk", partner=partner)
    aisyah = StaffFactory(first_name="Aisyah", last_name="Rahman", team=early)
    dewi = StaffFactory(first_name="Dewi", last_name="Santoso", team=batam)
    return {
        "lead": lead,
        "early": early,
        "batam": batam,
        "aisyah": aisyah,
        "dewi": dewi,
    }


def names(response) -> set[str]:
    html = response.content.decode()
    return {name for name in ("Aisyah", "Dewi", "Lina") if name in html}


def test_a_persons_page_shows_their_team_history(client_as, floor):
    client = client_as(MANAGER)
    aisyah = floor["aisyah"]
    client.post(
        f"{MOVES}new/",
        {
            "staff": aisyah.pk,
            "team": floor["batam"].pk,
            "valid_from": "2026-04-01",
            "reason": "Batam cover",
        },
    )
    html = client.get(f"{STAFF}inspect/{aisyah.pk}/").content.decode()
    assert "Team history" in html
    assert "Batam desk" in html and "2026-04-01" in html and "Batam cover" in html
    assert "Desk early" in html and "2024-01-15" in html and "2026-03-31" in html


def test_a_lead_opens_their_persons_page_not_another_teams(client, floor):
    client.force_login(floor["lead"])
    assert client.get(f"{STAFF}inspect/{floor['aisyah'].pk}/").status_code == 200
    assert_refused(client.get(f"{STAFF}inspect/{floor['dewi'].pk}/"))


def test_a_collector_is_refused_a_persons_page(client_as, floor):
    assert_refused(client_as(COLLECTOR).get(f"{STAFF}inspect/{floor['aisyah'].pk}/"))


def test_staff_filter_by_team_partner_status_and_language(client_as, floor):
    client = client_as(MANAGER)
    malay = Language.objects.get(code="ms")
    floor["dewi"].languages.add(malay)
    Staff.objects.filter(pk=floor["aisyah"].pk).update(status=Staff.Status.ON_NOTICE)
    assert names(client.get(STAFF, {"team": floor["early"].pk})) == {"Aisyah"}
    partner = floor["batam"].partner
    assert names(client.get(STAFF, {"partner": partner.pk})) == {"Dewi"}
    assert names(client.get(STAFF, {"status": "on_notice"})) == {"Aisyah"}
    assert names(client.get(STAFF, {"languages": malay.pk})) == {"Dewi"}


def test_staff_export_neutralises_formulas_and_names_team_and_partner(client_as, floor):
    Staff.objects.filter(pk=floor["dewi"].pk).update(last_name="=HYPERLINK(1)")
    response = client_as(MANAGER).get(STAFF, {"export": "csv"})
    body = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK(1)" in body
    assert ",=HYPERLINK" not in body
    assert "Batam desk,Nusantara Recoveries" in body


def test_a_lead_records_a_move_of_their_person(client, floor):
    client.force_login(floor["lead"])
    aisyah = floor["aisyah"]
    response = client.post(
        f"{MOVES}new/",
        {
            "staff": aisyah.pk,
            "team": floor["batam"].pk,
            "valid_from": "2026-04-01",
            "reason": "Batam cover",
        },
    )
    assert response.status_code == 302
    assert aisyah.team_on(datetime.date(2026, 4, 1)) == floor["batam"]


def test_a_backdated_move_is_refused_with_the_reason_and_saves_nothing(
    client_as, floor
):
    client = client_as(MANAGER)
    aisyah = floor["aisyah"]
    response = client.post(
        f"{MOVES}new/",
        {
            "staff": aisyah.pk,
            "team": floor["batam"].pk,
            "valid_from": "2023-01-01",
            "reason": "Backdated",
        },
    )
    assert response.status_code == 200
    assert "was hired on 2024-01-15" in response.content.decode()
    assert aisyah.memberships.count() == 1


def test_a_lead_cannot_move_another_teams_person(client, floor):
    client.force_login(floor["lead"])
    dewi = floor["dewi"]
    response = client.post(
        f"{MOVES}new/",
        {
            "staff": dewi.pk,
            "team": floor["early"].pk,
            "valid_from": "2026-04-01",
            "reason": "Poaching",
        },
    )
    assert response.status_code == 200  # Dewi is not among the choices
    assert dewi.memberships.count() == 1


def test_moves_are_history_a_manager_may_not_edit_one(client_as, floor):
    move = floor["aisyah"].memberships.get()
    assert_refused(client_as(MANAGER).get(f"{MOVES}edit/{move.pk}/"))


def test_a_collector_may_not_record_moves(client_as, floor):
    assert_refused(client_as(COLLECTOR).get(f"{MOVES}new/"))


def test_partners_for_managers_only(client, client_as, floor):
    assert client_as(MANAGER).get(PARTNERS).status_code == 200
    client.force_login(floor["lead"])
    assert_refused(client.get(PARTNERS))


def test_a_manager_records_a_resignation_and_a_lead_may_not(client, client_as, floor):
    aisyah = floor["aisyah"]
    data = {
        "staff": aisyah.pk,
        "notice_given_on": "2026-03-02",
        "last_working_day": "2026-03-31",
        "reason": "Moving to Ipoh",
        "exit_interview_notes": "",
    }
    client.force_login(floor["lead"])
    assert_refused(client.post(f"{RESIGNATIONS}new/", data))
    assert not Resignation.objects.exists()
    response = client_as(MANAGER).post(f"{RESIGNATIONS}new/", data)
    assert response.status_code == 302
    aisyah.refresh_from_db()
    assert aisyah.status == Staff.Status.ON_NOTICE


@pytest.fixture
def on_notice(floor, user_with_role):
    return resignation_record(
        staff=floor["aisyah"],
        notice_given_on=datetime.date(2026, 3, 2),
        last_working_day=datetime.date(2026, 3, 31),
        reason="Moving to Ipoh",
        by=user_with_role(MANAGER),
    )


def test_a_manager_withdraws_a_resignation_after_confirming(client_as, on_notice):
    client = client_as(MANAGER)
    url = f"{RESIGNATIONS}withdraw/{on_notice.pk}/"
    assert "Withdraw the resignation" in client.get(url).content.decode()
    assert f'href="{url}"' in client.get(RESIGNATIONS).content.decode()
    assert client.post(url).status_code == 302
    on_notice.staff.refresh_from_db()
    assert on_notice.staff.status == Staff.Status.ACTIVE


def test_withdrawing_after_the_last_day_is_refused_with_a_message(
    client_as, on_notice, frozen_time
):
    frozen_time("2026-04-01 09:00")
    client = client_as(MANAGER)
    response = client.post(f"{RESIGNATIONS}withdraw/{on_notice.pk}/", follow=True)
    assert "Too late: the last working day was 2026-03-31." in response.content.decode()
    on_notice.staff.refresh_from_db()
    assert on_notice.staff.status == Staff.Status.ON_NOTICE


def test_a_lead_may_not_withdraw_a_resignation(client, floor, on_notice):
    client.force_login(floor["lead"])
    assert_refused(client.post(f"{RESIGNATIONS}withdraw/{on_notice.pk}/"))
    on_notice.staff.refresh_from_db()
    assert on_notice.staff.status == Staff.Status.ON_NOTICE
