"""Courses, sessions, enrolments, assessments, certificates and refreshers."""
