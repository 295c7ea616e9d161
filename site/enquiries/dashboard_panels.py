from deskbook.core.dashboard_panels import DashboardPanel

from .models import Enquiry

SHOWN = 5


class NewEnquiriesPanel(DashboardPanel):
    """The newest enquiries nobody has picked up yet, and how many are held."""

    name = "enquiries_new"
    order = 80
    template_name = "enquiries/panels/new_enquiries.html"

    def get_context_data(self, parent_context=None):
        new = Enquiry.objects.new()
        return {
            "enquiries": list(new[:SHOWN]),
            "total": new.count(),
            "held": Enquiry.objects.held().count(),
        }
