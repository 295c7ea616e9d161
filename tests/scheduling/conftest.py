import datetime

import pytest

from deskbook.core.roles import COLLECTOR, MANAGER, TEAM_LEAD
from tests.scheduling.factories import (
    EarlyShiftTypeFactory,
    LateShiftTypeFactory,
    ShiftTypeFactory,
)
from tests.workforce.factories import StaffFactory, TeamFactory
from workforce.scheduling.models import Shift
from workforce.scheduling.services import plan_publish, shift_set


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
    early = EarlyShiftTypeFactory(teams=[team])
    late = LateShiftTypeFactory(teams=[team])
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


@pytest.fixture
def publish(desk):
    """``publish([(person, day, shift type), …])``: plan these shifts in the
    desk team (warnings overridden) and publish the days from the first to the
    last of them; on days already published they are added at once."""

    def publish_rows(rows, *, team=None, by=None):
        team = team or desk["team"]
        by = by or desk["lead"]
        for person, day, shift_type in rows:
            shift_set(
                team=team,
                staff=person,
                day=day,
                shift_type=shift_type,
                by=by,
                reason="Planned for the test",
                override_reason="Planned for the test",
            )
        days = [day for _, day, _ in rows]
        plan_publish(
            team=team,
            first_day=min(days),
            last_day=max(days),
            by=by,
            override_reason="Published for the test",
        )
        return [
            Shift.objects.get(staff=person, day=day, status=Shift.Status.PUBLISHED)
            for person, day, _ in rows
        ]

    return publish_rows


@pytest.fixture
def floor(desk, user_with_role, frozen_time):
    """The desk on Friday 27 February 2026, 09:00: Wei and Kelvin (in Desk
    early) and Dewi (in Desk late) sign in as collectors."""
    frozen_time("2026-02-27 09:00")
    wei_user = user_with_role(COLLECTOR, username="wei", email="wei@example.com")
    desk["wei"].user = wei_user
    desk["wei"].save()
    kelvin_user = user_with_role(
        COLLECTOR, username="kelvin", email="kelvin@example.com"
    )
    kelvin = StaffFactory(
        first_name="Kelvin", last_name="Lim", user=kelvin_user, team=desk["team"]
    )
    dewi_user = user_with_role(COLLECTOR, username="dewi", email="dewi@example.com")
    dewi = StaffFactory(
        first_name="Dewi", last_name="Santoso", user=dewi_user, team=desk["other"]
    )
    return {
        **desk,
        "wei_user": wei_user,
        "kelvin": kelvin,
        "kelvin_user": kelvin_user,
        "dewi": dewi,
        "dewi_user": dewi_user,
    }
