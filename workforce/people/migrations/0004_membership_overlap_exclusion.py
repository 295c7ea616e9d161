"""On PostgreSQL, the database itself refuses two memberships of one person
that overlap; other databases rely on the services' check."""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE workforce_teammembership
    ADD CONSTRAINT workforce_membership_no_overlap
    EXCLUDE USING gist (
        staff_id WITH =,
        daterange(valid_from, valid_to, '[]') WITH &&
    );
"""
DROP = """
ALTER TABLE workforce_teammembership
    DROP CONSTRAINT IF EXISTS workforce_membership_no_overlap;
"""


def add_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("workforce", "0003_drop_team_fk_and_lead_sign_in")]

    operations = [migrations.RunPython(add_exclusion, drop_exclusion)]
