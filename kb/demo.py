"""Demo knowledge base: the SOPs in ``demo/sops`` and a lived-in history around them.

Some SOPs are past their review date, the demo collector has acknowledged most of
them but not all, and one SOP has a second revision that asks for acknowledgement
again, so the dashboard, the reports and the "what changed" view all have
something to show. Idempotent.
"""

import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils import timezone

from .models import SOPPage
from .selectors import outstanding_acknowledgements_for
from .services import sop_acknowledge, sop_review_schedule_set
from .services.sop_import import sop_import

SOURCES = Path(__file__).parent / "demo" / "sops"
PAST_REVIEW = (
    "field-visit-safety",
    "letter-of-demand",
    "social-media-replies",
    "cash-handling-in-the-field",
    "client-reporting",
    "deceased-customer-accounts",
)
LEFT_OUTSTANDING = 6  # the demo collector's SOPs still to acknowledge
REVISED = "handling-a-promise-to-pay"
REVISION_NOTE = """

## Promises made by text message

A promise made by SMS or chat counts only once the customer has replied with the
amount and the date in their own words. Copy their reply into the account notes
word for word, then send the standard confirmation message."""


def seed_knowledge_base(*, size: str = "small", log=print) -> None:
    # Imported once: a re-import would undo the demo's own second revision.
    if not SOPPage.objects.exists():
        sop_import(folder=SOURCES)
    _age_reviews()
    _revise_once()
    _acknowledge_most()
    log(
        f"  knowledge base: {SOPPage.objects.count()} SOPs, "
        f"{len(PAST_REVIEW)} past review"
    )


def _age_reviews() -> None:
    today = timezone.localdate()
    for number, slug in enumerate(PAST_REVIEW):
        page = SOPPage.objects.filter(slug=slug).first()
        if page is None:
            continue
        months = page.review_interval_months
        last_reviewed = today - datetime.timedelta(days=months * 31 + 7 * number + 3)
        if page.status.last_reviewed_on != last_reviewed:
            sop_review_schedule_set(page=page, last_reviewed_on=last_reviewed)


def _revise_once() -> None:
    """The collector acknowledged revision 1; revision 2 asks again."""
    page = SOPPage.objects.filter(slug=REVISED).first()
    collector = get_user_model().objects.filter(username="collector").first()
    if page is None or collector is None or page.versions.count() > 1:
        return
    sop_acknowledge(page=page, user=collector, version_number=1)
    page.body = page.body.rstrip() + REVISION_NOTE
    page.ack_requested = True
    page.save_revision().publish()


def _acknowledge_most() -> None:
    collector = get_user_model().objects.filter(username="collector").first()
    if collector is None:
        return
    outstanding = list(
        outstanding_acknowledgements_for(collector)
        .exclude(version__page__slug=REVISED)
        .order_by("version__page__title")
    )
    for request in outstanding[LEFT_OUTSTANDING:]:
        sop_acknowledge(
            page=request.version.page,
            user=collector,
            version_number=request.version.number,
        )
