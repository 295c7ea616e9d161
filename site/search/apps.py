from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "deskbook.search"
    label = "deskbook_search"
    verbose_name = "Site search"

    def ready(self):
        from . import receivers

        receivers.connect()
