"""E-mails about shifts, sent once the change is committed; a mail server that
is down never undoes a change."""

import logging
from collections.abc import Iterable

from django.core.mail import send_mail

logger = logging.getLogger(__name__)


def address_of(staff) -> str:
    if staff.user_id and staff.user.email:
        return staff.user.email
    return staff.email


def send(subject: str, body: str, people: Iterable) -> None:
    recipients = sorted({address_of(p) for p in people} - {""})
    if not recipients:
        return
    try:
        send_mail(subject, body, None, recipients)
    except Exception:
        logger.exception("Could not send %r", subject)
