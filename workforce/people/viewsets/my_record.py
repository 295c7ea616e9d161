"""A person's own record, read only: the page a collector opens from the
dashboard. It takes no id, so it can only ever show the signed-in person."""

from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..selectors import own_record, team_history, team_on_date


class MyRecordView(WagtailAdminTemplateMixin, TemplateView):
    page_title = "My record"
    header_icon = "user"
    template_name = "workforce/my_record.html"

    def get_breadcrumbs_items(self):
        # Without it the header names the dashboard ("Home"), not this page.
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        staff = own_record(self.request.user)
        context["staff"] = staff
        if staff is not None:
            today = timezone.localdate()
            context["team_today"] = team_on_date([staff.pk], today).get(staff.pk)
            context["team_history"] = team_history(staff)
        return context
