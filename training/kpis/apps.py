from django.apps import AppConfig


class KPIsConfig(AppConfig):
    name = "training.kpis"
    label = "kpis"
    verbose_name = "KPIs"
