"""Training's answers to other apps' signals.

- A resignation cancels the person's places on sessions after their last
  working day (people's ``staff_resigned``).
- A new hire placed in a team on their hire date is enrolled as the
  enrolment rules say (a saved ``TeamMembership``).
- An SOP revision asking for acknowledgement flags the courses teaching the
  SOP (the knowledge base's ``sop_revised``).
"""

from django.db.models.signals import post_save

from kb.signals import sop_revised
from workforce.people.models import TeamMembership
from workforce.people.signals import staff_resigned

from .services import (
    courses_flag_for_sop_revision,
    enrolment_rules_apply,
    enrolments_cancel_after,
)

RESIGNED = "You are leaving before the session starts."


def cancel_enrolments_of_leaver(sender, staff, resignation, **kwargs):
    enrolments_cancel_after(
        staff=staff, last_day=resignation.last_working_day, reason=RESIGNED
    )


def enrol_new_hire(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    if instance.valid_from != instance.staff.hired_on:
        return  # a move, not a new hire
    enrolment_rules_apply(
        staff=instance.staff, team=instance.team, on=instance.valid_from
    )


def flag_courses(sender, page, version, previous, **kwargs):
    courses_flag_for_sop_revision(page=page, version=version, previous=previous)


def connect():
    staff_resigned.connect(
        cancel_enrolments_of_leaver, dispatch_uid="courses_cancel_enrolments_of_leaver"
    )
    post_save.connect(
        enrol_new_hire, sender=TeamMembership, dispatch_uid="courses_enrol_new_hire"
    )
    sop_revised.connect(flag_courses, dispatch_uid="courses_flag_courses")
