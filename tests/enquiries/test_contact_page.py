import pytest
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase

from deskbook.core.bootstrap import bootstrap_site
from deskbook.core.roles import EDITOR
from deskbook.enquiries.demo import DEMO_ENQUIRIES, seed_enquiries
from deskbook.enquiries.models import Enquiry, EnquiryPage
from deskbook.home.models import HomePage


@pytest.mark.django_db
def test_bootstrap_creates_a_public_live_contact_page_in_the_menu(contact_page):
    assert contact_page.title == "Contact us"
    assert contact_page.live
    assert contact_page.show_in_menus
    assert isinstance(contact_page.get_parent().specific, HomePage)
    assert not PageViewRestriction.objects.filter(
        page__path__in=[contact_page.path[: n * 4] for n in range(1, 4)]
    ).exists()
    bootstrap_site()
    assert EnquiryPage.objects.count() == 1


@pytest.mark.django_db
def test_editors_may_edit_the_contact_page_but_not_publish_it(
    contact_page, user_with_role
):
    permissions = contact_page.permissions_for_user(user_with_role(EDITOR))
    assert permissions.can_edit()
    assert not permissions.can_publish()


@pytest.mark.django_db
def test_demo_enquiries_are_added_once(db):
    seed_enquiries(log=lambda line: None)
    seed_enquiries(log=lambda line: None)
    assert Enquiry.objects.count() == len(DEMO_ENQUIRIES)
    assert Enquiry.objects.new().exists()
    assert Enquiry.objects.filter(status=Enquiry.Status.CLOSED).exists()


def test_reference_reads_back_into_a_primary_key():
    assert Enquiry(pk=42).reference == "ENQ-000042"
    assert Enquiry.pk_from_reference(" enq-000042 ") == 42
    assert Enquiry.pk_from_reference("ENQ-x") is None
    assert Enquiry.pk_from_reference("Tan") is None


class EnquiryPageRulesTests(WagtailPageTestCase):
    def test_contact_page_lives_only_under_the_home_page_and_has_no_children(self):
        self.assertAllowedParentPageTypes(EnquiryPage, {HomePage})
        self.assertAllowedSubpageTypes(EnquiryPage, set())

    def test_home_page_may_hold_the_contact_page(self):
        self.assertCanCreateAt(HomePage, EnquiryPage)

    def test_only_one_contact_page(self):
        assert EnquiryPage.max_count == 1
        assert Page not in EnquiryPage.allowed_parent_page_models()
