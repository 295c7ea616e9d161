from wagtail import hooks

from deskbook.core.hooks import ROLE_PERMISSIONS, SEED_DEMO
from deskbook.core.roles import COLLECTOR, MANAGER, QA_ANALYST, TEAM_LEAD
from workforce.attendance.hooks import ATTENDANCE_CALL_VOLUMES

from .dashboard_panels import qa_panels
from .demo import seed_calls
from .demo_evaluations import seed_qa_analysts, seed_qa_evaluations
from .selectors import team_call_volumes
from .viewsets import QAGroup
from .viewsets.calibration import CalibrationViewSet
from .viewsets.coaching import CoachingViewSet
from .viewsets.disputes import DisputeViewSet
from .viewsets.evaluations import EvaluationViewSet
from .viewsets.my_evaluations import MyEvaluationsViewSet
from .viewsets.queue import MyQueueViewSet
from .viewsets.samples import SampledCallViewSet, SampleDrawViewSet
from .viewsets.scorecards import (
    ScorecardVersionViewSet,
    ScorecardViewSet,
    SectionViewSet,
)


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


@hooks.register(ROLE_PERMISSIONS)
def qa_evaluation_role_permissions():
    # Evaluations, disputes and coaching are written through their services;
    # the model permissions open the listings, scoped by the selectors.
    # A senior analyst is a QA analyst also given qa.decide_any_dispute.
    structure = ("scorecard", "scorecardversion", "section", "item")
    return {
        MANAGER: [
            f"qa.{action}_{model}"
            for model in structure
            for action in ("add", "change", "view")
        ]
        + [
            "qa.draw_sample",
            "qa.view_sampledraw",
            "qa.view_sampledcall",
            "qa.oversee_evaluations",
            "qa.view_evaluation",
            "qa.view_dispute",
            "qa.decide_any_dispute",
            "qa.view_coachingrecord",
            "qa.run_calibration",
            "qa.view_calibrationsession",
            "qa.add_calibrationsession",
        ],
        QA_ANALYST: [
            "qa.score_call",
            "qa.view_evaluation",
            "qa.view_scorecard",
            "qa.view_calibrationsession",
        ],
        TEAM_LEAD: [
            "qa.view_evaluation",
            "qa.view_dispute",
            "qa.view_coachingrecord",
            "qa.add_coachingrecord",
        ],
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


@hooks.register("register_admin_viewset")
def register_qa_evaluation_viewsets():
    return [
        ScorecardViewSet("qa_scorecards"),
        SampleDrawViewSet("qa_samples"),
        SampledCallViewSet("qa_sampled_calls"),
        EvaluationViewSet("qa_evaluations"),
        DisputeViewSet("qa_disputes"),
        CoachingViewSet("qa_coaching"),
        CalibrationViewSet("qa_calibration"),
        ScorecardVersionViewSet("qa_scorecard_versions"),
        SectionViewSet("qa_scorecard_sections"),
        MyQueueViewSet(),
        MyEvaluationsViewSet(),
    ]


@hooks.register("construct_homepage_panels")
def add_qa_panels(request, panels):
    panels.extend(qa_panels(request))


# After the call log's demo: the sample is drawn from its calls.
@hooks.register(SEED_DEMO, order=27)
def seed_qa_evaluations_demo(*, size, log):
    seed_qa_evaluations(size=size, log=log)


# With the people, before the demos that give every person something (leave).
@hooks.register(SEED_DEMO, order=11)
def seed_qa_analysts_demo(*, size, log):
    seed_qa_analysts(size=size, log=log)
