"""Models of quality assurance, one module a concept, re-exported here."""

from .calls import Call, CallQuerySet, Direction, Outcome, Payment
from .changes import LogChange
from .imports import ImportJob
from .settings import QASettings

__all__ = [
    "Call",
    "CallQuerySet",
    "Direction",
    "ImportJob",
    "LogChange",
    "Outcome",
    "Payment",
    "QASettings",
]
from .calibration import CalibrationRating, CalibrationSession  # noqa: E402
from .coaching import CoachingRecord  # noqa: E402
from .disputes import Dispute  # noqa: E402
from .evaluations import Evaluation, ItemAnswer  # noqa: E402
from .samples import SampledCall, SampleDraw  # noqa: E402
from .scorecards import Item, ItemKind, Scorecard, ScorecardVersion, Section  # noqa: E402

__all__ += [
    "CalibrationRating",
    "CalibrationSession",
    "CoachingRecord",
    "Dispute",
    "Evaluation",
    "Item",
    "ItemAnswer",
    "ItemKind",
    "SampleDraw",
    "SampledCall",
    "Scorecard",
    "ScorecardVersion",
    "Section",
]
