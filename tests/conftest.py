"""Fixtures shared by the whole suite.

Time: a test whose answer turns on the date or the hour stops the clock with
``frozen_time`` at a moment of the agency's day, written as a literal::

    def test_due_from_local_midnight(frozen_time):
        frozen_time("2026-02-28 23:59:59")  # Asia/Singapore: 15:59:59 UTC
        ...
        frozen_time("2026-03-01 00:00")  # call again to move the clock

Naive datetimes and strings are read in ``TIME_ZONE`` (Asia/Singapore), a date
as its local midnight, and the clock stands still until moved: rows written at
one frozen moment share their timestamps, so move the clock between steps whose
order the test reads (publish, then review). time-machine's own
``time_machine`` fixture remains for a clock that must tick or ``shift()``; it
reads a naive datetime as UTC but a naive string in the process's zone, so give
it aware values only.
"""

import datetime
import importlib

import pytest
from django.utils import timezone
from wagtail.models import Site

from deskbook.core.bootstrap import bootstrap_site
from deskbook.core.roles import STAFF_ROLES
from tests.factories import UserFactory


@pytest.fixture(scope="session")
def django_db_use_migrations():
    """The test database's tables are made from the models, not by running
    every migration: that took 25 s of each test process on a quiet machine
    and 75 s on a busy one. CI's ``makemigrations --check`` keeps the models
    and the migrations alike; what migrations add beyond the models is added
    by ``_beyond_the_models``; the one data migration worth testing is tested
    on a scratch database (tests/workforce/test_migration_to_memberships.py).
    """
    return False


def _beyond_the_models():
    """What migrations write that the models do not say: PostgreSQL's refusal
    of a person's overlapping memberships, the starter thesaurus and the
    languages people speak."""
    from django.apps import apps
    from django.db import connection

    from workforce.people.models import Language

    for migration in (
        "workforce.people.migrations.0004_membership_overlap_exclusion",
        "deskbook.search.migrations.0004_thesaurus_starter",
    ):
        module = importlib.import_module(migration)
        with connection.schema_editor() as editor:
            for operation in module.Migration.operations:
                operation.code(apps, editor)
    languages = importlib.import_module(
        "workforce.people.migrations.0003_drop_team_fk_and_lead_sign_in"
    ).LANGUAGES
    for code, name in languages:
        Language.objects.get_or_create(code=code, defaults={"name": name})


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database starts with the roles and page tree of a fresh install.

    Built once per test process: each test runs in a transaction that is
    rolled back, so the tree is back as it was for the next one.
    """
    with django_db_blocker.unblock():
        _beyond_the_models()
        bootstrap_site()
    store = _search_store()
    if store is not None:
        store.remove()


@pytest.fixture
def site_tree(db):
    """Roles and the page tree, as a fresh install has them."""
    # Tests on a live server flush the database when they end: build it again.
    if not Site.objects.filter(is_default_site=True, root_page__depth=2).exists():
        bootstrap_site()


@pytest.fixture
def frozen_time(time_machine):
    """Stop the clock at an agency-local moment: ``frozen_time("2028-02-29 00:00")``.

    Takes an ISO string, a date or a datetime (naive ones are local time) and
    returns the moment, aware in ``TIME_ZONE``.
    """

    def freeze(moment: str | datetime.date) -> datetime.datetime:
        if isinstance(moment, str):
            moment = datetime.datetime.fromisoformat(moment)
        elif not isinstance(moment, datetime.datetime):
            moment = datetime.datetime.combine(moment, datetime.time())
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        # In the agency's zone, so time-machine keeps the process's zone too.
        moment = moment.astimezone(timezone.get_default_timezone())
        time_machine.move_to(moment, tick=False)
        return moment

    return freeze


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


def _search_store():
    """The default backend's on-disk store, when the backend is ours."""
    from wagtail.search.backends import get_search_backend

    return getattr(get_search_backend(), "store", None)


@pytest.fixture(autouse=True)
def search_index_removed_after_writes():
    """Every test starts with no search index: one that wrote to it removes
    it when it ends. Until a test searches, its page saves are only noted;
    its first search builds the index from the database, its pages alone.

    The database is rolled back after each test but the Whoosh index is not.
    Left to grow, it held every page of every earlier test of the process,
    and each page saved merged ever larger segments.
    """
    store = _search_store()
    before = store.changes() if store is not None else None
    yield
    if store is not None and store.changes() != before:
        store.remove()


@pytest.fixture
def search_indexing_off(settings):
    """Pages saved during the test are not indexed (seeding the whole demo
    indexes thousands of objects one commit at a time)."""
    settings.WAGTAILSEARCH_BACKENDS = {
        name: {**options, "AUTO_UPDATE": False}
        for name, options in settings.WAGTAILSEARCH_BACKENDS.items()
    }
