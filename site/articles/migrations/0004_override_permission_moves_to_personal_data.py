"""The override permission now belongs to the personal-data guard's app: the
existing permission row moves there, so whoever held it keeps it."""

from django.db import migrations

CODENAME = "override_personal_data_guard"


def move_permission(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    old = Permission.objects.filter(
        codename=CODENAME, content_type__app_label="articles"
    ).first()
    if old is None:
        return
    guard, _ = ContentType.objects.get_or_create(
        app_label="personal_data", model="personaldatapolicy"
    )
    new = Permission.objects.filter(codename=CODENAME, content_type=guard).first()
    if new is None:
        old.content_type = guard
        old.save(update_fields=["content_type"])
        return
    new.group_set.add(*old.group_set.all())
    new.user_set.add(*old.user_set.all())
    old.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_article_kinds_images_tags"),
        ("personal_data", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(move_permission, migrations.RunPython.noop),
        migrations.AlterModelOptions(
            name="articlepage",
            options={"verbose_name": "article"},
        ),
    ]
