from django.apps import AppConfig


class AttendanceConfig(AppConfig):
    name = "workforce.attendance"
    label = "attendance"
    verbose_name = "Attendance and intraday staffing"
