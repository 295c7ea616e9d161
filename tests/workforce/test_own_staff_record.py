"""``staff_of``: the signed-in person's staff record, read once per request
and kept on that request's user; and the admin's pages, whose menu items and
dashboard panels all ask it, reading it once."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from deskbook.core.roles import COLLECTOR, TEAM_LEAD, TRAINER
from tests.workforce.factories import StaffFactory, TeamFactory
from workforce.people.models import Staff
from workforce.people.selectors import staff_of


def own_record_reads(queries, user) -> int:
    """The queries reading ``user``'s own staff record (a look-up by sign-in,
    not a join through teams or leads)."""
    own = re.compile(
        rf'FROM "workforce_staff" WHERE "workforce_staff"\."user_id" = {user.pk}\b'
    )
    return sum(1 for query in queries if own.search(query["sql"]))


def test_a_second_ask_for_the_same_sign_in_reads_nothing(
    user_with_role, django_assert_num_queries
):
    user = user_with_role(COLLECTOR)
    staff = StaffFactory(user=user)

    with django_assert_num_queries(1):
        assert staff_of(user) == staff
    with django_assert_num_queries(0):
        assert staff_of(user) == staff


def test_each_sign_in_gets_its_own_record(user_with_role):
    aisyah = user_with_role(COLLECTOR)
    wei = user_with_role(COLLECTOR)
    trainer = user_with_role(TRAINER)
    aisyah_staff = StaffFactory(user=aisyah)
    wei_staff = StaffFactory(user=wei)

    assert staff_of(aisyah) == aisyah_staff
    assert staff_of(wei) == wei_staff
    assert staff_of(trainer) is None
    assert staff_of(aisyah) == aisyah_staff


def test_a_record_linked_or_unlinked_later_is_seen(user_with_role):
    user = user_with_role(TRAINER)
    assert staff_of(user) is None

    staff = StaffFactory(user=user)
    assert staff_of(user) == staff

    staff.user = None
    staff.save()
    assert staff_of(user) is None


def test_a_deleted_record_is_not_kept(user_with_role):
    user = user_with_role(COLLECTOR)
    StaffFactory(user=user)
    assert staff_of(user) is not None

    Staff.objects.get(user=user).delete()
    assert staff_of(user) is None


def test_anonymous_and_deactivated_sign_ins_have_no_record(
    user_with_role, django_assert_num_queries
):
    user = user_with_role(COLLECTOR, is_active=False)
    StaffFactory(user=user)
    with django_assert_num_queries(0):
        assert staff_of(AnonymousUser()) is None
        assert staff_of(user) is None


@pytest.fixture
def collector(db, user_with_role, frozen_time):
    frozen_time("2026-03-10 09:00")
    user = user_with_role(COLLECTOR, username="nur")
    lead = user_with_role(TEAM_LEAD, username="eva")
    StaffFactory(user=user, team=TeamFactory(lead=lead))
    return user


@pytest.mark.parametrize(
    "url", ["/admin/", "/admin/my-record/"], ids=["dashboard", "my_record"]
)
def test_an_admin_page_reads_the_viewers_staff_record_once(client, collector, url):
    client.force_login(collector)
    assert client.get(url).status_code == 200

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)

    assert response.status_code == 200
    # The menu's own items (My shifts, My leave, My training, My evaluations)
    # and the panels each asked: one read served them all.
    html = response.content.decode()
    for item in ("My shifts", "My leave", "My training", "My evaluations"):
        assert item in html
    assert own_record_reads(queries.captured_queries, collector) == 1
