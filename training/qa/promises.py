"""Whether a promise to pay was kept. Plain functions, no Django import."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

KEPT = "kept"
BROKEN = "broken"
PENDING = "pending"


def promise_state(
    *,
    promised_amount: Decimal,
    promised_on: datetime.date,
    made_on: datetime.date,
    payments: Iterable[tuple[datetime.date, Decimal]],
    grace_days: int,
    today: datetime.date,
) -> str:
    """``kept`` when the payments on the account from the day the promise was
    made (``made_on``) to ``promised_on`` + ``grace_days`` add up to the
    promised amount; ``broken`` when that deadline has passed short of it;
    ``pending`` until then.

    A promise is kept as soon as the money is in, even before its date;
    payments before the promise was made pay something else and do not count.
    """
    if promised_amount <= 0:
        raise ValueError(f"a promise is of an amount above 0, not {promised_amount}")
    if grace_days < 0:
        raise ValueError(f"the grace period cannot be negative: {grace_days}")
    deadline = promised_on + datetime.timedelta(days=grace_days)
    paid = sum(
        (amount for paid_on, amount in payments if made_on <= paid_on <= deadline),
        Decimal(0),
    )
    if paid >= promised_amount:
        return KEPT
    if today > deadline:
        return BROKEN
    return PENDING
