"""Redact personal data from the queries the search log already holds."""

from django.db import migrations


def redact(apps, schema_editor):
    from deskbook.search.log_redaction import redact_logged_queries

    redact_logged_queries(
        query_model=apps.get_model("wagtailsearchpromotions", "Query"),
        hits_model=apps.get_model("wagtailsearchpromotions", "QueryDailyHits"),
        gap_model=apps.get_model("deskbook_search", "SearchGap"),
        promotion_model=apps.get_model("wagtailsearchpromotions", "SearchPromotion"),
    )


class Migration(migrations.Migration):
    dependencies = [("deskbook_search", "0001_initial")]

    operations = [migrations.RunPython(redact, migrations.RunPython.noop)]
