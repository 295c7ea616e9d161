from django.apps import AppConfig


class LessonsConfig(AppConfig):
    name = "lessons"
    verbose_name = "Lessons learned"

    def ready(self):
        from . import receivers

        receivers.connect()
