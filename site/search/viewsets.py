"""The "Search gaps" report: what people searched for and did not find."""

from django.urls import reverse
from wagtail.admin.viewsets.model import ModelViewSet

from deskbook.core.menus import PermissionMenuItem

from .models import SearchGap, SynonymGroup


class SearchGapViewSet(ModelViewSet):
    model = SearchGap
    url_prefix = "reports/search-gaps"
    icon = "search"
    menu_label = "Search gaps"
    add_to_admin_menu = False
    list_display = ["query", "zero_result_hits", "first_seen", "last_seen"]
    list_filter = {"last_seen": ["gte", "lte"], "zero_result_hits": ["gte"]}
    search_fields = ["query__query_string"]
    list_per_page = 50
    list_export = ["query", "zero_result_hits", "first_seen", "last_seen"]
    export_headings = {"query": "Search text", "zero_result_hits": "Searches"}
    export_filename = "search-gaps"
    form_fields = []


search_gaps = SearchGapViewSet("search_gaps")


def search_gaps_menu_item() -> PermissionMenuItem:
    return PermissionMenuItem(
        "Search gaps",
        reverse(search_gaps.get_url_name("index")),
        name="search-gaps",
        icon_name="search",
        order=1350,
        permission="deskbook_search.view_searchgap",
    )


class SynonymGroupViewSet(ModelViewSet):
    """The search thesaurus: applied to each search as it runs, no rebuild."""

    model = SynonymGroup
    url_prefix = "search-thesaurus"
    icon = "search"
    menu_label = "Search thesaurus"
    add_to_settings_menu = True
    list_display = ["terms", "one_way", "note"]
    list_filter = ["one_way"]
    search_fields = ["terms", "note"]
    form_fields = ["terms", "one_way", "note"]


search_thesaurus = SynonymGroupViewSet("search_thesaurus")
