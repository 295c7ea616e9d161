"""A person with a single name (common in Indonesia) has it as the last name
and no first name."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("workforce", "0004_membership_overlap_exclusion"),
    ]

    operations = [
        migrations.AlterField(
            model_name="staff",
            name="first_name",
            field=models.CharField(blank=True, max_length=80),
        ),
    ]
