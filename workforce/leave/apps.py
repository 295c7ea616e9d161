from django.apps import AppConfig


class LeaveConfig(AppConfig):
    name = "workforce.leave"
    label = "leave"
    verbose_name = "Leave"
