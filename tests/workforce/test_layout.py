"""The back office's layout: one Django app per capability, one admin menu for
workforce and one for training and quality, filled through hooks."""

from pathlib import Path

import pytest
from django.apps import apps
from django.test import RequestFactory
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from deskbook.core.roles import COLLECTOR, EDITOR, MANAGER, TEAM_LEAD
from training.courses.hooks import TRAINING_MENU
from training.courses.menus import training_menu
from workforce.people.menus import workforce_menu

ROOT = Path(__file__).resolve().parents[2]

SUB_APPS = [
    ("workforce.people", "workforce", "tests/workforce"),
    ("workforce.scheduling", "scheduling", "tests/scheduling"),
    ("workforce.leave", "leave", "tests/leave"),
    ("workforce.attendance", "attendance", "tests/attendance"),
    ("training.courses", "courses", "tests/courses"),
    ("training.qa", "qa", "tests/qa"),
    ("training.kpis", "kpis", "tests/kpis"),
]


@pytest.mark.parametrize(("name", "label", "tests_folder"), SUB_APPS)
def test_each_capability_is_an_app_with_its_label_and_tests_folder(
    name, label, tests_folder
):
    config = apps.get_app_config(label)
    assert config.name == name
    folder = Path(config.path)
    assert (folder / "apps.py").is_file()
    # models.py, or a models/ package once it grows (STYLE.md, rule 8).
    assert (folder / "models.py").is_file() or (
        folder / "models" / "__init__.py"
    ).is_file()
    assert (ROOT / tests_folder / "__init__.py").is_file()


def test_the_containers_are_not_apps():
    names = {config.name for config in apps.get_app_configs()}
    assert "workforce" not in names
    assert "training" not in names


def test_people_keeps_its_migrations_under_the_workforce_label():
    migrations = Path(apps.get_app_config("workforce").path) / "migrations"
    assert (migrations / "0001_initial.py").is_file()


def test_architecture_map_names_every_sub_app():
    text = (ROOT / "docs" / "architecture.md").read_text()
    for name, _, _ in SUB_APPS:
        assert f"`{name}`" in text, name


def _request(user):
    # Viewsets hook their menu items in as the admin's URLs load.
    request = RequestFactory().get(reverse("wagtailadmin_home"))
    request.user = user
    return request


def _labels(menu_item, user) -> list[str]:
    items = menu_item.menu.menu_items_for_request(_request(user))
    return sorted(str(item.label) for item in items)


@pytest.mark.django_db
def test_workforce_menu_holds_what_each_role_may_see(user_with_role):
    manager = user_with_role(MANAGER)
    menu = workforce_menu()
    assert menu.is_shown(_request(manager))
    assert _labels(menu, manager) == [
        "Attendance",
        "Import staff",
        "Leave",
        "Partner agencies",
        "Resignations",
        "Shift planning",
        "Staff",
        "Team moves",
        "Teams",
    ]
    assert _labels(menu, user_with_role(TEAM_LEAD)) == [
        "Attendance",
        "Leave",
        "Shift planning",
        "Staff",
        "Team moves",
        "Teams",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("role", [COLLECTOR, EDITOR])
def test_workforce_menu_is_hidden_from_those_with_nothing_in_it(user_with_role, role):
    assert not workforce_menu().is_shown(_request(user_with_role(role)))


@pytest.mark.django_db
def test_training_menu_shows_only_to_those_who_may_see_an_item(user_with_role):
    manager = user_with_role(MANAGER)
    assert training_menu().is_shown(_request(manager))
    assert {"Courses", "Sessions", "Enrolments", "Certificates"} <= set(
        _labels(training_menu(), manager)
    )
    # A collector finds their KPIs, and their own calls under QA; an editor,
    # nothing.
    assert _labels(training_menu(), user_with_role(COLLECTOR)) == ["My KPIs", "QA"]
    assert not training_menu().is_shown(_request(user_with_role(EDITOR)))

    def qa_item():
        return MenuItem("QA", "/admin/qa/", name="qa", order=900)

    with hooks.register_temporarily(TRAINING_MENU, qa_item):
        assert "QA" in _labels(training_menu(), manager)


@pytest.mark.django_db
def test_admin_sidebar_shows_the_workforce_menu_to_a_team_lead(client_as):
    html = client_as(TEAM_LEAD).get("/admin/").content.decode()
    assert '"Workforce"' in html
    assert '"Training \\u0026 quality"' in html
