"""The daily report: for one day (yesterday by default), per collector and
per team of the day, attempts, right-party contacts, promises and the amount
promised, payments received, hours worked, QA critical fails and
contact-rule breaches, read from the daily facts. The teams are those the
viewer may see (a lead's own, a manager's every team)."""

import datetime
from dataclasses import dataclass

from training.kpis.calculations.measures import FactTotals, total

from .selectors import team_totals

COLUMNS = [
    ("team", "Team"),
    ("collector", "Collector"),
    ("attempts", "Attempts"),
    ("contacts", "Right-party contacts"),
    ("promises", "Promises"),
    ("promised_amount", "Amount promised"),
    ("collected", "Payments received"),
    ("hours_worked", "Hours worked"),
    ("qa_critical_fails", "QA critical fails"),
    ("contact_rule_breaches", "Contact-rule breaches"),
]
FACT_COLUMNS = [key for key, _ in COLUMNS[2:]]


@dataclass(frozen=True)
class ReportLine:
    team: str
    collector: str  # "Team total" on a team's line
    totals: FactTotals
    is_team_total: bool = False

    def as_dict(self) -> dict:
        return {
            "team": self.team,
            "collector": self.collector,
            **{key: getattr(self.totals, key) for key in FACT_COLUMNS},
        }


def by_name(person) -> tuple[str, str]:
    return (person.last_name.casefold(), person.first_name.casefold())


def daily_report(*, viewer, day: datetime.date) -> list[ReportLine]:
    """Each team's collectors (by name) then the team's total; teams by name."""
    lines = []
    grouped = team_totals(viewer=viewer, first=day, last=day)
    for team in sorted(grouped, key=lambda team: team.name.casefold()):
        people = grouped[team]
        for person in sorted(
            people, key=lambda p: (p.last_name.casefold(), p.first_name.casefold())
        ):
            lines.append(ReportLine(team.name, person.full_name, people[person]))
        lines.append(ReportLine(team.name, "Team total", total(people.values()), True))
    return lines
