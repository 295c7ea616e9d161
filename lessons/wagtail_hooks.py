from django.urls import path, reverse
from wagtail import hooks

from deskbook.core.hooks import (
    BOOTSTRAP,
    ROLE_PERMISSIONS,
    SEARCH_FACETS,
    SEARCH_KINDS,
    SEED_DEMO,
)
from deskbook.core.menus import PermissionMenuItem
from deskbook.core.roles import EDITOR, MANAGER, STAFF_ROLES, TEAM_LEAD
from deskbook.core.tags import tag_choices_of
from deskbook.core.vocabulary import CollectionStageOrAny, DebtorSegment, Department
from kb.hooks import CITED_BY_HOOK, OPEN_PROPOSALS_HOOK

from . import viewsets
from .bootstrap import bootstrap_lessons
from .dashboard_panels import OpenProposalsPanel
from .demo import seed_lessons
from .models import LessonPageTag, Outcome
from .selectors import lessons_citing

hooks.register(BOOTSTRAP, fn=bootstrap_lessons, order=30)

# Anyone may propose an SOP change from a lesson and follow proposals.
PROPOSALS = ["lessons.add_soprevisionproposal", "lessons.view_soprevisionproposal"]


@hooks.register(ROLE_PERMISSIONS)
def lessons_role_permissions():
    return {
        **dict.fromkeys(STAFF_ROLES, PROPOSALS),
        MANAGER: [
            *PROPOSALS,
            "lessons.change_soprevisionproposal",
            "lessons.promote_lesson",
        ],
        EDITOR: [*PROPOSALS, "lessons.promote_lesson"],
        TEAM_LEAD: [*PROPOSALS, "lessons.promote_lesson"],
    }


@hooks.register(SEARCH_KINDS)
def lesson_search_kinds():
    return [("lesson", "Lessons", ["lessons.LessonPage"])]


@hooks.register(SEARCH_FACETS)
def lesson_search_facets():
    model = "lessons.LessonPage"
    return [
        (
            "department",
            "Department",
            model,
            "department_links__department",
            Department.choices,
        ),
        ("stage", "Collection stage", model, "stage", CollectionStageOrAny.choices),
        ("segment", "Debtor segment", model, "segment", DebtorSegment.choices),
        ("outcome", "Outcome", model, "outcome", Outcome.choices),
        ("tag", "Tag", model, "tags__slug", tag_choices_of(LessonPageTag)),
    ]


hooks.register(CITED_BY_HOOK, fn=lessons_citing)
hooks.register(OPEN_PROPOSALS_HOOK, fn=viewsets.open_proposals_for_sop)


@hooks.register("register_admin_viewset")
def register_proposals():
    return viewsets.proposal_viewset


@hooks.register("register_admin_urls")
def register_lesson_admin_urls():
    return [
        path(
            "lessons/<int:lesson_id>/promote/", viewsets.promote, name="lessons_promote"
        ),
        path(
            "lessons/proposals/<int:proposal_id>/resolve/",
            viewsets.resolve,
            name="lessons_resolve_proposal",
        ),
    ]


@hooks.register("register_reports_menu_item")
def proposals_menu_item():
    return PermissionMenuItem(
        "SOP proposals",
        reverse(viewsets.proposal_viewset.get_url_name("index")),
        name="sop-proposals",
        icon_name="edit",
        order=1420,
        permission="lessons.view_soprevisionproposal",
    )


@hooks.register("construct_homepage_panels")
def add_open_proposals_panel(request, panels):
    panels.append(OpenProposalsPanel(request))


@hooks.register(SEED_DEMO, order=30)
def seed_lessons_demo(*, size, log):
    seed_lessons(size=size, log=log)
