"""E-mails about shifts, sent once the change is committed; a mail server that
is down never undoes a change."""

import contextlib
import contextvars
import logging
from collections.abc import Callable, Iterable

from django.core.mail import send_mail
from django.db import transaction

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


_quiet = contextvars.ContextVar("scheduling_notifications_quiet", default=False)


@contextlib.contextmanager
def quiet():
    """No e-mails about the changes made inside: the demo's people are made up."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def after_commit(notify: Callable[[], None]) -> None:
    """Run ``notify`` once the change is committed, unless inside ``quiet()``."""
    if not _quiet.get():
        transaction.on_commit(notify)
