"""The migration to dated memberships keeps every person's team and lead."""

import contextlib
import copy
import datetime

import pytest
from django.db import connections
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("workforce", "0002_people_teams_memberships")]
AFTER = [("workforce", "0004_membership_overlap_exclusion")]
SCRATCH = "migration_scratch"


@contextlib.contextmanager
def scratch_database(tmp_path):
    """A connection to a new, empty database beside the test one, dropped at
    the end. Migrating it forward only as far as the people app needs costs a
    fraction of taking the whole test database back and forth."""
    default = connections["default"]
    settings = copy.deepcopy(default.settings_dict)
    postgres = default.vendor == "postgresql"
    if postgres:
        settings["NAME"] = f"{default.settings_dict['NAME']}_{SCRATCH}"
        with default._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{settings["NAME"]}"')
            cursor.execute(f'CREATE DATABASE "{settings["NAME"]}"')
    else:
        settings["NAME"] = str(tmp_path / f"{SCRATCH}.sqlite3")
    connection = default.__class__(settings, SCRATCH)
    # Opened before it is named among the connections: the test case refuses
    # to open a connection to a database it was not told of.
    connection.ensure_connection()
    connections.settings[SCRATCH] = settings
    connections[SCRATCH] = connection
    try:
        yield connection
    finally:
        connection.close()
        del connections[SCRATCH]
        del connections.settings[SCRATCH]
        if postgres:
            with default._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{settings["NAME"]}"')


def migrate(connection, targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db
def test_each_persons_team_becomes_a_membership_from_their_hire_date(
    frozen_time, tmp_path, settings
):
    # The test database is made without migrations (tests/conftest.py): this
    # test reads them.
    settings.MIGRATION_MODULES = {}
    frozen_time("2026-05-04 09:00")
    with scratch_database(tmp_path) as connection:
        old = migrate(connection, BEFORE)
        User = old.get_model("auth", "User")
        Team = old.get_model("workforce", "Team")
        Staff = old.get_model("workforce", "Staff")
        lead_user = User.objects.using(SCRATCH).create(username="lead")
        team = Team.objects.using(SCRATCH).create(
            name="Desk early", slug="desk-early", stage="early", channel="desk",
            lead=lead_user,
        )  # fmt: skip
        hired = datetime.date(2021, 6, 1)
        common = {"job_title": "desk_collector", "hired_on": hired}
        staff = Staff.objects.using(SCRATCH)
        staff.create(employee_number="E1", team=team, **common)
        staff.create(employee_number="E2", team=team, is_active=False, **common)
        staff.create(employee_number="E3", **common)
        staff.create(employee_number="L1", team=team, user=lead_user, **common)

        new = migrate(connection, AFTER)
        Staff = new.get_model("workforce", "Staff")
        Membership = new.get_model("workforce", "TeamMembership")
        memberships = Membership.objects.using(SCRATCH).select_related("staff", "team")
        rows = {
            (m.staff.employee_number, m.team.slug, m.valid_from, m.valid_to)
            for m in memberships
        }
        assert rows == {
            ("E1", "desk-early", hired, None),
            ("E2", "desk-early", hired, datetime.date(2026, 5, 4)),
            ("L1", "desk-early", hired, None),
        }
        statuses = Staff.objects.using(SCRATCH).values_list("employee_number", "status")
        assert dict(statuses) == {
            "E1": "active",
            "E2": "left",
            "E3": "active",
            "L1": "active",
        }
        Team = new.get_model("workforce", "Team")
        leads = Team.objects.using(SCRATCH).get(slug="desk-early").leads.all()
        assert [lead.employee_number for lead in leads] == ["L1"]
        Language = new.get_model("workforce", "Language")
        languages = Language.objects.using(SCRATCH).values_list("name", flat=True)
        assert set(languages) == {
            "English", "Malay", "Indonesian", "Mandarin", "Tamil",
        }  # fmt: skip
