from .choices import AmountBand, Outcome, Sensitivity
from .pages import (
    LessonCitation,
    LessonDepartment,
    LessonIndexPage,
    LessonPage,
    LessonPageTag,
)
from .proposals import SOPRevisionProposal

__all__ = [
    "AmountBand",
    "LessonCitation",
    "LessonDepartment",
    "LessonIndexPage",
    "LessonPage",
    "LessonPageTag",
    "Outcome",
    "SOPRevisionProposal",
    "Sensitivity",
]
