import pytest
from wagtail.models import Site

from deskbook.core.bootstrap import bootstrap_site
from deskbook.core.roles import STAFF_ROLES
from tests.factories import UserFactory


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database starts with the roles and page tree of a fresh install.

    Built once per test process: each test runs in a transaction that is
    rolled back, so the tree is back as it was for the next one.
    """
    with django_db_blocker.unblock():
        bootstrap_site()


@pytest.fixture
def site_tree(db):
    """Roles and the page tree, as a fresh install has them."""
    # Tests on a live server flush the database when they end: build it again.
    if not Site.objects.filter(is_default_site=True, root_page__depth=2).exists():
        bootstrap_site()


@pytest.fixture
def user_with_role(db):
    """Make a user holding one role: ``user_with_role("Collector")``."""

    def make(role: str, **fields):
        assert role in STAFF_ROLES, role
        return UserFactory(roles=[role], **fields)

    return make


@pytest.fixture
def client_as(client, user_with_role):
    """A test client signed in with a new user of the given role."""

    def sign_in(role: str):
        user = user_with_role(role)
        client.force_login(user)
        return client

    return sign_in
