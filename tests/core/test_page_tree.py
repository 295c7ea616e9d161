import pytest
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.test.utils import WagtailPageTestCase

from deskbook.articles.models import ArticleIndexPage
from deskbook.core.bootstrap import bootstrap_site
from deskbook.core.roles import STAFF_ROLES
from deskbook.enquiries.models import EnquiryPage
from deskbook.home.models import HomePage
from kb.models import KnowledgeBaseIndexPage
from lessons.models import LessonIndexPage


@pytest.mark.django_db
def test_bootstrap_builds_home_and_three_sections(site_tree):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    children = {page.slug: page.specific for page in home.get_children().live()}
    assert isinstance(children["awareness"], ArticleIndexPage)
    assert isinstance(children["knowledge-base"], KnowledgeBaseIndexPage)
    assert isinstance(children["lessons"], LessonIndexPage)
    # Wagtail's placeholder welcome page is gone.
    assert not Page.objects.filter(depth=2).exclude(pk=home.pk).exists()


@pytest.mark.django_db
def test_staff_sections_are_restricted_to_exactly_the_staff_groups(site_tree):
    for slug in ("knowledge-base", "lessons"):
        restriction = PageViewRestriction.objects.get(page__slug=slug)
        assert restriction.restriction_type == PageViewRestriction.GROUPS
        assert sorted(g.name for g in restriction.groups.all()) == sorted(STAFF_ROLES)
    assert not PageViewRestriction.objects.filter(page__slug="awareness").exists()


@pytest.mark.django_db
def test_bootstrap_twice_changes_nothing(site_tree):
    before = (Page.objects.count(), PageViewRestriction.objects.count())
    bootstrap_site()
    assert (Page.objects.count(), PageViewRestriction.objects.count()) == before


class PageTypeRulesTests(WagtailPageTestCase):
    def test_home_page_allows_only_the_section_types(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {ArticleIndexPage, KnowledgeBaseIndexPage, LessonIndexPage, EnquiryPage},
        )

    def test_sections_live_only_under_the_home_page(self):
        for section in (ArticleIndexPage, KnowledgeBaseIndexPage, LessonIndexPage):
            self.assertAllowedParentPageTypes(section, {HomePage})

    def test_home_page_is_created_only_under_the_tree_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
