import datetime
from decimal import Decimal

import pytest

from training.qa.promises import BROKEN, KEPT, PENDING, promise_state

D = datetime.date
MADE = D(2026, 3, 2)
PROMISED = D(2026, 3, 9)  # with 3 days' grace: paid by 12 March


def state(payments, today, amount="100.00", grace=3):
    return promise_state(
        promised_amount=Decimal(amount),
        promised_on=PROMISED,
        made_on=MADE,
        payments=[(day, Decimal(value)) for day, value in payments],
        grace_days=grace,
        today=today,
    )


def test_paid_in_full_by_the_date_is_kept_even_before_it():
    assert state([(D(2026, 3, 3), "100")], today=D(2026, 3, 4)) == KEPT


def test_paid_in_parts_adding_up_by_the_last_day_of_grace_is_kept():
    assert state([(D(2026, 3, 5), "40"), (D(2026, 3, 12), "60")], D(2026, 4, 1)) == KEPT


def test_a_payment_the_day_after_the_grace_does_not_count():
    late = [(D(2026, 3, 5), "40"), (D(2026, 3, 13), "60")]
    assert state(late, D(2026, 4, 1)) == BROKEN


def test_a_payment_before_the_promise_was_made_pays_something_else():
    assert state([(D(2026, 3, 1), "100")], today=D(2026, 3, 20)) == BROKEN


def test_short_of_the_amount_is_pending_until_the_grace_ends_then_broken():
    payments = [(D(2026, 3, 4), "99.99")]
    assert state(payments, today=D(2026, 3, 12)) == PENDING
    assert state(payments, today=D(2026, 3, 13)) == BROKEN


def test_without_grace_the_promised_date_is_the_deadline():
    assert state([], today=D(2026, 3, 9), grace=0) == PENDING
    assert state([], today=D(2026, 3, 10), grace=0) == BROKEN
    assert state([(D(2026, 3, 10), "100")], D(2026, 3, 10), grace=0) == BROKEN


def test_nonsense_is_refused():
    with pytest.raises(ValueError, match="above 0"):
        state([], D(2026, 3, 3), amount="0")
    with pytest.raises(ValueError, match="negative"):
        state([], D(2026, 3, 3), grace=-1)
