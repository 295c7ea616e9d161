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
) -> Enquiry:
    """Store an enquiry, then (once committed) have the team e-mailed about it.

    The e-mail goes after the commit, so a mail server that fails or is slow can
    neither lose the enquiry nor hold the transaction open.
    """
    enquiry = Enquiry(
        name=name,
        email=email,
        phone=phone,
        topic=topic,
        account_reference=account_reference,
        message=message,
    )
    with transaction.atomic():
        enquiry.full_clean()
        enquiry.save()
        transaction.on_commit(lambda: _notify_later(enquiry.pk))
    return enquiry


def _notify_later(enquiry_id: int) -> None:
    try:
        enquiry_notify_task.enqueue(enquiry_id=enquiry_id)
    except Exception:
        logger.exception("Could not queue the e-mail about enquiry %s", enquiry_id)
