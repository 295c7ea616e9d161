"""Models of quality assurance, one module a concept, re-exported here."""

from .calls import Call, CallQuerySet, Direction, Outcome, Payment
from .imports import ImportJob
from .settings import QASettings

__all__ = [
    "Call",
    "CallQuerySet",
    "Direction",
    "ImportJob",
    "Outcome",
    "Payment",
    "QASettings",
]
