"""Promises in the database get the state ``promise_state`` gives by hand."""

import datetime
from decimal import Decimal

import pytest

from tests.qa.factories import CallFactory, PaymentFactory
from training.qa.promises import promise_state
from training.qa.selectors import promise_states

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
D = datetime.date


def promise(account, amount, promised_on, started=None):
    return CallFactory(
        account_reference=account,
        outcome="promise_to_pay",
        promised_amount=Decimal(amount),
        promised_on=promised_on,
        # 10:00 in Singapore on 2 March.
        started_at=started or datetime.datetime(2026, 3, 2, 2, 0, tzinfo=UTC),
    )


def pay(account, amount, paid_on):
    PaymentFactory(account_reference=account, amount=Decimal(amount), paid_on=paid_on)


def test_each_promise_is_kept_broken_or_pending_by_the_rule():
    # Grace: 3 days (the default). Promised for 9 March: paid by 12 March.
    kept = promise("ACC-K", "100.10", D(2026, 3, 9))
    PaymentFactory(
        account_reference="ACC-K", amount=Decimal("60.05"), paid_on=D(2026, 3, 4)
    )
    PaymentFactory(
        account_reference="ACC-K", amount=Decimal("40.05"), paid_on=D(2026, 3, 12)
    )
    late = promise("ACC-L", "50", D(2026, 3, 9))
    PaymentFactory(
        account_reference="ACC-L", amount=Decimal("50"), paid_on=D(2026, 3, 13)
    )
    early = promise("ACC-E", "50", D(2026, 3, 9))
    PaymentFactory(
        account_reference="ACC-E", amount=Decimal("50"), paid_on=D(2026, 3, 1)
    )
    waiting = promise("ACC-W", "80", D(2026, 3, 20))
    CallFactory(account_reference="ACC-W", outcome="no_answer")  # not a promise

    states = promise_states(
        first=datetime.datetime(2026, 3, 1, tzinfo=UTC),
        last=datetime.datetime(2026, 4, 1, tzinfo=UTC),
        today=D(2026, 3, 14),
    )
    assert states == {
        kept.pk: "kept",
        late.pk: "broken",
        early.pk: "broken",
        waiting.pk: "pending",
    }
    # The same answers as the plain rule.
    assert (
        promise_state(
            promised_amount=Decimal("100.10"),
            promised_on=D(2026, 3, 9),
            made_on=D(2026, 3, 2),
            payments=[
                (D(2026, 3, 4), Decimal("60.05")),
                (D(2026, 3, 12), Decimal("40.05")),
            ],
            grace_days=3,
            today=D(2026, 3, 14),
        )
        == states[kept.pk]
    )


def test_no_promises_no_states():
    assert (
        promise_states(
            first=datetime.datetime(2026, 3, 1, tzinfo=UTC),
            last=datetime.datetime(2026, 4, 1, tzinfo=UTC),
        )
        == {}
    )
