"""Writes of the enquiries app."""

import logging

from django.db import transaction

from .models import Enquiry
from .tasks import enquiry_notify_task

logger = logging.getLogger(__name__)


def enquiry_submit(
    *,
    name: str,
    email: str,
    topic: str,
    message: str,
    phone: str = "",
    account_reference: str = "",
    held_because: str = "",
) -> Enquiry:
    """Store an enquiry, then (once committed) have the team e-mailed about it.

    The e-mail goes after the commit, so a mail server that fails or is slow can
    neither lose the enquiry nor hold the transaction open. An enquiry
    ``held_because`` of a sign of spam is stored as held, with the reason in its
    notes, and nobody is e-mailed: staff find it in the back office.
    """
    enquiry = Enquiry(
        name=name,
        email=email,
        phone=phone,
        topic=topic,
        account_reference=account_reference,
        message=message,
    )
    if held_because:
        enquiry.status = Enquiry.Status.HELD
        enquiry.staff_notes = held_because
    with transaction.atomic():
        enquiry.full_clean()
        enquiry.save()
        if not held_because:
            transaction.on_commit(lambda: _notify_later(enquiry.pk))
    return enquiry


def _notify_later(enquiry_id: int) -> None:
    try:
        enquiry_notify_task.enqueue(enquiry_id=enquiry_id)
    except Exception:
        logger.exception("Could not queue the e-mail about enquiry %s", enquiry_id)
