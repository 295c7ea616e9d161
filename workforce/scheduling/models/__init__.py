"""Models of shift planning: shift types, patterns, shifts (published ones
mirrored as django-scheduler events), the change log, publications, swaps,
calendar feeds and the planning rules."""

from .feeds import CalendarFeed
from .patterns import PatternAssignment, ShiftPattern, ShiftPatternDay
from .rules import ShiftRules
from .shift_types import ShiftType
from .shifts import PlanPublication, Shift, ShiftChange
from .swaps import ShiftSwap

__all__ = [
    "CalendarFeed",
    "PatternAssignment",
    "PlanPublication",
    "Shift",
    "ShiftChange",
    "ShiftPattern",
    "ShiftPatternDay",
    "ShiftRules",
    "ShiftSwap",
    "ShiftType",
]
