from django.urls import include, path, reverse
from wagtail import hooks

from deskbook.core.hooks import (
    BOOTSTRAP,
    ROLE_PERMISSIONS,
    SEARCH_FACETS,
    SEARCH_KINDS,
    SEED_DEMO,
)
from deskbook.core.menus import PermissionMenuItem
from deskbook.core.roles import EDITOR, MANAGER, TEAM_LEAD
from deskbook.core.tags import tag_choices_of
from deskbook.core.vocabulary import (
    CollectionStageOrAny,
    DebtorSegmentOrAny,
    Department,
)

from . import viewsets
from .bootstrap import bootstrap_knowledge_base
from .dashboard_panels import OutstandingAcknowledgementsPanel, OwnedReviewsDuePanel
from .demo import seed_knowledge_base
from .models import SOPPageTag

hooks.register(BOOTSTRAP, fn=bootstrap_knowledge_base, order=20)


@hooks.register(ROLE_PERMISSIONS)
def knowledge_base_role_permissions():
    return {
        MANAGER: [
            "kb.view_acknowledgementrequest",
            "kb.view_all_outstanding_acknowledgements",
            "kb.view_sopstatus",
        ],
        # A team lead's report shows their own teams only.
        TEAM_LEAD: ["kb.view_acknowledgementrequest"],
        EDITOR: ["kb.view_sopstatus"],
    }


@hooks.register(SEARCH_KINDS)
def knowledge_base_search_kinds():
    return [("sop", "SOPs", ["kb.SOPPage"])]


@hooks.register(SEARCH_FACETS)
def knowledge_base_search_facets():
    model = "kb.SOPPage"
    return [
        ("department", "Department", model, "department", Department.choices),
        ("stage", "Collection stage", model, "stage", CollectionStageOrAny.choices),
        ("segment", "Debtor segment", model, "segment", DebtorSegmentOrAny.choices),
        ("tag", "Tag", model, "tags__slug", tag_choices_of(SOPPageTag)),
    ]


@hooks.register("register_admin_urls")
def register_knowledge_base_reports():
    return [path("reports/kb/", include((viewsets.urlpatterns, "kb_reports")))]


@hooks.register("register_reports_menu_item")
def outstanding_acknowledgements_menu_item():
    return PermissionMenuItem(
        "SOP acknowledgements",
        reverse("kb_reports:outstanding_acknowledgements"),
        name="sop-acknowledgements",
        icon_name="tick",
        order=1400,
        permission="kb.view_acknowledgementrequest",
    )


@hooks.register("register_reports_menu_item")
def reviews_due_menu_item():
    return PermissionMenuItem(
        "SOPs due for review",
        reverse("kb_reports:reviews_due"),
        name="sops-due-for-review",
        icon_name="time",
        order=1410,
        permission="kb.view_sopstatus",
    )


@hooks.register("construct_homepage_panels")
def add_knowledge_base_panels(request, panels):
    panels.append(OutstandingAcknowledgementsPanel(request))
    panels.append(OwnedReviewsDuePanel(request))


@hooks.register(SEED_DEMO, order=20)
def seed_knowledge_base_demo(*, size, log):
    seed_knowledge_base(size=size, log=log)
