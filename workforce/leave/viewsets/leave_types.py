"""Leave types: managers keep them; leads see them."""

from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from deskbook.core.exports import SAFE_TEXT
from deskbook.core.refusals import RefusesWith403

from ..models import LeaveType


class LeaveTypeIndexView(IndexView):
    custom_value_preprocess = SAFE_TEXT


class LeaveTypeViewSet(RefusesWith403, ModelViewSet):
    model = LeaveType
    url_prefix = "workforce/leave-types"
    icon = "tag"
    menu_label = "Leave types"
    menu_order = 20
    index_view_class = LeaveTypeIndexView
    copy_view_enabled = False
    list_filter = ["active", "needs_balance"]
    list_display = [
        "name",
        "code",
        BooleanColumn("paid", label="Paid"),
        BooleanColumn("needs_balance", label="From a balance"),
        BooleanColumn("carries_over", label="Carries over"),
        BooleanColumn("needs_document", label="Needs a document"),
        Column("notice_days", label="Notice (days)"),
        BooleanColumn("active", label="Active"),
    ]
    search_fields = ["name", "code"]
    form_fields = [
        "name",
        "code",
        "paid",
        "needs_balance",
        "carries_over",
        "needs_document",
        "notice_days",
        "colour",
        "active",
    ]
    list_export = form_fields
    export_filename = "leave-types"
