import time

import pytest
from django.core.cache import cache

from deskbook.enquiries.antispam import form_token
from deskbook.enquiries.models import EnquiryPage, Topic

CONTACT_URL = "/contact/"


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counts live in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def contact_page(site_tree) -> EnquiryPage:
    return EnquiryPage.objects.get(slug="contact")


def enquiry_data(**overrides) -> dict:
    """A valid submission, as a person who took a minute over it sends it."""
    data = {
        "name": "Lim Bee Hoon",
        "email": "beehoon@example.com",
        "phone": "+65 9123 4567",
        "topic": Topic.IMPERSONATION,
        "account_reference": "",
        "message": "Someone called saying they were you and asked me to pay "
        "into a personal account.",
        "website": "",
        "form_token": form_token(issued_at=time.time() - 60),
    }
    data.update(overrides)
    return data
