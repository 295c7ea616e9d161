from .acknowledgements import Acknowledgement, AcknowledgementRequest
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
    "KnowledgeBaseIndexPage",
    "SOPAttachment",
    "SOPCategoryPage",
    "SOPPage",
    "SOPPageTag",
    "SOPRelatedLink",
    "SOPReview",
    "SOPStatus",
    "SOPVersion",
]
