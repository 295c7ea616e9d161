import datetime

import factory

from training.qa.models import Call, Payment


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    call_id = factory.Sequence(lambda n: f"CALL-{n:06d}")
    collector = factory.SubFactory("tests.workforce.factories.StaffFactory")
    account_reference = factory.Sequence(lambda n: f"ACC-{n:05d}")
    dpd_bucket = "1-30"
    started_at = datetime.datetime(2026, 3, 2, 2, 0, tzinfo=datetime.UTC)
    duration_seconds = 120
    direction = "outbound"
    outcome = "right_party_contact"


class PaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Payment

    payment_id = factory.Sequence(lambda n: f"PAY-{n:06d}")
    account_reference = "ACC-00001"
    amount = 100
    paid_on = datetime.date(2026, 3, 5)
