"""What a fresh site needs from enquiries: the public *Contact us* page."""

from deskbook.core.pagetree import ensure_child_page, grant_page_permissions, site_home
from deskbook.core.roles import EDITOR

from .models import EnquiryPage

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
