from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "training.courses"
    label = "courses"
    verbose_name = "Courses"

    def ready(self):
        from . import receivers

        receivers.connect()
