import inspect
import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail import hooks

from deskbook.core.demo import DEMO_PASSWORD, DEMO_USERS
from deskbook.core.hooks import SEED_DEMO
from deskbook.core.organisation import OrganisationSettings
from deskbook.core.roles import STAFF_ROLES
from workforce.people.models import Staff

pytestmark = pytest.mark.usefixtures("search_indexing_off")


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.label != "sessions.Session"
    }


def seed(*args) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_seed_demo_twice_gives_the_same_counts():
    seed()
    first = row_counts()
    seed()
    assert row_counts() == first


@pytest.mark.django_db
def test_seed_demo_prints_and_creates_one_sign_in_per_role():
    output = seed()
    assert DEMO_PASSWORD in output
    User = get_user_model()
    for demo in DEMO_USERS:
        assert demo.username in output
        user = User.objects.get(username=demo.username)
        assert user.check_password(DEMO_PASSWORD)
    held = {
        group
        for user in User.objects.filter(is_superuser=False)
        for group in user.groups.values_list("name", flat=True)
    }
    assert held == set(STAFF_ROLES)


@pytest.mark.django_db
def test_if_empty_leaves_an_existing_demo_alone():
    seed()
    # A record a second seed would make again (one with no shifts planned).
    Staff.objects.filter(user__username="trainer").delete()
    before = row_counts()
    output = seed("--if-empty")
    assert "already present" in output
    assert row_counts() == before


@pytest.mark.django_db
def test_seed_keeps_a_changed_demo_password():
    seed()
    user = get_user_model().objects.get(username="manager")
    user.set_password("changed-by-the-manager")
    user.save()
    seed()
    user.refresh_from_db()
    assert user.check_password("changed-by-the-manager")


@pytest.mark.django_db
def test_seed_demo_names_the_demo_agency():
    seed()
    organisation = OrganisationSettings.objects.get(site__is_default_site=True)
    assert organisation.name == "Meridian Recovery Services"
    assert organisation.address.endswith("Singapore 079912")


def test_every_app_demo_takes_the_size_and_the_log():
    seeders = hooks.get_hooks(SEED_DEMO)
    assert {seeder.__module__.split(".")[0] for seeder in seeders} >= {
        "workforce",
        "kb",
        "lessons",
        "deskbook",
    }
    for seeder in seeders:
        inspect.signature(seeder).bind(size="large", log=print)
