"""The seed_demo command as a whole. Seeding the whole demo takes many seconds,
so one test seeds it once and checks what the first run makes, then what a
second run and ``--if-empty`` leave alone. Each app's part of the demo is
tested in that app's folder, seeding only that part."""

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
from workforce.leave.models import Allocation
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


def check_one_sign_in_per_role_is_printed_and_created(output: str):
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


def check_the_demo_agency_is_named():
    organisation = OrganisationSettings.objects.get(site__is_default_site=True)
    assert organisation.name == "Meridian Recovery Services"
    assert organisation.address.endswith("Singapore 079912")


@pytest.mark.django_db
def test_demo_has_a_sign_in_per_role_and_the_agency_and_a_rerun_changes_nothing():
    # The first run: one sign-in per role, printed; the agency named.
    check_one_sign_in_per_role_is_printed_and_created(seed())
    check_the_demo_agency_is_named()

    # A second run gives the same counts and keeps a changed demo password.
    manager = get_user_model().objects.get(username="manager")
    manager.set_password("changed-by-the-manager")
    manager.save()
    first = row_counts()
    seed()
    assert row_counts() == first
    manager.refresh_from_db()
    assert manager.check_password("changed-by-the-manager")

    # --if-empty leaves an existing demo alone, even one missing a person
    # (one a second seed would make again: one with no shifts planned and
    # no leave asked for, only the allocations that go with them; not the
    # trainer, whose sessions keep their record, nor the QA analyst, whose
    # evaluations do).
    Allocation.objects.filter(staff__user__username="editor").delete()
    Staff.objects.filter(user__username="editor").delete()
    before = row_counts()
    output = seed("--if-empty")
    assert "already present" in output
    assert row_counts() == before


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
