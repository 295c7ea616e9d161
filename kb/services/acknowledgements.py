from django.contrib.auth import get_user_model
from django.db import transaction

from ..models import (
    Acknowledgement,
    AcknowledgementRequest,
    SOPPage,
    SOPStatus,
    SOPVersion,
)


class AcknowledgementOutOfDate(Exception):
    """The SOP was revised after the reader opened it: they must read the new one."""


def acknowledgement_requests_sync(*, page: SOPPage) -> int:
    """Ask everyone now in the audience not yet asked for the required version."""
    version_id = (
        SOPStatus.objects.filter(page_id=page.pk)
        .values_list("required_version_id", flat=True)
        .first()
    )
    if version_id is None:
        return 0
    audience = (
        get_user_model()
        .objects.filter(is_active=True, groups__sops_to_acknowledge=page.pk)
        .values_list("pk", flat=True)
        .distinct()
    )
    return _request(version_id, set(audience))


def acknowledgement_requests_for_new_members(*, user_ids, group_ids) -> int:
    """Ask people who just joined these roles for the SOPs those roles must read."""
    required = SOPStatus.objects.filter(
        required_version__isnull=False,
        page__live=True,
        page__audience__in=group_ids,
    ).values_list("required_version_id", flat=True)
    active = set(
        get_user_model()
        .objects.filter(pk__in=user_ids, is_active=True)
        .values_list("pk", flat=True)
    )
    return sum(_request(version_id, active) for version_id in set(required))


def _request(version_id: int, user_ids: set[int]) -> int:
    asked = set(
        AcknowledgementRequest.objects.filter(
            version_id=version_id, user_id__in=user_ids
        ).values_list("user_id", flat=True)
    )
    new = [
        AcknowledgementRequest(version_id=version_id, user_id=user_id)
        for user_id in sorted(user_ids - asked)
    ]
    AcknowledgementRequest.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


@transaction.atomic
def sop_acknowledge(*, page: SOPPage, user, version_number: int) -> Acknowledgement:
    """Record that ``user`` has read and understood revision ``version_number``.

    Only the current revision can be acknowledged; confirming it twice keeps the
    first record (an acknowledgement is never rewritten).
    """
    current = (
        SOPStatus.objects.select_for_update()
        .filter(page_id=page.pk)
        .values_list("current_version_id", flat=True)
        .first()
    )
    version = SOPVersion.objects.filter(pk=current).first() if current else None
    if version is None or version.number != version_number:
        raise AcknowledgementOutOfDate(
            "This SOP has been revised since you opened it: read the current "
            "revision, then confirm."
        )
    acknowledgement, _ = Acknowledgement.objects.get_or_create(
        version=version, user=user, defaults={"user_name": user.get_username()}
    )
    return acknowledgement
