from django.apps import AppConfig


class EnquiriesConfig(AppConfig):
    name = "deskbook.enquiries"
    label = "enquiries"
    verbose_name = "Public enquiries"
