"""Writes of the knowledge base: each is one atomic function with its side effects."""

from .acknowledgements import (
    AcknowledgementOutOfDate,
    acknowledgement_requests_for_new_members,
    acknowledgement_requests_sync,
    sop_acknowledge,
)
from .reviews import next_review_date, sop_review_confirm, sop_review_schedule_set
from .versions import sop_version_record

__all__ = [
    "AcknowledgementOutOfDate",
    "acknowledgement_requests_for_new_members",
    "acknowledgement_requests_sync",
    "next_review_date",
    "sop_acknowledge",
    "sop_review_confirm",
    "sop_review_schedule_set",
    "sop_version_record",
]
