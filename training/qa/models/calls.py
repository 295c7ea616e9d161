"""The call log and the payments that keep or break its promises.

Both come from the dialer's and the core collection system's exports
(``import_calls``, ``import_payments``); nobody types them in. Debtors appear
only as a pseudonymous account reference: the import refuses any reference
that looks like personal data.
"""

from django.db import models
from django.db.models import Q

from workforce.attendance.models.demand import validate_time_zone


class Direction(models.TextChoices):
    OUTBOUND = "outbound", "Outbound"
    INBOUND = "inbound", "Inbound"


class Outcome(models.TextChoices):
    NO_ANSWER = "no_answer", "No answer"
    BUSY = "busy", "Busy"
    WRONG_NUMBER = "wrong_number", "Wrong number"
    THIRD_PARTY = "third_party", "Third party"
    RIGHT_PARTY_CONTACT = "right_party_contact", "Right-party contact"
    PROMISE_TO_PAY = "promise_to_pay", "Promise to pay"
    REFUSED = "refused", "Refused"
    DISPUTE = "dispute", "Dispute"
    # The debtor asked not to be called again: every later call breaks the
    # contact rules, as after a dispute.
    CEASE_CONTACT = "cease_contact", "Cease contact"
    PAID = "paid", "Paid"
    CALLBACK = "callback", "Callback"


# Outcomes where the collector spoke with the debtor themselves.
RIGHT_PARTY_OUTCOMES = (
    Outcome.RIGHT_PARTY_CONTACT,
    Outcome.PROMISE_TO_PAY,
    Outcome.REFUSED,
    Outcome.DISPUTE,
    Outcome.CEASE_CONTACT,
    Outcome.PAID,
    Outcome.CALLBACK,
)
# After one of these on an account, calling it again breaks the rules.
STOP_OUTCOMES = (Outcome.CEASE_CONTACT, Outcome.DISPUTE)


class CallQuerySet(models.QuerySet):
    def started_between(self, first, last):
        """Calls whose start falls in [first, last) (aware datetimes)."""
        return self.filter(started_at__gte=first, started_at__lt=last)

    def promises(self):
        return self.filter(outcome=Outcome.PROMISE_TO_PAY)

    def right_party(self):
        return self.filter(outcome__in=RIGHT_PARTY_OUTCOMES)


class Call(models.Model):
    """One call of the dialer's log, as it was exported."""

    call_id = models.CharField("call id", max_length=64, unique=True)
    collector = models.ForeignKey(
        "workforce.Staff",
        on_delete=models.PROTECT,
        related_name="calls",
        db_index=False,  # led by the (collector, start) index below
    )
    account_reference = models.CharField(
        max_length=64, help_text="The debtor's account, by pseudonym only."
    )
    dpd_bucket = models.CharField("DPD bucket", max_length=40, blank=True)
    debtor_time_zone = models.CharField(
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text="Blank when unknown: the agency's zone is assumed.",
    )
    started_at = models.DateTimeField("start")
    duration_seconds = models.PositiveIntegerField("duration (s)")
    direction = models.CharField(max_length=8, choices=Direction.choices)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    promised_amount = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True
    )
    promised_on = models.DateField("promised date", null=True, blank=True)
    recording_reference = models.CharField(max_length=200, blank=True)
    balance = models.DecimalField(
        "outstanding balance",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="The account's outstanding balance at the call, when the "
        "export has it.",
    )

    objects = CallQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        permissions = [
            ("oversee_calls", "Can see every collector's calls"),
            ("import_call", "Can import call logs and payments"),
        ]
        indexes = [
            # A month's calls (contact rules, reports, the sample frame).
            models.Index(fields=["started_at"], name="qa_call_started"),
            # A collector's calls in a period (the listing, their KPIs).
            models.Index(fields=["collector", "started_at"], name="qa_call_collector"),
            # An account's calls in order (attempts in a window, cease rules).
            models.Index(
                fields=["account_reference", "started_at"], name="qa_call_account"
            ),
            # Cease and dispute outcomes, by account: a few percent of calls, so
            # a partial index stays small and cheap to write.
            models.Index(
                fields=["account_reference", "started_at"],
                condition=Q(outcome__in=STOP_OUTCOMES),
                name="qa_call_stops",
            ),
            # Promises by account, to match payments (partial for the same reason).
            models.Index(
                fields=["account_reference", "promised_on"],
                condition=Q(outcome=Outcome.PROMISE_TO_PAY),
                name="qa_call_promises",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome=Outcome.PROMISE_TO_PAY)
                | Q(promised_amount__gt=0, promised_on__isnull=False),
                name="qa_call_promise_has_amount_and_date",
            ),
            models.CheckConstraint(
                condition=Q(balance__gte=0) | Q(balance__isnull=True),
                name="qa_call_balance_not_negative",
            ),
        ]

    def __str__(self):
        return self.call_id


class Payment(models.Model):
    """A payment on an account, from the core collection system."""

    payment_id = models.CharField("payment id", max_length=64, unique=True)
    account_reference = models.CharField(max_length=64)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    paid_on = models.DateField("date")

    class Meta:
        ordering = ["-paid_on", "-pk"]
        indexes = [
            models.Index(
                fields=["account_reference", "paid_on"], name="qa_payment_account"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="qa_payment_amount_positive"
            ),
        ]

    def __str__(self):
        return f"{self.payment_id}: {self.amount} on {self.paid_on}"
