"""Team moves: a dated history with no overlap and no gap, written by
``staff_move`` only, and read for many people at once by ``team_on_date``."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from deskbook.core.roles import COLLECTOR, MANAGER, TEAM_LEAD
from tests.workforce.factories import StaffFactory, TeamFactory
from workforce.people.models import TeamMembership
from workforce.people.selectors import team_on_date
from workforce.people.services import staff_move

D = datetime.date
MARCH = D(2026, 3, 1)


@pytest.fixture
def floor(db, user_with_role):
    """Two teams with a lead each, and a collector in the first since 2024-01-15."""
    early_lead = user_with_role(TEAM_LEAD, username="early-lead")
    late_lead = user_with_role(TEAM_LEAD, username="late-lead")
    early = TeamFactory(name="Desk early", lead=early_lead)
    late = TeamFactory(name="Desk late", lead=late_lead)
    aisyah = StaffFactory(first_name="Aisyah", last_name="Rahman", team=early)
    manager = user_with_role(MANAGER, username="boss")
    return early, late, aisyah, manager, early_lead, late_lead


def history(staff):
    return [
        (m.team.name, m.valid_from, m.valid_to)
        for m in staff.memberships.order_by("valid_from")
    ]


def test_a_move_ends_the_old_membership_the_day_before(floor):
    early, late, aisyah, manager, *_ = floor
    staff_move(staff=aisyah, team=late, effective_on=MARCH, reason="Cover", by=manager)
    assert history(aisyah) == [
        ("Desk early", D(2024, 1, 15), D(2026, 2, 28)),
        ("Desk late", D(2026, 3, 1), None),
    ]
    assert aisyah.team_on(D(2026, 2, 28)) == early
    assert aisyah.team_on(D(2026, 3, 1)) == late


def test_a_future_move_is_allowed_and_today_stays_in_the_old_team(floor, frozen_time):
    frozen_time("2026-02-10 10:00")
    early, late, aisyah, manager, *_ = floor
    staff_move(
        staff=aisyah, team=late, effective_on=D(2026, 4, 1), reason="Plan", by=manager
    )
    assert aisyah.team_on(D(2026, 2, 10)) == early
    assert aisyah.team_on(D(2026, 4, 1)) == late


def test_a_move_before_a_later_recorded_move_is_refused_and_changes_nothing(floor):
    _, late, aisyah, manager, *_ = floor
    other = TeamFactory(name="Field")
    staff_move(staff=aisyah, team=late, effective_on=MARCH, reason="Cover", by=manager)
    before = history(aisyah)
    with pytest.raises(ValidationError) as refused:
        staff_move(
            staff=aisyah,
            team=other,
            effective_on=D(2025, 6, 1),
            reason="Backdated",
            by=manager,
        )
    assert "already moves to Desk late on 2026-03-01" in str(refused.value)
    assert history(aisyah) == before


def test_a_move_on_the_day_a_membership_starts_is_refused(floor):
    early, late, aisyah, manager, *_ = floor
    with pytest.raises(ValidationError, match="rewrite that history"):
        staff_move(
            staff=aisyah, team=late, effective_on=D(2024, 1, 15), reason="x", by=manager
        )


def test_a_move_before_the_hire_date_is_refused(floor):
    _, late, aisyah, manager, *_ = floor
    with pytest.raises(ValidationError, match="hired on 2024-01-15"):
        staff_move(
            staff=aisyah, team=late, effective_on=D(2023, 12, 1), reason="x", by=manager
        )


def test_a_move_into_the_same_team_is_refused(floor):
    early, _, aisyah, manager, *_ = floor
    with pytest.raises(ValidationError, match="Already in Desk early"):
        staff_move(
            staff=aisyah, team=early, effective_on=D(2026, 3, 1), reason="x", by=manager
        )


def test_a_move_without_a_reason_is_refused(floor):
    _, late, aisyah, manager, *_ = floor
    with pytest.raises(ValidationError, match="Say why"):
        staff_move(
            staff=aisyah, team=late, effective_on=D(2026, 3, 1), reason=" ", by=manager
        )


def test_the_lead_of_the_persons_team_may_move_them_another_lead_may_not(floor):
    _, late, aisyah, _, early_lead, late_lead = floor
    with pytest.raises(PermissionDenied):
        staff_move(
            staff=aisyah,
            team=late,
            effective_on=D(2026, 3, 1),
            reason="x",
            by=late_lead,
        )
    staff_move(
        staff=aisyah, team=late, effective_on=D(2026, 3, 1), reason="x", by=early_lead
    )
    assert aisyah.team_on(D(2026, 3, 1)) == late


def test_a_collector_may_not_move_anyone(floor, user_with_role):
    _, late, aisyah, *_ = floor
    with pytest.raises(PermissionDenied):
        staff_move(
            staff=aisyah,
            team=late,
            effective_on=D(2026, 3, 1),
            reason="x",
            by=user_with_role(COLLECTOR),
        )


def test_both_leads_are_emailed_once_the_move_is_committed(
    floor, django_capture_on_commit_callbacks
):
    _, late, aisyah, manager, *_ = floor
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        staff_move(
            staff=aisyah,
            team=late,
            effective_on=D(2026, 3, 1),
            reason="Cover",
            by=manager,
        )
    assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == [
        "early-lead@deskbook.example",
        "late-lead@deskbook.example",
    ]
    assert message.subject == (
        "Team move: Aisyah Rahman from Desk early to Desk late on 2026-03-01"
    )
    assert "Reason: Cover" in message.body


def test_team_on_date_answers_for_many_people_in_one_query(floor):
    early, late, aisyah, manager, *_ = floor
    kelvin = StaffFactory(team=late)
    nobody = StaffFactory()
    staff_move(
        staff=aisyah, team=late, effective_on=D(2026, 3, 1), reason="x", by=manager
    )
    ids = [aisyah.pk, kelvin.pk, nobody.pk]
    with CaptureQueriesContext(connection) as queries:
        before = team_on_date(ids, D(2026, 2, 28))
        names = {pk: team.name for pk, team in before.items()}
    assert len(queries) == 1
    assert names == {aisyah.pk: "Desk early", kelvin.pk: "Desk late"}
    after = team_on_date(ids, D(2026, 3, 1))
    assert {pk: team.name for pk, team in after.items()} == {
        aisyah.pk: "Desk late",
        kelvin.pk: "Desk late",
    }
    assert team_on_date(ids, D(2024, 1, 14)) == {}


def test_the_database_refuses_a_second_open_membership(floor):
    _, late, aisyah, *_ = floor
    with pytest.raises(IntegrityError), transaction.atomic():
        TeamMembership.objects.create(staff=aisyah, team=late, valid_from=D(2026, 1, 1))


def test_the_database_refuses_a_membership_ending_before_it_starts(floor):
    _, late, aisyah, *_ = floor
    with pytest.raises(IntegrityError), transaction.atomic():
        TeamMembership.objects.create(
            staff=aisyah, team=late, valid_from=D(2026, 1, 1), valid_to=D(2025, 1, 1)
        )


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the exclusion constraint is PostgreSQL's"
)
def test_postgresql_refuses_overlapping_memberships(floor):
    early, late, aisyah, *_ = floor
    with pytest.raises(IntegrityError), transaction.atomic():
        TeamMembership.objects.create(
            staff=aisyah, team=late, valid_from=D(2023, 1, 1), valid_to=D(2024, 2, 1)
        )
