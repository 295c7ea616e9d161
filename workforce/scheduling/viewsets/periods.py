"""The period a plan page shows: a week (Monday to Sunday) or a month, read
from the query string (``?view=month&day=2026-03-01``)."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from ..calculations import days_between, period_bounds

KINDS = ("week", "month")


@dataclass(frozen=True)
class Period:
    kind: str
    first: datetime.date
    last: datetime.date

    @classmethod
    def around(cls, kind: str, day: datetime.date) -> "Period":
        first, last = period_bounds(kind, day)
        return cls(kind, first, last)

    @classmethod
    def from_query(cls, params, *, today: datetime.date) -> "Period":
        """The period the query string asks for; this week when it asks for
        nothing it can read."""
        kind = params.get("view")
        kind = kind if kind in KINDS else "week"
        try:
            day = datetime.date.fromisoformat(params.get("day", ""))
        except ValueError:
            day = today
        return cls.around(kind, day)

    @property
    def days(self) -> list[datetime.date]:
        return days_between(self.first, self.last)

    @property
    def query(self) -> str:
        return urlencode({"view": self.kind, "day": self.first.isoformat()})

    @property
    def previous(self) -> "Period":
        return Period.around(self.kind, self.first - datetime.timedelta(days=1))

    @property
    def following(self) -> "Period":
        return Period.around(self.kind, self.last + datetime.timedelta(days=1))

    def as_kind(self, kind: str) -> "Period":
        """The week or month holding this period's first day."""
        return Period.around(kind, self.first)

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{self.first:%B %Y}"
        if self.first.month == self.last.month:
            return f"{self.first.day}–{self.last.day} {self.last:%b %Y}"
        if self.first.year == self.last.year:
            return (
                f"{self.first.day} {self.first:%b} – {self.last.day} {self.last:%b %Y}"
            )
        return (
            f"{self.first.day} {self.first:%b %Y} – {self.last.day} {self.last:%b %Y}"
        )
