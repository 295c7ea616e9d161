import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from deskbook.search.whoosh.pk_filter import SMALL_SET, filter_by_pks

pytestmark = pytest.mark.django_db


def test_a_large_key_set_filters_in_one_parameter():
    User = get_user_model()
    User.objects.bulk_create(User(username=f"u{n}") for n in range(SMALL_SET * 3))
    wanted = list(User.objects.values_list("pk", flat=True))[: SMALL_SET * 2 + 7]
    filtered = filter_by_pks(User.objects.all(), wanted)
    _, params = filtered.query.sql_with_params()
    assert len(params) == 1
    assert filtered.count() == len(wanted)
    assert set(filtered.values_list("pk", flat=True)) == set(wanted)


def test_a_small_key_set_and_an_empty_one():
    groups = list(Group.objects.all()[:2])
    assert set(filter_by_pks(Group.objects.all(), [g.pk for g in groups])) == set(
        groups
    )
    assert not filter_by_pks(Group.objects.all(), []).exists()
