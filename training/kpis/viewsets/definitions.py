"""*Training & quality → KPI definitions*: managers set each stage's or
team's KPIs; every row shows its formula, numerator and denominator named."""

from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from deskbook.core.exports import SAFE_TEXT
from deskbook.core.refusals import RefusesWith403
from training.courses.hooks import TRAINING_MENU

from ..models import KpiDefinition


class KpiDefinitionViewSet(RefusesWith403, ModelViewSet):
    model = KpiDefinition
    url_prefix = "kpis/definitions"
    icon = "list-ol"
    menu_label = "KPI definitions"
    menu_order = 62
    add_to_admin_menu = True
    menu_hook = TRAINING_MENU
    list_display = [
        "name",
        "applies_to",
        "measure",
        Column("formula", label="Formula"),
        "target",
        "weight",
        "cap",
        "period_kind",
        "active",
    ]
    list_filter = ["stage", "team", "measure", "period_kind", "active"]
    search_fields = ["name"]
    form_fields = [
        "name",
        "measure",
        "direction",
        "target",
        "weight",
        "cap",
        "stage",
        "team",
        "period_kind",
        "active",
        "order",
    ]
    list_export = [
        "name",
        "applies_to",
        "measure",
        "formula",
        "direction",
        "target",
        "weight",
        "cap",
        "period_kind",
        "active",
    ]
    export_headings = {"applies_to": "Applies to", "formula": "Formula"}
    export_filename = "kpi-definitions"
    custom_value_preprocess = SAFE_TEXT
