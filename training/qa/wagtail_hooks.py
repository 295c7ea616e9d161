from wagtail import hooks

from deskbook.core.hooks import ROLE_PERMISSIONS, SEED_DEMO
from deskbook.core.roles import COLLECTOR, MANAGER, QA_ANALYST, TEAM_LEAD
from workforce.attendance.hooks import ATTENDANCE_CALL_VOLUMES

from .demo import seed_calls
from .selectors import team_call_volumes
from .viewsets import QAGroup


@hooks.register(ROLE_PERMISSIONS)
def qa_role_permissions():
    # Calls and payments come from imports only: nobody adds, edits or deletes one.
    # Seeing a call is scoped (selectors.calls_visible_to): a collector their
    # own, a lead their teams' on the call's date, QA and managers every call.
    every_call = [
        "qa.view_call",
        "qa.oversee_calls",
        "qa.view_payment",
        "qa.import_call",
        "qa.view_importjob",
        "qa.change_qasettings",
    ]
    return {
        QA_ANALYST: every_call,
        MANAGER: every_call,
        TEAM_LEAD: ["qa.view_call"],
        COLLECTOR: ["qa.view_call"],
    }


@hooks.register("register_admin_viewset")
def register_qa_viewsets():
    return QAGroup()


# After the courses (25): the call log is the QA sample's frame.
@hooks.register(SEED_DEMO, order=26)
def seed_qa_demo(*, size, log):
    seed_calls(size=size, log=log)


@hooks.register(ATTENDANCE_CALL_VOLUMES)
def qa_call_volumes(*, team_ids, start, end):
    return team_call_volumes(team_ids=team_ids, start=start, end=end)
