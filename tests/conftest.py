import pytest

from deskbook.core.bootstrap import bootstrap_site
from deskbook.core.roles import STAFF_ROLES
from tests.factories import UserFactory


@pytest.fixture
def site_tree(db):
    """Roles and the page tree, as a fresh install has them."""
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
