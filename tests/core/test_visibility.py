"""Which pages a user may view, worked out once per request and never stale."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from deskbook.core.pagetree import restrict_to_groups
from deskbook.core.roles import COLLECTOR, MANAGER, TEAM_LEAD
from deskbook.core.visibility import viewable_by
from tests.articles.factories import awareness, make_article

pytestmark = pytest.mark.usefixtures("site_tree")


def visible_titles(user) -> set[str]:
    return set(viewable_by(Page.objects.live(), user).values_list("title", flat=True))


def queries_of(run) -> int:
    with CaptureQueriesContext(connection) as captured:
        run()
    return len(captured)


def test_staff_sections_are_hidden_from_anonymous_and_shown_to_staff(
    user_with_role,
):
    public = visible_titles(AnonymousUser())
    assert "Awareness" in public
    assert "Knowledge base" not in public and "Lessons" not in public
    staff = visible_titles(user_with_role(COLLECTOR))
    assert {"Knowledge base", "Lessons", "Awareness"} <= staff


def test_the_answer_is_worked_out_once_per_user_object(user_with_role):
    user = user_with_role(COLLECTOR)
    first = queries_of(lambda: visible_titles(user))
    again = queries_of(lambda: visible_titles(user))
    assert again == first - 3  # groups, restrictions and their groups: once


def test_a_new_restriction_applies_at_once_to_a_user_already_asked(user_with_role):
    user = user_with_role(COLLECTOR)
    article = make_article("Internal bank call script")
    assert article.title in visible_titles(user)
    restrict_to_groups(awareness(), [MANAGER])
    assert article.title not in visible_titles(user)


def test_joining_a_group_applies_at_once(user_with_role):
    user = user_with_role(COLLECTOR)
    restrict_to_groups(awareness(), [TEAM_LEAD])
    assert "Awareness" not in visible_titles(user)
    user.groups.add(Group.objects.get(name=TEAM_LEAD))
    assert "Awareness" in visible_titles(user)


def test_losing_every_role_applies_at_once(user_with_role):
    user = user_with_role(COLLECTOR)
    assert "Knowledge base" in visible_titles(user)
    user.groups.clear()
    assert "Knowledge base" not in visible_titles(user)


def test_becoming_a_superuser_applies_at_once(user_with_role):
    user = user_with_role(COLLECTOR)
    user.groups.clear()
    assert "Knowledge base" not in visible_titles(user)
    user.is_superuser = True
    assert "Knowledge base" in visible_titles(user)
