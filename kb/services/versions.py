from django.db import transaction
from django.utils import timezone

from ..models import SOPPage, SOPReview, SOPStatus, SOPVersion
from ..signals import sop_revised
from .acknowledgements import acknowledgement_requests_sync
from .reviews import next_review_date


@transaction.atomic
def sop_version_record(*, page: SOPPage, revision=None) -> SOPVersion:
    """Number the revision just published, and reset what a publish resets.

    Every publish is a review (the next review date moves on). Only a revision
    published with "requires acknowledgement" asks the audience to confirm it
    again; minor edits leave acknowledgements as they are.
    """
    status, _ = SOPStatus.objects.select_for_update().get_or_create(page_id=page.pk)
    if revision is not None:
        already = SOPVersion.objects.filter(page_id=page.pk, revision=revision).first()
        if already is not None:
            return already
    last_number = (
        SOPVersion.objects.filter(page_id=page.pk)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    version = SOPVersion.objects.create(
        page_id=page.pk,
        number=(last_number or 0) + 1,
        revision=revision,
        title=page.title,
        body=page.body,
        author=getattr(revision, "user", None),
        requires_acknowledgement=bool(page.ack_requested),
    )
    today = timezone.localdate()
    previous = status.current_version
    status.current_version = version
    if version.requires_acknowledgement:
        status.required_version = version
    status.last_reviewed_on = today
    status.review_by = next_review_date(today, page.review_interval_months)
    status.save()
    SOPReview.objects.create(
        page_id=page.pk,
        reviewed_by=version.author,
        outcome=SOPReview.Outcome.REVISED,
        version=version,
        next_review_by=status.review_by,
    )
    acknowledgement_requests_sync(page=page)
    if version.requires_acknowledgement:
        sop_revised.send(
            sender=SOPVersion, page=page, version=version, previous=previous
        )
    return version
