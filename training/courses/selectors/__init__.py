"""Reads of training, one concern a module, re-exported here. Every
permission-scoped read takes the viewer."""

from .access import (
    ASSIGN,
    OVERSEE,
    courses_run_by,
    is_active,
    leads_on,
    may_assign,
    may_cancel,
    may_run,
    oversees_training,
    runs_training,
)
from .listings import (
    certificates_visible_to,
    enrolments_visible_to,
    sessions_visible_to,
)

__all__ = [
    "ASSIGN",
    "OVERSEE",
    "certificates_visible_to",
    "courses_run_by",
    "enrolments_visible_to",
    "is_active",
    "leads_on",
    "may_assign",
    "may_cancel",
    "may_run",
    "oversees_training",
    "runs_training",
    "sessions_visible_to",
]
