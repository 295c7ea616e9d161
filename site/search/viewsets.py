"""The "Search gaps" report: what people searched for and did not find."""

from django.urls import reverse
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.search.backends import get_search_backend

from deskbook.core.menus import PermissionMenuItem

from .gap_outlook import gap_outlooks
from .models import SearchGap, SynonymGroup


class SearchGapIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("query")

    def get_table(self, object_list):
        # Only the gaps on the page shown are tried: a handful of searches in
        # the index, and the same few database queries however many there are.
        if not self.is_export:
            gaps = list(object_list)
            outlooks = gap_outlooks(
                (gap.query.query_string for gap in gaps),
                viewer=self.request.user,
                backend=get_search_backend(),
            )
            for gap in gaps:
                gap.outlook = outlooks.get(gap.query.query_string) or "—"
        return super().get_table(object_list)


class SearchGapViewSet(ModelViewSet):
    model = SearchGap
    url_prefix = "reports/search-gaps"
    icon = "search"
    menu_label = "Search gaps"
    add_to_admin_menu = False
    index_view_class = SearchGapIndexView
    list_display = [
        "query",
        "zero_result_hits",
        Column("outlook", label="Would find now"),
        "first_seen",
        "last_seen",
    ]
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
