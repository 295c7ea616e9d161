"""The scope rule: who may see whose records, on the date of the fact; and the
team directory the other apps read, which takes that date too."""

import datetime

import pytest

from deskbook.core.roles import COLLECTOR, MANAGER, QA_ANALYST, TEAM_LEAD, TRAINER
from deskbook.core.teams import IN_HOUSE, TeamOnDate, team_directory
from tests.factories import UserFactory
from tests.workforce.factories import PartnerAgencyFactory, StaffFactory, TeamFactory
from workforce.people.models import PartnerAgency
from workforce.people.selectors import staff_visible_to
from workforce.people.services import staff_move

D = datetime.date
BEFORE, MOVE_DAY = D(2026, 2, 28), D(2026, 3, 1)


@pytest.fixture
def two_teams_and_a_move(db, user_with_role):
    """Kelvin moves from Desk early (in-house) to Desk late (run by Acme
    Recoveries) on 2026-03-01."""
    early_lead = user_with_role(TEAM_LEAD, username="early-lead", first_name="Eva")
    late_lead = user_with_role(TEAM_LEAD, username="late-lead", first_name="Lim")
    early = TeamFactory(name="Desk early", slug="desk-early", lead=early_lead)
    acme = PartnerAgencyFactory(name="Acme Recoveries")
    late = TeamFactory(name="Desk late", slug="desk-late", lead=late_lead, partner=acme)
    collector = user_with_role(COLLECTOR, username="aisyah")
    aisyah = StaffFactory(first_name="Aisyah", user=collector, team=early)
    kelvin_user = user_with_role(COLLECTOR, username="kelvin")
    kelvin = StaffFactory(first_name="Kelvin", user=kelvin_user, team=early)
    wei = StaffFactory(first_name="Wei", team=late)
    staff_move(
        staff=kelvin,
        team=late,
        effective_on=MOVE_DAY,
        reason="Cover",
        by=user_with_role(MANAGER),
    )
    return {
        "early_lead": early_lead,
        "late_lead": late_lead,
        "collector": collector,
        "aisyah": aisyah,
        "kelvin": kelvin,
        "wei": wei,
    }


def visible(viewer, on):
    return sorted(s.first_name for s in staff_visible_to(viewer=viewer, on=on))


def test_a_lead_sees_a_person_who_moved_out_only_before_the_move(two_teams_and_a_move):
    lead = two_teams_and_a_move["early_lead"]
    assert visible(lead, BEFORE) == ["Aisyah", "Eva", "Kelvin"]
    assert visible(lead, MOVE_DAY) == ["Aisyah", "Eva"]


def test_the_new_lead_sees_the_person_from_the_move_on(two_teams_and_a_move):
    lead = two_teams_and_a_move["late_lead"]
    assert visible(lead, BEFORE) == ["Lim", "Wei"]
    assert visible(lead, MOVE_DAY) == ["Kelvin", "Lim", "Wei"]


def test_a_collector_sees_only_themselves(two_teams_and_a_move):
    assert visible(two_teams_and_a_move["collector"], BEFORE) == ["Aisyah"]


def test_a_manager_sees_everyone(two_teams_and_a_move, user_with_role):
    seen = visible(user_with_role(MANAGER), BEFORE)
    assert seen == ["Aisyah", "Eva", "Kelvin", "Lim", "Wei"]


@pytest.mark.parametrize("role", [TRAINER, QA_ANALYST])
def test_trainers_and_qa_see_nobody_else_for_now(
    two_teams_and_a_move, user_with_role, role
):
    assert visible(user_with_role(role), BEFORE) == []


def test_a_deactivated_sign_in_sees_nobody(two_teams_and_a_move):
    lead = two_teams_and_a_move["early_lead"]
    lead.is_active = False
    assert visible(lead, BEFORE) == []


def test_team_directory_answers_on_the_date_of_the_fact(two_teams_and_a_move):
    kelvin = two_teams_and_a_move["kelvin"]
    directory = team_directory()
    assert directory.teams_of([kelvin.user_id], on=BEFORE) == {
        kelvin.user_id: TeamOnDate(key="desk-early", name="Desk early", run_by=IN_HOUSE)
    }
    assert directory.teams_of([kelvin.user_id], on=MOVE_DAY) == {
        kelvin.user_id: TeamOnDate(
            key="desk-late", name="Desk late", run_by="Acme Recoveries"
        )
    }
    early_ids = lambda on: set(  # noqa: E731
        directory.member_ids("desk-early", on=on).values_list(
            "staff__user_id", flat=True
        )
    )
    aisyah = two_teams_and_a_move["aisyah"]
    assert early_ids(BEFORE) == {aisyah.user_id, kelvin.user_id}
    assert early_ids(MOVE_DAY) == {aisyah.user_id}
    led = directory.member_ids_led_by(two_teams_and_a_move["late_lead"], on=MOVE_DAY)
    assert set(led.values_list("staff__user_id", flat=True)) == {kelvin.user_id}


def test_team_directory_groups_by_who_runs_the_team_on_the_date(
    two_teams_and_a_move,
):
    directory = team_directory()
    acme = PartnerAgency.objects.get(name="Acme Recoveries")
    assert directory.run_by_choices() == [
        ("in-house", "In-house"),
        (str(acme.pk), "Acme Recoveries"),
    ]
    kelvin, aisyah = two_teams_and_a_move["kelvin"], two_teams_and_a_move["aisyah"]

    def run_by(key, on):
        members = directory.member_ids_run_by(key, on=on)
        return set(members.values_list("staff__user_id", flat=True))

    assert run_by("in-house", BEFORE) == {aisyah.user_id, kelvin.user_id}
    assert run_by("in-house", MOVE_DAY) == {aisyah.user_id}
    assert run_by(str(acme.pk), MOVE_DAY) == {kelvin.user_id}
    assert run_by("not-a-partner", MOVE_DAY) == set()


def test_every_question_to_the_team_directory_needs_the_date(two_teams_and_a_move):
    directory = team_directory()
    user_id = two_teams_and_a_move["kelvin"].user_id
    with pytest.raises(TypeError):
        directory.teams_of([user_id])
    with pytest.raises(TypeError):
        directory.member_ids("desk-early")
    with pytest.raises(TypeError):
        directory.member_ids_run_by("in-house")
    with pytest.raises(TypeError):
        directory.member_ids_led_by(two_teams_and_a_move["early_lead"])


def test_a_sign_in_without_a_staff_record_sees_nobody(two_teams_and_a_move):
    assert visible(UserFactory(), BEFORE) == []
