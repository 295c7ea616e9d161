import datetime

import pytest

from deskbook.core.roles import COLLECTOR, MANAGER, TEAM_LEAD
from tests.scheduling.factories import ShiftTypeFactory
from tests.workforce.factories import StaffFactory, TeamFactory


@pytest.fixture
def desk(db, user_with_role):
    """A desk team (minimum staffing 1) led by ``lead``, with two collectors
    since 2024, an early and a late shift type, a manager, and a second team
    with its own lead."""
    lead = user_with_role(TEAM_LEAD, username="lead", email="lead@example.com")
    other_lead = user_with_role(TEAM_LEAD, username="other-lead")
    team = TeamFactory(
        name="Desk early", slug="desk-early", lead=lead, minimum_staffing=1
    )
    other = TeamFactory(name="Desk late", slug="desk-late", lead=other_lead)
    aisyah_user = user_with_role(
        COLLECTOR, username="aisyah", email="aisyah@example.com"
    )
    aisyah = StaffFactory(
        first_name="Nur Aisyah", last_name="binti Ahmad", user=aisyah_user, team=team
    )
    wei = StaffFactory(first_name="Wei Ming", last_name="Tan", team=team)
    early = ShiftTypeFactory(
        name="Early",
        code="E",
        starts_at=datetime.time(7),
        ends_at=datetime.time(16),
        teams=[team],
    )
    late = ShiftTypeFactory(
        name="Late",
        code="L",
        starts_at=datetime.time(13),
        ends_at=datetime.time(22),
        teams=[team],
    )
    night = ShiftTypeFactory(
        name="Night",
        code="N",
        starts_at=datetime.time(22),
        ends_at=datetime.time(7),
        teams=[team],
    )
    return {
        "team": team,
        "other": other,
        "lead": lead,
        "other_lead": other_lead,
        "manager": user_with_role(MANAGER, username="boss"),
        "aisyah": aisyah,
        "aisyah_user": aisyah_user,
        "wei": wei,
        "early": early,
        "late": late,
        "night": night,
    }
