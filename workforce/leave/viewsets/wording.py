"""How the leave pages say a request's days, parts and costs."""

import datetime

from .. import calculations as calc
from ..models import LeaveRequest


def day_text(day, *, year: bool = True) -> str:
    """``Mon 9 Mar 2026`` (no leading zero, as people write dates)."""
    return f"{day:%a} {day.day} {day:%b}" + (f" {day:%Y}" if year else "")


def period_text(request: LeaveRequest) -> str:
    """``Mon 9 Mar 2026, morning``; ``Mon 9 Mar afternoon – Fri 13 Mar 2026``."""
    first, last = request.first_day, request.last_day
    if first == last:
        part = request.first_day_part
        return day_text(first) + (f", {part}" if part != calc.WHOLE else "")
    start = day_text(first, year=first.year != last.year)
    if request.first_day_part == calc.AFTERNOON:
        start += " afternoon"
    end = day_text(last)
    if request.last_day_part == calc.MORNING:
        end += " morning"
    return f"{start} – {end}"


def days_text(days) -> str:
    """``1 day``, ``0.5 day``, ``4.5 days``, ``0 days``."""
    return calc.days_phrase(days)


def short_runs(short_day) -> list[str]:
    """A day's half hours under the minimum (a ``selectors.ShortDay``) as
    runs: ``07:00–09:30, 0 of 2 working``."""
    half_hour = datetime.timedelta(minutes=30)
    runs: list[list] = []  # [start, end, headcount]
    for interval in short_day.intervals:
        if runs and runs[-1][1] == interval.start and runs[-1][2] == interval.headcount:
            runs[-1][1] = interval.start + half_hour
        else:
            runs.append(
                [interval.start, interval.start + half_hour, interval.headcount]
            )
    minimum = short_day.team.minimum_staffing
    return [
        f"{start:%H:%M}–{end:%H:%M}, {headcount} of {minimum} working"
        for start, end, headcount in runs
    ]
