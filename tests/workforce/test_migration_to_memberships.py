"""The migration to dated memberships keeps every person's team and lead."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("workforce", "0002_people_teams_memberships")]
AFTER = [("workforce", "0004_membership_overlap_exclusion")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_to_latest():
    """Every app back at its latest migration: going back to workforce 0002
    unapplied the apps that depend on it (shift planning) too."""
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_each_persons_team_becomes_a_membership_from_their_hire_date(frozen_time):
    frozen_time("2026-05-04 09:00")
    try:
        old = migrate(BEFORE)
        User = old.get_model("auth", "User")
        Team = old.get_model("workforce", "Team")
        Staff = old.get_model("workforce", "Staff")
        lead_user = User.objects.create(username="lead")
        team = Team.objects.create(
            name="Desk early", slug="desk-early", stage="early", channel="desk",
            lead=lead_user,
        )  # fmt: skip
        hired = datetime.date(2021, 6, 1)
        common = {"job_title": "desk_collector", "hired_on": hired}
        Staff.objects.create(employee_number="E1", team=team, **common)
        Staff.objects.create(employee_number="E2", team=team, is_active=False, **common)
        Staff.objects.create(employee_number="E3", **common)
        Staff.objects.create(employee_number="L1", team=team, user=lead_user, **common)

        new = migrate(AFTER)
        Staff = new.get_model("workforce", "Staff")
        Membership = new.get_model("workforce", "TeamMembership")
        rows = {
            (m.staff.employee_number, m.team.slug, m.valid_from, m.valid_to)
            for m in Membership.objects.select_related("staff", "team")
        }
        assert rows == {
            ("E1", "desk-early", hired, None),
            ("E2", "desk-early", hired, datetime.date(2026, 5, 4)),
            ("L1", "desk-early", hired, None),
        }
        statuses = dict(Staff.objects.values_list("employee_number", "status"))
        assert statuses == {
            "E1": "active",
            "E2": "left",
            "E3": "active",
            "L1": "active",
        }
        Team = new.get_model("workforce", "Team")
        leads = Team.objects.get(slug="desk-early").leads.all()
        assert [lead.employee_number for lead in leads] == ["L1"]
        Language = new.get_model("workforce", "Language")
        assert set(Language.objects.values_list("name", flat=True)) == {
            "English", "Malay", "Indonesian", "Mandarin", "Tamil",
        }  # fmt: skip
    finally:
        migrate_to_latest()
