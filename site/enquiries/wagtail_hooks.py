from wagtail import hooks

from deskbook.core.hooks import BOOTSTRAP, ROLE_PERMISSIONS, SEED_DEMO
from deskbook.core.roles import EDITOR, MANAGER

from .bootstrap import bootstrap_contact_page
from .dashboard_panels import NewEnquiriesPanel
from .demo import seed_enquiries
from .viewsets import enquiry_viewset

hooks.register(BOOTSTRAP, fn=bootstrap_contact_page, order=40)


@hooks.register("register_admin_viewset")
def register_enquiry_viewset():
    return enquiry_viewset


@hooks.register(ROLE_PERMISSIONS)
def enquiry_role_permissions():
    # Nobody adds enquiries by hand: they come from the public form. Managers
    # may delete one, e.g. when its sender asks for their data to be erased.
    return {
        EDITOR: ["enquiries.view_enquiry", "enquiries.change_enquiry"],
        MANAGER: [
            "enquiries.view_enquiry",
            "enquiries.change_enquiry",
            "enquiries.delete_enquiry",
        ],
    }


@hooks.register("construct_homepage_panels")
def add_new_enquiries_panel(request, panels):
    if request.user.has_perm("enquiries.view_enquiry"):
        panels.append(NewEnquiriesPanel(request))


@hooks.register(SEED_DEMO, order=40)
def seed_enquiries_demo(*, size, log):
    seed_enquiries(log=log)
