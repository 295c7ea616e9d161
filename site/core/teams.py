"""Which team each person is in, for reports outside the app that keeps teams.

The workforce app provides a directory through the ``deskbook_team_directory``
hook; other apps group and filter people by team through these functions and
never import workforce. With no provider, nobody is in a team.
"""

from collections.abc import Iterable
from typing import Protocol

from . import hooks


class TeamDirectory(Protocol):
    def choices(self) -> list[tuple[str, str]]:
        """(key, name) of every team, for filters."""

    def team_names(self, user_ids: Iterable[int]) -> dict[int, str]:
        """Team name of each of these users who is in a team."""

    def member_ids(self, team_key: str):
        """User ids of the team's members, as a queryset usable in ``pk__in``."""

    def member_ids_led_by(self, user):
        """User ids of the members of the teams ``user`` leads (a queryset)."""


class NoTeams:
    def choices(self):
        return []

    def team_names(self, user_ids):
        return {}

    def member_ids(self, team_key):
        return []

    def member_ids_led_by(self, user):
        return []


def team_directory() -> TeamDirectory:
    providers = hooks.run(hooks.TEAM_DIRECTORY)
    return providers[0] if providers else NoTeams()
