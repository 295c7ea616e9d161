from django.apps import AppConfig


class BenchDocsConfig(AppConfig):
    name = "tests.bench.docs"
    label = "benchdocs"
    default_auto_field = "django.db.models.BigAutoField"
