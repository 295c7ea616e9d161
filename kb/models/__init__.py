from .acknowledgements import Acknowledgement, AcknowledgementRequest
from .choices import Department, Segment, Stage
from .pages import (
    KnowledgeBaseIndexPage,
    SOPAttachment,
    SOPCategoryPage,
    SOPPage,
    SOPPageTag,
    SOPRelatedLink,
)
from .versions import SOPReview, SOPStatus, SOPVersion

__all__ = [
    "Acknowledgement",
    "AcknowledgementRequest",
    "Department",
    "KnowledgeBaseIndexPage",
    "SOPAttachment",
    "SOPCategoryPage",
    "SOPPage",
    "SOPPageTag",
    "SOPRelatedLink",
    "SOPReview",
    "SOPStatus",
    "SOPVersion",
    "Segment",
    "Stage",
]
