"""Writes of shift planning: drafting a team's plan, publishing it, changing
published shifts (logged and notified). One concept a module; everything is
imported from here."""

from .absences import shifts_cancel_for_absence, shifts_reinstate_after_absence
from .common import event_for, shift_build, team_calendar
from .enforcement import RulesBroken, enforce
from .patterns import pattern_assignment_save, shift_pattern_save
from .planning import plan_apply_patterns, plan_clear, plan_copy_week
from .publishing import PUBLISH_BATCH, plan_publish
from .shifts import shift_set, shifts_end_after

__all__ = [
    "PUBLISH_BATCH",
    "RulesBroken",
    "enforce",
    "event_for",
    "pattern_assignment_save",
    "plan_apply_patterns",
    "plan_clear",
    "plan_copy_week",
    "plan_publish",
    "shift_build",
    "shift_pattern_save",
    "shift_set",
    "shifts_cancel_for_absence",
    "shifts_end_after",
    "shifts_reinstate_after_absence",
    "team_calendar",
]
