"""What the database itself guarantees about leave, whatever code writes."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from tests.leave.factories import AllocationFactory, LeaveRequestFactory
from workforce.leave.models import Allocation, LeaveSettings

pytestmark = pytest.mark.django_db

EXPIRY_DAY = "carry_over_expiry_day"


def test_days_taken_and_pending_cannot_exceed_granted_and_carried_over():
    allocation = AllocationFactory(granted=Decimal("10"), carried_over=Decimal("2"))
    Allocation.objects.filter(pk=allocation.pk).update(
        taken=Decimal("7"), pending=Decimal("5")
    )  # 12 of 12: allowed

    with pytest.raises(IntegrityError), transaction.atomic():
        Allocation.objects.filter(pk=allocation.pk).update(pending=Decimal("5.5"))


@pytest.mark.parametrize("field", ["granted", "carried_over", "taken", "pending"])
def test_no_counter_of_an_allocation_may_be_negative(field):
    allocation = AllocationFactory(granted=Decimal("10"))

    with pytest.raises(IntegrityError), transaction.atomic():
        Allocation.objects.filter(pk=allocation.pk).update(**{field: Decimal("-0.5")})


def test_one_allocation_per_person_type_and_year():
    allocation = AllocationFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        AllocationFactory(
            staff=allocation.staff, leave_type=allocation.leave_type, year=2026
        )
    AllocationFactory(
        staff=allocation.staff, leave_type=allocation.leave_type, year=2027
    )


def test_a_request_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        LeaveRequestFactory(
            first_day=datetime.date(2026, 3, 9), last_day=datetime.date(2026, 3, 8)
        )


def test_a_certificate_is_kept_outside_the_public_media_folder():
    request = LeaveRequestFactory()
    request.certificate.save("mc.pdf", ContentFile(b"%PDF-1.4 certificate"))

    stored = request.certificate.path
    assert stored.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not stored.startswith(str(settings.MEDIA_ROOT))
    with open(stored, "rb") as saved:
        assert saved.read() == b"%PDF-1.4 certificate"


def test_leave_settings_default_to_singapore_and_a_31_march_expiry():
    leave_settings = LeaveSettings.load()

    assert leave_settings.country == "SG"
    assert leave_settings.carry_over_expiry(2027) == datetime.date(2027, 3, 31)


@pytest.mark.parametrize(
    "fields, error_field",
    [
        ({"country": "XX"}, "country"),
        ({"country": "MY", "subdivision": "99"}, "subdivision"),
        ({"carry_over_expiry_month": 2, "carry_over_expiry_day": 29}, EXPIRY_DAY),
        ({"carry_over_expiry_month": 4, "carry_over_expiry_day": 31}, EXPIRY_DAY),
    ],
)
def test_leave_settings_refuse_unknown_places_and_days(fields, error_field):
    leave_settings = LeaveSettings.load()
    for name, value in fields.items():
        setattr(leave_settings, name, value)

    with pytest.raises(ValidationError) as refused:
        leave_settings.full_clean()

    assert error_field in refused.value.message_dict


def test_leave_settings_accept_a_malaysian_state():
    leave_settings = LeaveSettings.load()
    leave_settings.country, leave_settings.subdivision = "my", "kul"

    leave_settings.full_clean()

    assert (leave_settings.country, leave_settings.subdivision) == ("MY", "KUL")
