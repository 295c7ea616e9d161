from django.apps import AppConfig


class QAConfig(AppConfig):
    name = "training.qa"
    label = "qa"
    verbose_name = "Quality assurance"
