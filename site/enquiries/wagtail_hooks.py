from wagtail import hooks

from deskbook.core.hooks import BOOTSTRAP, ROLE_PERMISSIONS, SEED_DEMO
from deskbook.core.pagetree import ensure_child_page, grant_page_permissions, site_home
from deskbook.core.roles import EDITOR, MANAGER

from .dashboard_panels import NewEnquiriesPanel
from .demo import seed_enquiries
from .models import EnquiryPage
from .viewsets import enquiry_viewset

CONTACT_INTRO = (
    "<p>A question about a debt, a complaint, or a call or message you think is "
    "a scam using our name: tell us here and we will reply within two working "
    "days.</p>"
)
CONTACT_THANK_YOU = (
    "<p>Thank you: we have your enquiry and will reply by e-mail within two "
    "working days.</p><p>If someone is asking you to pay right now, do not pay "
    "them: we will never ask you to pay into a personal account, to buy gift "
    "cards or to share a one-time PIN.</p>"
)


@hooks.register(BOOTSTRAP, order=40)
def bootstrap_contact_page():
    contact = ensure_child_page(
        site_home(),
        EnquiryPage,
        slug="contact",
        title="Contact us",
        show_in_menus=True,
        intro=CONTACT_INTRO,
        thank_you_text=CONTACT_THANK_YOU,
        phone_number="+65 6555 0100",
        phone_hours="Monday to Friday, 9am to 6pm",
    )
    # Marketing & Communications keep the page's wording; Managers publish.
    grant_page_permissions(contact, EDITOR, ["change"])


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
