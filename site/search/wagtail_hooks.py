from wagtail import hooks

from deskbook.core.hooks import ROLE_PERMISSIONS
from deskbook.core.roles import EDITOR, MANAGER

from .viewsets import search_gaps, search_gaps_menu_item, search_thesaurus

# Editors and Managers keep the search thesaurus.
THESAURUS_PERMISSIONS = [
    f"deskbook_search.{action}_synonymgroup"
    for action in ("add", "change", "delete", "view")
]


@hooks.register("register_admin_viewset")
def register_search_gaps():
    return search_gaps


@hooks.register("register_admin_viewset")
def register_search_thesaurus():
    return search_thesaurus


@hooks.register("register_reports_menu_item")
def register_search_gaps_menu_item():
    return search_gaps_menu_item()


@hooks.register(ROLE_PERMISSIONS)
def search_role_permissions():
    # Managers may also clear gaps that have been dealt with.
    return {
        MANAGER: [
            "deskbook_search.view_searchgap",
            "deskbook_search.delete_searchgap",
            *THESAURUS_PERMISSIONS,
        ],
        EDITOR: ["deskbook_search.view_searchgap", *THESAURUS_PERMISSIONS],
    }
