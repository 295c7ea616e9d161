from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "deskbook.home"
    label = "home"
    verbose_name = "Home"
