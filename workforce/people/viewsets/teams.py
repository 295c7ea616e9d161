"""Teams, with their headcount today."""

from django.db.models import Count, Q
from django.utils import timezone
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from deskbook.core.exports import SAFE_TEXT
from deskbook.core.refusals import RefusesWith403

from ..hooks import WORKFORCE_MENU
from ..models import Team
from ..selectors import team_list_for


class TeamIndexView(IndexView):
    custom_value_preprocess = SAFE_TEXT

    def get_base_queryset(self):
        today = timezone.localdate()
        in_force = Q(memberships__valid_from__lte=today) & (
            Q(memberships__valid_to__isnull=True) | Q(memberships__valid_to__gte=today)
        )
        return team_list_for(self.request.user).annotate(
            headcount=Count("memberships", filter=in_force)
        )


class TeamViewSet(RefusesWith403, ModelViewSet):
    model = Team
    url_prefix = "workforce/teams"
    icon = "group"
    menu_label = "Teams"
    menu_order = 20
    add_to_admin_menu = True
    menu_hook = WORKFORCE_MENU
    index_view_class = TeamIndexView
    list_display = [
        "name",
        "stage",
        "channel",
        "location",
        "run_by",
        Column("headcount", label="Headcount today"),
    ]
    list_filter = ["stage", "channel", "partner"]
    search_fields = ["name", "location"]
    form_fields = [
        "name",
        "slug",
        "stage",
        "channel",
        "leads",
        "location",
        "minimum_staffing",
        "partner",
    ]
    list_export = [
        "name",
        "stage",
        "channel",
        "location",
        "minimum_staffing",
        "run_by",
        "headcount",
    ]
    export_headings = {"headcount": "Headcount today", "run_by": "Run by"}
    export_filename = "teams"
