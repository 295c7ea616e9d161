"""A month's collection target spread over its days, to the cent and exact:
the shares of every day of the month add up to the amount.

Each day gets the amount ÷ days in the month rounded down to the cent;
the cents left over go one each to the first days of the month. So a
collector in the team the whole month is held to exactly the amount, and
one who joined on the 16th of a 30-day month to the 15 days' shares, about
half of it.
"""

import calendar
import datetime
from decimal import Decimal

CENT = Decimal("0.01")


def daily_shares(amount: Decimal, days: int) -> list[Decimal]:
    """``amount`` cut into ``days`` shares in cents, the larger first."""
    if days < 1:
        raise ValueError("a month has at least one day")
    if amount < 0:
        raise ValueError("a target is not negative")
    cents = int((amount / CENT).to_integral_exact())
    if Decimal(cents) * CENT != amount:
        raise ValueError(f"{amount} is not a whole number of cents")
    each, left_over = divmod(cents, days)
    return [Decimal(each + (index < left_over)) * CENT for index in range(days)]


def share_on(amount: Decimal, day: datetime.date) -> Decimal:
    """The share of a month's ``amount`` that falls on ``day``."""
    days = calendar.monthrange(day.year, day.month)[1]
    return daily_shares(amount, days)[day.day - 1]
