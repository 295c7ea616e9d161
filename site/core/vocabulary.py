"""The words of the collection business, defined once for every app.

The stored values are in the database and in imported SOP files: never change one
without a data migration. Labels are free to change.

``Department``
    Who in the agency does the work. Sales takes in new portfolios from clients.
    Administrative prepares the documents (proof of debt, warrant to act, letter
    of demand) and runs profile searches. Operations negotiates with debtors and
    fills in settlement and instalment forms. Marketing & Communications writes
    the public awareness posts and press releases and shares knowledge inside.

``CollectionStage``
    How far an account has gone. Pre-collection: reminders around the due date
    (SMS, e-mail, courtesy calls), before the account is in arrears for long.
    Early collection: desk collection by phone, segmented by days-past-due
    bucket. Late collection: field visits, letters of demand and legal action.
    A team works one stage; a case sits in one.

``DebtorSegment``
    Why the debtor has not paid, which decides the treatment. First-time
    default: a usual payer who missed once; a reminder and a date usually do.
    Lethargic payer: able to pay but keeps putting it off; firm follow-up and
    promises to pay that are checked. Bad debt: long unpaid, contact lost or
    refused; tracing, then field or legal action. Disputed: the debtor contests
    the debt or the amount; collection waits for the documents to settle it.
    Scam-related: the debtor was scammed, or scammers use our name or the
    creditor's; verify, stop, and warn.

``CollectionStageOrAny``, ``DebtorSegmentOrAny``
    The same values and labels with ``"any"`` last, for guidance (an SOP, a
    lesson) that holds at every stage or for every segment. A team, a call or a
    target belongs to one stage: those use the plain choices.
"""

from django.db import models


class Department(models.TextChoices):
    SALES = "sales", "Sales"
    ADMINISTRATIVE = "administrative", "Administrative"
    OPERATIONS = "operations", "Operations"
    MARKETING = "marketing", "Marketing & Communications"


class CollectionStage(models.TextChoices):
    PRE = "pre", "Pre-collection"
    EARLY = "early", "Early collection"
    LATE = "late", "Late collection"


class DebtorSegment(models.TextChoices):
    FIRST_TIME_DEFAULT = "first-time-default", "First-time default"
    LETHARGIC_PAYER = "lethargic-payer", "Lethargic payer"
    BAD_DEBT = "bad-debt", "Bad debt"
    DISPUTED = "disputed", "Disputed"
    SCAM_RELATED = "scam-related", "Scam-related"


def _or_any(choices: type[models.TextChoices], label: str) -> type[models.TextChoices]:
    """``choices`` and an ``ANY`` member, built from them so the two never drift."""
    members = [(member.name, (member.value, member.label)) for member in choices]
    return models.TextChoices(
        f"{choices.__name__}OrAny",
        [*members, ("ANY", ("any", label))],
        module=__name__,
        qualname=f"{choices.__name__}OrAny",
    )


CollectionStageOrAny = _or_any(CollectionStage, "Any stage")
DebtorSegmentOrAny = _or_any(DebtorSegment, "Any segment")
