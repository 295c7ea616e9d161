"""Partner agencies."""

from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from deskbook.core.exports import SAFE_TEXT
from deskbook.core.refusals import RefusesWith403

from ..hooks import WORKFORCE_MENU
from ..models import PartnerAgency


class PartnerAgencyIndexView(IndexView):
    custom_value_preprocess = SAFE_TEXT


class PartnerAgencyViewSet(RefusesWith403, ModelViewSet):
    model = PartnerAgency
    url_prefix = "workforce/partners"
    icon = "site"
    menu_label = "Partner agencies"
    menu_order = 30
    add_to_admin_menu = True
    menu_hook = WORKFORCE_MENU
    index_view_class = PartnerAgencyIndexView
    list_display = ["name", "contact_name", "contact_email"]
    search_fields = ["name", "contact_name"]
    form_fields = ["name", "contact_name", "contact_email"]
    list_export = ["name", "contact_name", "contact_email"]
    export_filename = "partner-agencies"
