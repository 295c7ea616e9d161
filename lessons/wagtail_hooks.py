from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import GroupApprovalTask, Page

from deskbook.core.hooks import (
    BOOTSTRAP,
    ROLE_PERMISSIONS,
    SEARCH_FACETS,
    SEARCH_KINDS,
    SEED_DEMO,
)
from deskbook.core.pagetree import ensure_section, grant_page_permissions
from deskbook.core.roles import EDITOR, MANAGER, STAFF_ROLES, TEAM_LEAD
from deskbook.core.tags import tag_choices_of
from deskbook.core.vocabulary import CollectionStageOrAny, DebtorSegment, Department
from kb.edit_panels import OPEN_PROPOSALS_HOOK, OpenProposal
from kb.models.pages import CITED_BY_HOOK

from . import proposal_admin, views
from .demo import seed_lessons
from .models import LessonIndexPage, LessonPageTag, Outcome
from .panels import OpenProposalsPanel
from .selectors import lessons_citing
from .services import CONFIDENTIAL_READERS, lesson_review_workflow_ensure


@hooks.register(BOOTSTRAP, order=30)
def bootstrap_lessons():
    lessons = ensure_section(
        LessonIndexPage,
        slug="lessons",
        title="Lessons",
        intro=(
            "<p>What went right, what went wrong and what we would do better: "
            "lessons from real cases, written by the people who worked them.</p>"
        ),
        staff_only=True,
    )
    # Anyone may write a lesson and submit it; team leads and managers review.
    for role in STAFF_ROLES:
        grant_page_permissions(lessons, role, ["add"])
    # Approving publishes, so reviewers need to be allowed to publish.
    grant_page_permissions(lessons, TEAM_LEAD, ["add", "change", "publish"])
    task = GroupApprovalTask.objects.filter(name="Team lead review").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name="Team lead review")
    task.groups.set(task.groups.model.objects.filter(name__in=CONFIDENTIAL_READERS))
    lesson_review_workflow_ensure(section=lessons, task=task)
    # Team leads who approve a lesson may turn it into a draft public alert,
    # which a Manager approves like any other article.
    awareness = Page.objects.filter(slug="awareness", depth=3).first()
    if awareness is not None:
        grant_page_permissions(awareness, TEAM_LEAD, ["add", "change"])


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


@hooks.register(CITED_BY_HOOK)
def lessons_citing_sop(sop, user):
    return lessons_citing(sop, user)


@hooks.register(OPEN_PROPOSALS_HOOK)
def open_proposals_for_sop(sop, user):
    """Open proposals from lessons ``user`` may read; *Resolve* for those who may."""
    proposals = proposal_admin.proposals_visible_to(user).open().filter(sop=sop)
    return [
        OpenProposal(
            source_title=proposal.lesson.title,
            # The lesson as staff read it: every reader of the proposal may open it.
            source_url=proposal.lesson.get_url() or "",
            change=proposal.change,
            reason=proposal.reason,
            age_days=proposal.age_days,
            resolve_url=(
                reverse("lessons_resolve_proposal", args=[proposal.pk])
                if proposal_admin.can_resolve(user, proposal)
                else ""
            ),
        )
        for proposal in proposals.order_by("proposed_at")
    ]


@hooks.register("register_admin_viewset")
def register_proposals():
    return proposal_admin.proposal_viewset


@hooks.register("register_admin_urls")
def register_lesson_admin_urls():
    return [
        path("lessons/<int:lesson_id>/promote/", views.promote, name="lessons_promote"),
        path(
            "lessons/proposals/<int:proposal_id>/resolve/",
            proposal_admin.resolve,
            name="lessons_resolve_proposal",
        ),
    ]


class ProposalsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("lessons.view_soprevisionproposal")


@hooks.register("register_reports_menu_item")
def proposals_menu_item():
    return ProposalsMenuItem(
        "SOP proposals",
        reverse(proposal_admin.proposal_viewset.get_url_name("index")),
        name="sop-proposals",
        icon_name="edit",
        order=1420,
    )


@hooks.register("construct_homepage_panels")
def add_open_proposals_panel(request, panels):
    panels.append(OpenProposalsPanel(request))


@hooks.register(SEED_DEMO, order=30)
def seed_lessons_demo(*, size, log):
    seed_lessons(size=size, log=log)
