import datetime

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from ..models import SOPPage, SOPReview, SOPStatus


def next_review_date(reviewed_on: datetime.date, months: int) -> datetime.date:
    """When a review done on ``reviewed_on`` stops holding (31 Jan + 1 → end Feb)."""
    return reviewed_on + relativedelta(months=months)


@transaction.atomic
def sop_review_confirm(*, page: SOPPage, user) -> SOPReview:
    """The owner read the SOP and it still holds: no new revision, a new review date."""
    status, _ = SOPStatus.objects.select_for_update().get_or_create(page_id=page.pk)
    today = timezone.localdate()
    status.last_reviewed_on = today
    status.review_by = next_review_date(today, page.review_interval_months)
    status.save(update_fields=["last_reviewed_on", "review_by"])
    return SOPReview.objects.create(
        page_id=page.pk,
        reviewed_by=user,
        outcome=SOPReview.Outcome.CONFIRMED,
        version=status.current_version,
        next_review_by=status.review_by,
    )


@transaction.atomic
def sop_review_schedule_set(
    *, page: SOPPage, last_reviewed_on: datetime.date
) -> SOPStatus:
    """Record when the SOP was last reviewed before it came here (imports)."""
    status, _ = SOPStatus.objects.select_for_update().get_or_create(page_id=page.pk)
    status.last_reviewed_on = last_reviewed_on
    status.review_by = next_review_date(last_reviewed_on, page.review_interval_months)
    status.save(update_fields=["last_reviewed_on", "review_by"])
    return status
