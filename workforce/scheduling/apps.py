from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "workforce.scheduling"
    label = "scheduling"
    verbose_name = "Shift planning"
