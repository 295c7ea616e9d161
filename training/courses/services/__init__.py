"""Writes of training, one concern a module, re-exported here."""

from .enrolments import (
    enrolment_cancel,
    enrolment_create,
    enrolments_cancel_after,
    session_capacity_set,
)
from .refreshers import RefresherRun, refreshers_enrol
from .results import certificate_issue, feedback_give, session_results_record
from .results_import import (
    ResultsImportFailed,
    ResultsImportReport,
    import_session_results,
)
from .reviews import course_review_clear, courses_flag_for_sop_revision, what_changed
from .rules import (
    Placement,
    enrolment_in_next_session,
    enrolment_rules_apply,
    next_session,
)
from .sessions import (
    TRAINING_CALENDAR,
    session_cancel,
    session_confirm,
    session_schedule,
    training_calendar,
)

__all__ = [
    "ResultsImportFailed",
    "ResultsImportReport",
    "import_session_results",
    "RefresherRun",
    "TRAINING_CALENDAR",
    "certificate_issue",
    "course_review_clear",
    "courses_flag_for_sop_revision",
    "enrolment_cancel",
    "enrolment_create",
    "enrolment_in_next_session",
    "Placement",
    "enrolment_rules_apply",
    "enrolments_cancel_after",
    "feedback_give",
    "next_session",
    "refreshers_enrol",
    "session_cancel",
    "session_capacity_set",
    "session_confirm",
    "session_results_record",
    "session_schedule",
    "training_calendar",
    "what_changed",
]
