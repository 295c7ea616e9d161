from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "workforce.people"
    # The label the app had before the back office was split into sub-apps:
    # its migrations, permissions and content types keep their names.
    label = "workforce"
    verbose_name = "People and teams"
