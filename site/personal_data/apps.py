from django.apps import AppConfig


class PersonalDataConfig(AppConfig):
    name = "deskbook.personal_data"
    label = "personal_data"
    verbose_name = "Personal-data guard"
