"""Models of courses: courses and the rules that enrol people in them,
sessions and their dates on the *Training* calendar, enrolments with their
attendance marks, assessments and feedback, and certificates."""

from .certificates import Certificate, CertificateQuerySet
from .courses import Course, CourseQuerySet, EnrolmentRule
from .enrolments import (
    Assessment,
    AttendanceMark,
    Enrolment,
    EnrolmentQuerySet,
    Feedback,
)
from .sessions import Session, SessionDate, SessionQuerySet

__all__ = [
    "Assessment",
    "AttendanceMark",
    "Certificate",
    "CertificateQuerySet",
    "Course",
    "CourseQuerySet",
    "Enrolment",
    "EnrolmentQuerySet",
    "EnrolmentRule",
    "Feedback",
    "Session",
    "SessionDate",
    "SessionQuerySet",
]
