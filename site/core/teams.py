"""Which team each person was in on a date, for reports outside the app that
keeps teams.

The workforce app provides a directory through the ``deskbook_team_directory``
hook; other apps group and filter people by team through these functions and
never import workforce. With no provider, nobody is in a team.

Membership is dated (people move between teams), so every question takes the
date of the fact being reported, ``on``; without it, today in ``TIME_ZONE``.
"""

import datetime
from collections.abc import Iterable
from typing import Protocol

from . import hooks


class TeamDirectory(Protocol):
    def choices(self) -> list[tuple[str, str]]:
        """(key, name) of every team, for filters."""

    def team_names(
        self, user_ids: Iterable[int], *, on: datetime.date | None = None
    ) -> dict[int, str]:
        """Team name of each of these users who was in a team on ``on``."""

    def member_ids(self, team_key: str, *, on: datetime.date | None = None):
        """User ids of the team's members on ``on``, a queryset for ``pk__in``."""

    def member_ids_led_by(self, user, *, on: datetime.date | None = None):
        """User ids of the members, on ``on``, of the teams ``user`` leads."""


class NoTeams:
    def choices(self):
        return []

    def team_names(self, user_ids, *, on=None):
        return {}

    def member_ids(self, team_key, *, on=None):
        return []

    def member_ids_led_by(self, user, *, on=None):
        return []


def team_directory() -> TeamDirectory:
    providers = hooks.run(hooks.TEAM_DIRECTORY)
    return providers[0] if providers else NoTeams()
