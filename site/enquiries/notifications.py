"""The e-mail that tells the enquiries team about a new enquiry."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from deskbook.core.organisation import organisation_for

from .models import Enquiry

logger = logging.getLogger(__name__)

DEFAULT_RECIPIENTS = ["enquiries@deskbook.example"]


def notification_recipients() -> list[str]:
    configured = getattr(settings, "DESKBOOK_ENQUIRIES_EMAIL", DEFAULT_RECIPIENTS)
    if isinstance(configured, str):
        configured = configured.split(",")
    return [address.strip() for address in configured if address.strip()]


def admin_url(enquiry: Enquiry) -> str:
    path = reverse("enquiries:inspect", args=[enquiry.pk])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def notification_message(enquiry: Enquiry, recipients: list[str]) -> EmailMessage:
    # The sender's name stays out of the subject: it is untrusted input, and
    # subjects travel further than bodies (previews, logs, forwarding).
    subject = f"New enquiry {enquiry.reference}: {enquiry.get_topic_display()}"
    body = render_to_string(
        "enquiries/email/notification.txt",
        {
            "enquiry": enquiry,
            "received": timezone.localtime(enquiry.created_at),
            "admin_url": admin_url(enquiry),
            "organisation": organisation_for(),
        },
    )
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        reply_to=[enquiry.email],
    )


def enquiry_notify(*, enquiry: Enquiry) -> bool:
    """E-mail the team about ``enquiry`` and note when; False if it could not.

    A failure is logged and leaves ``notified_at`` empty: the enquiry itself is
    already stored and shows in the back office either way.
    """
    recipients = notification_recipients()
    if not recipients:
        logger.warning(
            "No DESKBOOK_ENQUIRIES_EMAIL: enquiry %s was not e-mailed.",
            enquiry.reference,
        )
        return False
    try:
        notification_message(enquiry, recipients).send()
    except Exception:
        logger.exception(
            "Could not e-mail the enquiries team about enquiry %s", enquiry.reference
        )
        return False
    Enquiry.objects.filter(pk=enquiry.pk).update(notified_at=timezone.now())
    return True
