"""Demo enquiries: scam reports, a debt question, a complaint, a press question."""

import datetime

from django.utils import timezone

from .models import Enquiry, Topic

Status = Enquiry.Status

# (hours ago, status, topic, name, e-mail, phone, account reference, message, notes)
DEMO_ENQUIRIES = [
    (
        2,
        Status.NEW,
        Topic.IMPERSONATION,
        "Lim Bee Hoon",
        "beehoon.lim@example.com",
        "+65 9123 4501",
        "",
        "A man called me this morning saying he was from your agency and that I "
        "owe S$1,280 on a credit card. He said the police would come to my flat "
        "today unless I transferred the money to a personal bank account he "
        "read out. I have never had a card with that bank. Is this really you? "
        "I have not paid anything.",
        "",
    ),
    (
        5,
        Status.NEW,
        Topic.COMPLAINT,
        "Tan Wei Jie",
        "weijie.tan@example.com",
        "+65 9123 4502",
        "DB-2024-097311",
        "Your collector called my office three times this week and told a "
        "colleague that I owe money. I did not agree to be contacted at work and "
        "I find this very embarrassing. I want the calls to my workplace to stop "
        "and I would like to know who made them.",
        "",
    ),
    (
        26,
        Status.IN_PROGRESS,
        Topic.IMPERSONATION,
        "Ahmad Faiz bin Rosli",
        "ahmad.faiz@example.com",
        "",
        "",
        "I received a WhatsApp message with your logo asking me to settle my "
        "'outstanding balance' by scanning a PayNow QR code before midnight, or "
        "face legal action. I have no debt with anyone. I have kept a "
        "screenshot if you need it.",
        "Not one of ours: we never send payment QR codes by WhatsApp. Replied "
        "with the scam-awareness article and the police scam hotline.",
    ),
    (
        72,
        Status.IN_PROGRESS,
        Topic.DEBT,
        "Priya Ramasamy",
        "priya.ramasamy@example.com",
        "+65 9123 4503",
        "DB-2025-118204",
        "I received your letter of demand dated 3 March. I lost my job in "
        "January and cannot pay the full S$4,650 at once. Could I pay in monthly "
        "instalments instead? I can manage about S$300 a month until I find work.",
        "Passed to Operations for an instalment proposal.",
    ),
    (
        24 * 9,
        Status.CLOSED,
        Topic.PRESS,
        "Rachel Koh",
        "rachel.koh@example.com",
        "+65 9123 4504",
        "",
        "I am a reporter with The Harbour Times, writing about scammers who "
        "pretend to be debt collectors. Could someone talk to me about how people "
        "can tell a genuine call from a scam, and how many reports you have had "
        "this year? My deadline is Friday.",
        "Interview given by the Head of Marketing & Communications.",
    ),
    (
        24 * 14,
        Status.CLOSED,
        Topic.OTHER,
        "Nurul Huda",
        "nurul.huda@example.com",
        "",
        "",
        "I keep receiving your letters addressed to a previous tenant of my flat "
        "in Tampines, who moved out in 2023. Please update your records and stop "
        "sending letters for him to this address.",
        "Address marked as not valid for the account; no more letters.",
    ),
]


def seed_enquiries(*, log=print) -> None:
    """Add the demo enquiries that are not there yet (matched by e-mail)."""
    now = timezone.now()
    existing = set(
        Enquiry.objects.filter(
            email__in=[row[4] for row in DEMO_ENQUIRIES]
        ).values_list("email", flat=True)
    )
    new = []
    for (
        hours,
        status,
        topic,
        name,
        email,
        phone,
        account,
        message,
        notes,
    ) in DEMO_ENQUIRIES:
        if email in existing:
            continue
        received = now - datetime.timedelta(hours=hours)
        new.append(
            Enquiry(
                name=name,
                email=email,
                phone=phone,
                topic=topic,
                account_reference=account,
                message=message,
                status=status,
                staff_notes=notes,
                created_at=received,
                notified_at=received + datetime.timedelta(seconds=5),
            )
        )
    Enquiry.objects.bulk_create(new)
    log(f"  enquiries: {Enquiry.objects.count()} ({len(new)} new)")
