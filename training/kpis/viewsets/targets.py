"""*Training & quality → Collection targets*: the amount each collector of a
stage or team is set to collect in a month. Managers edit, leads read; a
change rebuilds the month's facts in the background."""

from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from deskbook.core.exports import SAFE_TEXT
from deskbook.core.refusals import RefusesWith403
from training.courses.hooks import TRAINING_MENU

from ..models import CollectionTarget
from ..services.targets import collection_target_changed


class TargetCreateView(generic.CreateView):
    def save_instance(self):
        instance = super().save_instance()
        collection_target_changed(months={instance.month})
        return instance


class TargetEditView(generic.EditView):
    def save_instance(self):
        before = CollectionTarget.objects.get(pk=self.object.pk).month
        instance = super().save_instance()
        collection_target_changed(months={before, instance.month})
        return instance


class TargetDeleteView(generic.DeleteView):
    def delete_action(self):
        month = self.object.month
        super().delete_action()
        collection_target_changed(months={month})


class CollectionTargetViewSet(RefusesWith403, ModelViewSet):
    model = CollectionTarget
    url_prefix = "kpis/collection-targets"
    icon = "list-ol"
    menu_label = "Collection targets"
    menu_order = 64
    add_to_admin_menu = True
    menu_hook = TRAINING_MENU
    add_view_class = TargetCreateView
    edit_view_class = TargetEditView
    delete_view_class = TargetDeleteView
    list_display = ["month", "applies_to", "amount"]
    list_filter = ["stage", "team", "month"]
    form_fields = ["month", "stage", "team", "amount"]
    list_export = ["month", "applies_to", "amount"]
    export_headings = {"applies_to": "Applies to", "amount": "Amount per collector"}
    export_filename = "kpi-collection-targets"
    custom_value_preprocess = SAFE_TEXT
