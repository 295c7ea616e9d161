import datetime

from django.db import migrations

LANGUAGES = [
    ("en", "English"),
    ("ms", "Malay"),
    ("id", "Indonesian"),
    ("zh", "Mandarin"),
    ("ta", "Tamil"),
]


def forwards(apps, schema_editor):
    """Each person's team becomes their first membership, from their hire date;
    a team's lead (a sign-in) becomes a lead (a staff record) when that sign-in
    has one; an inactive person is *left*. The leaving date of people already
    inactive is unknown: their membership ends on the day of the migration.

    Every query names the database being migrated, which need not be the
    default one."""
    db = schema_editor.connection.alias
    Language = apps.get_model("workforce", "Language")
    Staff = apps.get_model("workforce", "Staff")
    Team = apps.get_model("workforce", "Team")
    TeamMembership = apps.get_model("workforce", "TeamMembership")
    for code, name in LANGUAGES:
        Language.objects.using(db).get_or_create(code=code, defaults={"name": name})
    today = datetime.date.today()
    memberships = []
    for staff in Staff.objects.using(db).filter(team__isnull=False):
        left = not staff.is_active
        memberships.append(
            TeamMembership(
                staff=staff,
                team_id=staff.team_id,
                valid_from=staff.hired_on,
                valid_to=max(today, staff.hired_on) if left else None,
                reason="Team held before dated memberships",
            )
        )
    TeamMembership.objects.using(db).bulk_create(memberships)
    Staff.objects.using(db).filter(is_active=False).update(status="left")
    for team in Team.objects.using(db).filter(lead__isnull=False):
        lead = Staff.objects.using(db).filter(user_id=team.lead_id).first()
        if lead is not None:
            team.leads.add(lead)


def backwards(apps, schema_editor):
    db = schema_editor.connection.alias
    Staff = apps.get_model("workforce", "Staff")
    Team = apps.get_model("workforce", "Team")
    TeamMembership = apps.get_model("workforce", "TeamMembership")
    memberships = TeamMembership.objects.using(db).order_by("staff_id", "valid_from")
    for membership in memberships:
        Staff.objects.using(db).filter(pk=membership.staff_id).update(
            team=membership.team_id
        )
    Staff.objects.using(db).filter(status="left").update(is_active=False)
    for team in Team.objects.using(db).all():
        lead = team.leads.exclude(user__isnull=True).first()
        if lead is not None:
            team.lead_id = lead.user_id
            team.save(update_fields=["lead"])


class Migration(migrations.Migration):

    dependencies = [
        ('workforce', '0002_people_teams_memberships'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(
            model_name='staff',
            name='is_active',
        ),
        migrations.RemoveField(
            model_name='staff',
            name='team',
        ),
        migrations.RemoveField(
            model_name='team',
            name='lead',
        ),
    ]
