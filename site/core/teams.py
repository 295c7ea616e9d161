"""Which team each person was in on a date, and who ran it, for reports
outside the app that keeps teams.

The workforce app provides a directory through the ``deskbook_team_directory``
hook; other apps group and filter people by team, or by who runs the team
(in-house or a partner agency), through these functions and never import
workforce. With no provider, nobody is in a team.

Membership is dated (people move between teams), so every question that
depends on it takes the date of the fact being reported, ``on``: the day of
an acknowledgement, a shift or a score, or the report's own date for a fact
that holds now. There is no default: a report that asks must say which day.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from . import hooks

IN_HOUSE = "In-house"  # who runs a team that no partner agency runs
IN_HOUSE_KEY = "in-house"
NO_TEAM = "No team"  # how reports group people in no team on the day


@dataclass(frozen=True)
class TeamOnDate:
    """A person's team on a date, as a report shows it."""

    key: str
    name: str
    run_by: str  # IN_HOUSE, or the partner agency's name


class TeamDirectory(Protocol):
    def choices(self) -> list[tuple[str, str]]:
        """(key, name) of every team, for filters."""

    def run_by_choices(self) -> list[tuple[str, str]]:
        """(key, name) of who may run a team: in-house (``IN_HOUSE_KEY``)
        first, then each partner agency by name, for filters."""

    def teams_of(
        self, user_ids: Iterable[int], *, on: datetime.date
    ) -> dict[int, TeamOnDate]:
        """The team of each of these users who was in a team on ``on``."""

    def member_ids(self, team_key: str, *, on: datetime.date):
        """User ids of the team's members on ``on``, a queryset for ``pk__in``."""

    def member_ids_run_by(self, run_by_key: str, *, on: datetime.date):
        """User ids of the people who were, on ``on``, in a team run by
        ``run_by_key`` (a key of ``run_by_choices``)."""

    def member_ids_led_by(self, user, *, on: datetime.date):
        """User ids of the members, on ``on``, of the teams ``user`` leads."""


def run_by_order(name: str) -> tuple[int, str]:
    """Sort key for who runs teams, as reports list them: in-house first,
    partner agencies by name, people in no team (``NO_TEAM``) last."""
    rank = 0 if name == IN_HOUSE else 2 if name == NO_TEAM else 1
    return rank, name


class NoTeams:
    def choices(self):
        return []

    def run_by_choices(self):
        return []

    def teams_of(self, user_ids, *, on):
        return {}

    def member_ids(self, team_key, *, on):
        return []

    def member_ids_run_by(self, run_by_key, *, on):
        return []

    def member_ids_led_by(self, user, *, on):
        return []


def team_directory() -> TeamDirectory:
    providers = hooks.run(hooks.TEAM_DIRECTORY)
    return providers[0] if providers else NoTeams()
