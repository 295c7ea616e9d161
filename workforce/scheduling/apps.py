from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "workforce.scheduling"
    label = "scheduling"
    verbose_name = "Shift planning"

    def ready(self):
        from . import receivers

        receivers.connect()
