import io
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from wagtail.models import GroupPagePermission

from deskbook.core.permission_matrix import END_MARKER, START_MARKER, render_matrix
from deskbook.core.roles import (
    COLLECTOR,
    EDITOR,
    MANAGER,
    QA_ANALYST,
    STAFF_ROLES,
    TEAM_LEAD,
    TRAINER,
    sync_roles,
)

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"


def perms_of(role):
    group = Group.objects.get(name=role)
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


@pytest.mark.django_db
def test_migrate_creates_every_role_group():
    assert set(Group.objects.values_list("name", flat=True)) >= set(STAFF_ROLES)


@pytest.mark.django_db
def test_every_role_may_use_the_admin():
    for role in STAFF_ROLES:
        assert "wagtailadmin.access_admin" in perms_of(role)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [COLLECTOR, TRAINER, QA_ANALYST, EDITOR])
def test_roles_without_staff_duties_cannot_see_staff_records(role):
    assert not {p for p in perms_of(role) if p.startswith("workforce.")}


@pytest.mark.django_db
def test_team_lead_may_only_view_staff_records_and_record_moves():
    assert {p for p in perms_of(TEAM_LEAD) if p.startswith("workforce.")} == {
        "workforce.view_staff",
        "workforce.view_team",
        "workforce.add_teammembership",
        "workforce.view_teammembership",
    }


@pytest.mark.django_db
def test_manager_manages_staff_records():
    assert {
        "workforce.add_staff",
        "workforce.change_staff",
        "workforce.delete_staff",
        "workforce.view_staff",
    } <= perms_of(MANAGER)


@pytest.mark.django_db
def test_no_role_can_manage_users_or_groups():
    for role in STAFF_ROLES:
        assert not {p for p in perms_of(role) if p.startswith("auth.")}


@pytest.mark.django_db
def test_sync_resets_a_permission_granted_by_hand():
    extra = Group.objects.get(name=COLLECTOR)
    extra.permissions.add(
        *Group.objects.get(name=MANAGER).permissions.filter(codename="delete_staff")
    )
    sync_roles()
    assert "workforce.delete_staff" not in perms_of(COLLECTOR)


@pytest.mark.django_db
def test_page_permissions_follow_the_roles(site_tree):
    def actions(role, slug):
        return set(
            GroupPagePermission.objects.filter(
                group__name=role, page__slug=slug
            ).values_list("permission__codename", flat=True)
        )

    assert actions(EDITOR, "awareness") == {"add_page", "change_page"}
    assert "publish_page" in actions(MANAGER, "home")
    # Other roles write nothing public; they may only add (and submit) lessons,
    # and team leads review them.
    for role in (COLLECTOR, TRAINER, QA_ANALYST):
        assert actions(role, "awareness") == set()
        assert actions(role, "knowledge-base") == set()
        assert actions(role, "lessons") == {"add_page"}
    assert actions(TEAM_LEAD, "lessons") == {"add_page", "change_page", "publish_page"}
    # Team leads draft public alerts from lessons; Managers publish them.
    assert actions(TEAM_LEAD, "awareness") == {"add_page", "change_page"}
    assert not GroupPagePermission.objects.filter(
        group__name__in=(COLLECTOR, TRAINER, QA_ANALYST),
        page__slug__in=("home", "awareness", "knowledge-base"),
    ).exists()
    assert not GroupPagePermission.objects.filter(
        group__name=TEAM_LEAD, page__slug__in=("home", "knowledge-base")
    ).exists()


@pytest.mark.django_db
def test_permissions_doc_matches_the_database(site_tree):
    document = DOC.read_text()
    start = document.index(START_MARKER) + len(START_MARKER)
    documented = document[start : document.index(END_MARKER)].strip()
    assert documented == render_matrix(), (
        "docs/permissions.md is out of date: run "
        "`python manage.py permission_matrix --write docs/permissions.md`"
    )


@pytest.mark.django_db
def test_after_migrate_the_roles_are_back_as_declared():
    # What every migrate and flush sends, one signal per app.
    Group.objects.filter(name=TRAINER).delete()
    Group.objects.get(name=COLLECTOR).permissions.add(
        *Group.objects.get(name=MANAGER).permissions.filter(codename="delete_staff")
    )
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert perms_of(TRAINER) == {
        "wagtailadmin.access_admin",
        "lessons.add_soprevisionproposal",
        "lessons.view_soprevisionproposal",
        *(
            f"courses.{action}_{model}"
            for model in ("course", "session", "enrolmentrule")
            for action in ("add", "change", "view")
        ),
        "courses.view_enrolment",
        "courses.add_enrolment",
        "courses.view_certificate",
    }
    assert "workforce.delete_staff" not in perms_of(COLLECTOR)


@pytest.mark.django_db
def test_sync_roles_command_is_idempotent(site_tree):
    before = {role: perms_of(role) for role in STAFF_ROLES}
    call_command("sync_roles", stdout=io.StringIO())
    assert {role: perms_of(role) for role in STAFF_ROLES} == before


@pytest.mark.django_db
def test_pages_submitted_for_moderation_go_to_managers(site_tree):
    from wagtail.models import Page

    home = Page.objects.get(slug="home")
    workflow = home.get_workflow()
    assert workflow.name == "Manager approval"
    (task,) = [t.specific for t in workflow.tasks]
    assert [g.name for g in task.groups.all()] == [MANAGER]


@pytest.mark.django_db
def test_wagtails_unused_default_groups_are_removed(site_tree):
    assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()
