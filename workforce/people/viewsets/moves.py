"""Team moves: the dated history, and recording a move through ``staff_move``."""

from django.db.models import Q
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from deskbook.core.exports import SAFE_TEXT
from deskbook.core.refusals import RefusesWith403

from ..admin_forms import TeamMoveForm
from ..hooks import WORKFORCE_MENU
from ..models import TeamMembership
from ..selectors import SEE_EVERYONE, teams_led_by
from ..services import staff_move
from .service_forms import ServiceCreateView


class TeamMoveIndexView(IndexView):
    custom_value_preprocess = SAFE_TEXT

    def get_base_queryset(self):
        user = self.request.user
        moves = TeamMembership.objects.select_related("staff", "team", "recorded_by")
        if user.has_perm(SEE_EVERYONE):
            return moves
        # A lead sees every stay in the teams they lead: who came and who left.
        return moves.filter(Q(team__in=teams_led_by(user)) | Q(staff__user=user))


class TeamMoveCreateView(ServiceCreateView):
    error_fields = {"effective_on": "valid_from"}

    def call_service(self, data):
        return staff_move(
            staff=data["staff"],
            team=data["team"],
            effective_on=data["valid_from"],
            reason=data["reason"],
            by=self.request.user,
        )


class TeamMoveViewSet(RefusesWith403, ModelViewSet):
    model = TeamMembership
    url_prefix = "workforce/moves"
    icon = "resubmit"
    menu_label = "Team moves"
    menu_order = 40
    add_to_admin_menu = True
    menu_hook = WORKFORCE_MENU
    index_view_class = TeamMoveIndexView
    add_view_class = TeamMoveCreateView
    list_display = ["staff", "team", "valid_from", "valid_to", "reason"]
    list_filter = ["team", "team__partner"]
    search_fields = ["staff__first_name", "staff__last_name", "staff__employee_number"]
    ordering = ["-valid_from"]
    list_export = [
        "staff.employee_number",
        "staff.full_name",
        "team.name",
        "valid_from",
        "valid_to",
        "reason",
    ]
    export_headings = {
        "staff.employee_number": "Employee number",
        "staff.full_name": "Name",
        "team.name": "Team",
        "valid_from": "From",
        "valid_to": "Until",
    }
    export_filename = "team-moves"

    def get_form_class(self, for_update=False):
        return TeamMoveForm
